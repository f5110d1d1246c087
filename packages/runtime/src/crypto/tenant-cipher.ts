/**
 * AES-256-GCM encryption under the tenant's derived key.
 *
 * Envelope (a string, safe for JSON, URLs and text columns):
 *   ta1.<keyId>.<iv>.<ciphertext>.<tag>      iv/ciphertext/tag in base64url, iv 12 random bytes
 *
 * The additional authenticated data binds version, key id and the length-prefixed tenant id, so an
 * envelope decrypted for another tenant, or with its key id edited, fails authentication even before
 * the key difference matters. Decryption returns a Buffer (call .toString('utf8') for text).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveTenantKey, tenantKeyInfo } from './derive-tenant-key.js';
import { TenantDecryptionError } from './errors.js';
import { masterKeyFor, TenantKeyring } from './keyring.js';

export const ENVELOPE_VERSION = 'ta1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

/** A bare master key (treated as a one-key keyring with id "default") or a keyring. */
export type MasterKeyInput = Uint8Array | TenantKeyring;

function toKeyring(masterKey: MasterKeyInput): TenantKeyring {
  return masterKey instanceof TenantKeyring ? masterKey : TenantKeyring.single(masterKey);
}

function additionalData(keyId: string, tenantId: string): Buffer {
  return Buffer.concat([Buffer.from(`${ENVELOPE_VERSION}.${keyId}.`, 'utf8'), tenantKeyInfo(tenantId)]);
}

/** Encrypts for one tenant with the keyring's current key; returns the string envelope. */
export function encryptForTenant(masterKey: MasterKeyInput, tenantId: string, plaintext: string | Uint8Array): string {
  const keyring = toKeyring(masterKey);
  const keyId = keyring.currentKeyId;
  const key = deriveTenantKey(masterKeyFor(keyring, keyId)!, tenantId);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData(keyId, tenantId));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [ENVELOPE_VERSION, keyId, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
}

/** The key id an envelope was made with (for rotation jobs that re-encrypt old data), without decrypting. */
export function envelopeKeyId(envelope: string): string {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== ENVELOPE_VERSION || parts[1] === undefined) throw new TenantDecryptionError();
  return parts[1];
}

/**
 * Decrypts an envelope made for `tenantId`. Throws TenantDecryptionError for another tenant's
 * envelope, a tampered one, or one whose key id is not in the keyring.
 */
export function decryptForTenant(masterKey: MasterKeyInput, tenantId: string, ciphertext: string): Buffer {
  const keyring = toKeyring(masterKey);
  if (typeof ciphertext !== 'string') throw new TenantDecryptionError();
  const parts = ciphertext.split('.');
  if (parts.length !== 5 || parts[0] !== ENVELOPE_VERSION) throw new TenantDecryptionError();
  const [, keyId, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
  if (![ivText, bodyText, tagText].every((part) => B64URL.test(part))) throw new TenantDecryptionError();
  const master = masterKeyFor(keyring, keyId);
  if (master === undefined) throw new TenantDecryptionError();
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  // Explicit lengths: GCM would otherwise accept truncated tags, weakening authentication.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TenantDecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveTenantKey(master, tenantId), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(keyId, tenantId));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]);
  } catch {
    throw new TenantDecryptionError();
  }
}
