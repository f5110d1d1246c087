import { hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  decryptForTenant,
  deriveTenantKey,
  encryptForTenant,
  envelopeKeyId,
  TENANT_KEY_SALT,
  TenantDecryptionError,
  TenantKeyring,
  tenantKeyInfo,
} from '../src/crypto/index.js';

const master = randomBytes(32);

function flipChar(text: string, index: number): string {
  const c = text[index]!;
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('deriveTenantKey', () => {
  it('derives a deterministic 32-byte HKDF-SHA256 key per tenant', () => {
    const a1 = deriveTenantKey(master, 'acme');
    expect(a1).toHaveLength(32);
    expect(deriveTenantKey(master, 'acme').equals(a1)).toBe(true);
    expect(deriveTenantKey(master, 'globex').equals(a1)).toBe(false);
    expect(deriveTenantKey(randomBytes(32), 'acme').equals(a1)).toBe(false);
    // It is exactly HKDF-SHA256 with the documented salt and info, so other implementations can interoperate.
    const expected = Buffer.from(hkdfSync('sha256', master, TENANT_KEY_SALT, tenantKeyInfo('acme'), 32));
    expect(a1.equals(expected)).toBe(true);
  });

  it('length-prefixes the tenant id so ids cannot collide through concatenation', () => {
    expect(tenantKeyInfo('ab').equals(tenantKeyInfo('a'))).toBe(false);
    const keys = new Set(['a', 'ab', 'a:b', 'a b', 'ab:', '1', '01'].map((id) => deriveTenantKey(master, id).toString('hex')));
    expect(keys.size).toBe(7);
  });

  it('rejects short master keys and invalid tenant ids', () => {
    expect(() => deriveTenantKey(randomBytes(16), 'acme')).toThrow(RangeError);
    expect(() => deriveTenantKey(master, '')).toThrow(TypeError);
    expect(() => deriveTenantKey(master, '*')).toThrow(TypeError);
  });
});

describe('encryptForTenant / decryptForTenant', () => {
  it('round-trips strings and buffers with a fresh IV each time', () => {
    const envelope = encryptForTenant(master, 'acme', 'quarterly numbers');
    expect(envelope.split('.')).toHaveLength(5);
    expect(envelope.startsWith('ta1.default.')).toBe(true);
    expect(decryptForTenant(master, 'acme', envelope).toString('utf8')).toBe('quarterly numbers');
    const bytes = randomBytes(100);
    expect(decryptForTenant(master, 'acme', encryptForTenant(master, 'acme', bytes)).equals(bytes)).toBe(true);
    expect(encryptForTenant(master, 'acme', 'same')).not.toBe(encryptForTenant(master, 'acme', 'same'));
  });

  it('refuses to decrypt another tenant\'s ciphertext', () => {
    const envelope = encryptForTenant(master, 'acme', 'acme secret');
    expect(() => decryptForTenant(master, 'globex', envelope)).toThrow(TenantDecryptionError);
    expect(() => decryptForTenant(randomBytes(32), 'acme', envelope)).toThrow(TenantDecryptionError);
  });

  it('detects tampering in every part of the envelope', () => {
    const envelope = encryptForTenant(master, 'acme', 'do not touch');
    const parts = envelope.split('.');
    for (const index of [2, 3, 4]) {
      const tampered = [...parts];
      tampered[index] = flipChar(tampered[index]!, 1);
      expect(() => decryptForTenant(master, 'acme', tampered.join('.')), `part ${index}`).toThrow(TenantDecryptionError);
    }
    expect(() => decryptForTenant(master, 'acme', parts.slice(0, 4).join('.'))).toThrow(TenantDecryptionError);
    expect(() => decryptForTenant(master, 'acme', ['ta2', ...parts.slice(1)].join('.'))).toThrow(TenantDecryptionError);
    // A truncated tag must not be accepted.
    expect(() => decryptForTenant(master, 'acme', [...parts.slice(0, 4), parts[4]!.slice(0, 8)].join('.'))).toThrow(TenantDecryptionError);
  });
});

describe('TenantKeyring rotation', () => {
  it('encrypts with the current key and decrypts by the envelope key id', () => {
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    const ring = new TenantKeyring({ k1 }, 'k1');
    const old = encryptForTenant(ring, 'acme', 'before rotation');
    expect(envelopeKeyId(old)).toBe('k1');
    ring.add('k2', k2).setCurrent('k2');
    const fresh = encryptForTenant(ring, 'acme', 'after rotation');
    expect(envelopeKeyId(fresh)).toBe('k2');
    expect(decryptForTenant(ring, 'acme', old).toString()).toBe('before rotation');
    expect(decryptForTenant(ring, 'acme', fresh).toString()).toBe('after rotation');
    // A keyring that no longer holds k1 cannot read k1 data; editing the key id in the envelope does not help.
    const onlyK2 = new TenantKeyring({ k2 }, 'k2');
    expect(() => decryptForTenant(onlyK2, 'acme', old)).toThrow(TenantDecryptionError);
    expect(() => decryptForTenant(ring, 'acme', old.replace('.k1.', '.k2.'))).toThrow(TenantDecryptionError);
    expect(() => decryptForTenant(ring, 'globex', fresh)).toThrow(TenantDecryptionError);
  });

  it('validates key ids and refuses to replace a key', () => {
    expect(() => new TenantKeyring({ 'bad.id': randomBytes(32) }, 'bad.id')).toThrow(TypeError);
    expect(() => new TenantKeyring({ k1: randomBytes(32) }, 'k9')).toThrow(RangeError);
    const ring = new TenantKeyring({ k1: randomBytes(32) }, 'k1');
    expect(() => ring.add('k1', randomBytes(32))).toThrow(RangeError);
    expect(JSON.stringify(ring)).not.toContain('k1":');
    expect(inspect(ring, { showHidden: true, depth: 5 })).not.toContain('Buffer');
    expect(Object.keys(ring)).toEqual([]);
  });
});
