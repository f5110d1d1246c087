/**
 * Per-tenant key derivation. One master key never encrypts tenant data directly: each tenant gets an
 * independent 32-byte key via HKDF-SHA256, so a leaked tenant key exposes that tenant only, and a
 * ciphertext of one tenant cannot be opened with another tenant's key.
 */
import { hkdfSync } from 'node:crypto';
import { assertValidTenantId } from '../context/tenant-id.js';

/** Fixed, public HKDF salt. It separates this library's keys from any other use of the same master key. */
export const TENANT_KEY_SALT = 'tenant-audit/runtime/tenant-key-salt/v1';
/** Fixed prefix of the HKDF info string; the length-prefixed tenant id follows it. */
export const TENANT_KEY_INFO_PREFIX = 'tenant-audit/runtime/tenant-key/v1';

/** Below 32 bytes a master key is weaker than the AES-256 keys derived from it. */
export const MIN_MASTER_KEY_BYTES = 32;

/**
 * info = prefix || u32be(len(tenantId)) || tenantId. The length prefix makes the encoding injective:
 * no tenant id (whatever characters it contains) can produce another tenant's info string.
 */
export function tenantKeyInfo(tenantId: string): Buffer {
  const id = Buffer.from(assertValidTenantId(tenantId), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(id.length);
  return Buffer.concat([Buffer.from(TENANT_KEY_INFO_PREFIX, 'utf8'), length, id]);
}

/** The tenant's 32-byte AES-256 key, derived from the master key with HKDF-SHA256. */
export function deriveTenantKey(masterKey: Uint8Array, tenantId: string): Buffer {
  if (!(masterKey instanceof Uint8Array)) throw new TypeError('master key must be a Buffer or Uint8Array');
  if (masterKey.length < MIN_MASTER_KEY_BYTES) {
    throw new RangeError(`master key must be at least ${MIN_MASTER_KEY_BYTES} bytes, got ${masterKey.length}`);
  }
  return Buffer.from(hkdfSync('sha256', masterKey, TENANT_KEY_SALT, tenantKeyInfo(tenantId), 32));
}
