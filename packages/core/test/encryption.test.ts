import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const enc = (code: string) => findings(code).filter((f) => f.kind === 'shared-encryption-key' || f.kind === 'unscoped-backup').map((f) => `${f.kind}@${f.line}`);

describe('shared-encryption-key', () => {
  it('flags createCipheriv with a process-wide key on tenant data', () => {
    expect(enc(`import { createCipheriv, randomBytes } from 'node:crypto';
const MASTER_KEY = Buffer.from(process.env.MASTER_KEY!, 'hex');
export function encryptSecret(tenantId: string, value: string) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', MASTER_KEY, iv);
  return Buffer.concat([c.update(value), c.final()]);
}
export function dec(tenantId: string, data: Buffer) { return createDecipheriv('aes-256-gcm', process.env.KEY!, data.subarray(0, 12)); }`))
      .toEqual(['shared-encryption-key@5', 'shared-encryption-key@8']);
  });
  it('reports a backup encrypted with the master key as unscoped-backup', () => {
    expect(enc(`const MASTER_KEY = Buffer.from(process.env.MASTER_KEY!, 'hex');
export function runBackup(tenantIds: string[]) { return createCipheriv('aes-256-gcm', MASTER_KEY, iv); }`)).toEqual(['unscoped-backup@2']);
  });
  it('does not flag derived per-tenant keys, hashing, or non-tenant encryption', () => {
    expect(enc(`const MASTER_KEY = Buffer.from(process.env.MASTER_KEY!, 'hex');
export function a(tenantId: string, v: string) { const key = deriveTenantKey(MASTER_KEY, tenantId); return createCipheriv('aes-256-gcm', key, iv); }
export function b(tenantId: string, v: string) { return createHash('sha256').update(tenantId + v).digest('hex'); }
export function cookie(v: string) { return createCipheriv('aes-256-gcm', MASTER_KEY, iv); }
export function c(tenantId: string, key: Buffer) { return createCipheriv('aes-256-gcm', key, iv); }`)).toEqual([]);
  });
});
