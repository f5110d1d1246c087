import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runAsPlatform, runWithTenant, setPlatformAuditHook, TenantAccessForbiddenError } from '../src/context/index.js';
import { encryptForTenant, TenantDecryptionError, TenantKeyring } from '../src/crypto/index.js';
import { gzipSync } from 'node:zlib';
import { exportTenantBackup, restoreTenantBackup, TenantBackupError } from '../src/backup/index.js';

const master = randomBytes(32);
const acmeRecords = [
  { tenantId: 'acme', kind: 'conversation', text: 'acme pricing strategy' },
  { tenantId: 'acme', kind: 'memory', text: 'acme prefers formal tone' },
];

describe('exportTenantBackup / restoreTenantBackup', () => {
  it('round-trips one tenant\'s records through an encrypted, compressed archive', () => {
    const archive = exportTenantBackup(master, 'acme', acmeRecords);
    expect(typeof archive).toBe('string');
    expect(archive).not.toContain('pricing');
    const restored = restoreTenantBackup(master, 'acme', archive);
    expect(restored.tenantId).toBe('acme');
    expect(restored.records).toEqual(acmeRecords);
    expect(Number.isNaN(Date.parse(restored.createdAt))).toBe(false);
  });

  it('cannot be restored under another tenant', () => {
    const archive = exportTenantBackup(master, 'acme', acmeRecords);
    expect(() => restoreTenantBackup(master, 'globex', archive)).toThrow(TenantDecryptionError);
    expect(() => restoreTenantBackup(randomBytes(32), 'acme', archive)).toThrow(TenantDecryptionError);
  });

  it('refuses to mix tenants or include unmarked records', () => {
    expect(() => exportTenantBackup(master, 'acme', [...acmeRecords, { tenantId: 'globex', text: 'globex secret' }])).toThrow(TenantBackupError);
    expect(() => exportTenantBackup(master, 'acme', [...acmeRecords, { text: 'who owns this?' }])).toThrow(/without a tenant marker/);
    let error: unknown;
    try { exportTenantBackup(master, 'acme', [{ tenantId: 'globex', text: 'globex secret' }]); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(TenantBackupError);
    expect((error as TenantBackupError).code).toBe('TENANT_BACKUP_MIXED');
    expect((error as Error).message).not.toContain('globex secret');
  });

  it('rejects an archive for the right tenant key that smuggles foreign records or claims another tenant', () => {
    const forged = (body: unknown): string => encryptForTenant(master, 'acme', gzipSync(Buffer.from(JSON.stringify(body))));
    const base = { format: 'tenant-audit/backup', version: 1, createdAt: new Date().toISOString() };
    const smuggled = forged({ ...base, tenantId: 'acme', count: 1, records: [{ tenantId: 'globex' }] });
    expect(() => restoreTenantBackup(master, 'acme', smuggled)).toThrow(TenantBackupError);
    const wrongOwner = forged({ ...base, tenantId: 'globex', count: 0, records: [] });
    expect(() => restoreTenantBackup(master, 'acme', wrongOwner)).toThrow(/another tenant/);
    const notABackup = encryptForTenant(master, 'acme', 'plain text');
    expect(() => restoreTenantBackup(master, 'acme', notABackup)).toThrow(TenantBackupError);
  });

  it('lets a tenant request back up only itself; platform jobs may name any tenant', () => {
    expect(() => runWithTenant('globex', () => exportTenantBackup(master, 'acme', acmeRecords))).toThrow(TenantAccessForbiddenError);
    expect(runWithTenant('acme', () => exportTenantBackup(master, 'acme', acmeRecords))).toMatch(/^ta1\./);
    setPlatformAuditHook(() => undefined);
    try {
      const archive = runAsPlatform('nightly per-tenant backup', () => exportTenantBackup(master, 'acme', acmeRecords));
      expect(() => runWithTenant('globex', () => restoreTenantBackup(master, 'acme', archive))).toThrow(TenantAccessForbiddenError);
    } finally {
      setPlatformAuditHook(undefined);
    }
  });

  it('works with a rotating keyring', () => {
    const ring = new TenantKeyring({ old: randomBytes(32) }, 'old');
    const archive = exportTenantBackup(ring, 'acme', acmeRecords);
    ring.add('new', randomBytes(32)).setCurrent('new');
    expect(restoreTenantBackup(ring, 'acme', archive).records).toHaveLength(2);
  });
});
