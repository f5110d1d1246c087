/**
 * Per-tenant encrypted backups. One archive holds exactly one tenant's records and is encrypted with
 * that tenant's derived key (encryptForTenant), so a backup can be handed to the tenant, restored for
 * it alone, and never opened under another tenant. Bulk all-tenant dumps are the gap this replaces.
 *
 * Archive = encryptForTenant(gzip(JSON({ format, version, tenantId, createdAt, count, records }))),
 * a string envelope. Records must be JSON-serialisable (Dates come back as ISO strings).
 * Synchronous by design (node:zlib sync APIs): simple to reason about; run large exports off the
 * request path.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { TenantAccessForbiddenError } from '../context/errors.js';
import { tryGetAccessScope } from '../context/store.js';
import { assertValidTenantId } from '../context/tenant-id.js';
import { decryptForTenant, encryptForTenant } from '../crypto/tenant-cipher.js';
import type { MasterKeyInput } from '../crypto/tenant-cipher.js';
import { TenantBackupError } from './errors.js';

const FORMAT = 'tenant-audit/backup';
const VERSION = 1;

export interface TenantBackupOptions<R> {
  /** Where a record carries its tenant. Default: `record.tenantId`. */
  tenantOf?: (record: R) => unknown;
}

export interface RestoreTenantBackupOptions<R> extends TenantBackupOptions<R> {
  /** Upper bound on the decompressed size, against decompression bombs. Default 256 MiB. */
  maxBytes?: number;
}

export interface TenantBackup<R> {
  readonly tenantId: string;
  readonly createdAt: string;
  readonly records: R[];
}

interface ArchiveBody<R> {
  format: string;
  version: number;
  tenantId: string;
  createdAt: string;
  count: number;
  records: R[];
}

function defaultTenantOf(record: unknown): unknown {
  return record !== null && typeof record === 'object' ? (record as { tenantId?: unknown }).tenantId : undefined;
}

/** A tenant request may back up or restore only itself; platform jobs and context-free workers name the tenant explicitly. */
function assertCallerMayActFor(tenantId: string): void {
  const scope = tryGetAccessScope();
  if (scope?.kind === 'tenant' && scope.tenantId !== tenantId) {
    throw new TenantAccessForbiddenError('a tenant may only back up or restore its own data');
  }
}

/** Checks every record's marker; throws (without encrypting anything) if any is foreign or missing. */
function assertAllBelongTo<R>(records: readonly R[], tenantId: string, tenantOf: (record: R) => unknown): void {
  let foreign = 0;
  let unmarked = 0;
  let first = -1;
  records.forEach((record, index) => {
    const marker = tenantOf(record);
    if (marker === tenantId) return;
    if (typeof marker === 'string' && marker.length > 0) foreign++;
    else unmarked++;
    if (first < 0) first = index;
  });
  if (foreign + unmarked > 0) {
    throw new TenantBackupError(
      `backup for one tenant refused: ${foreign} record(s) of another tenant and ${unmarked} without a tenant marker (first at index ${first})`,
      'TENANT_BACKUP_MIXED',
    );
  }
}

export function exportTenantBackup<R>(masterKey: MasterKeyInput, tenantId: string, records: Iterable<R>, options: TenantBackupOptions<R> = {}): string {
  assertValidTenantId(tenantId);
  assertCallerMayActFor(tenantId);
  const list = [...records];
  assertAllBelongTo(list, tenantId, options.tenantOf ?? defaultTenantOf);
  const body: ArchiveBody<R> = { format: FORMAT, version: VERSION, tenantId, createdAt: new Date().toISOString(), count: list.length, records: list };
  return encryptForTenant(masterKey, tenantId, gzipSync(Buffer.from(JSON.stringify(body), 'utf8')));
}

/**
 * Decrypts and checks a backup for `tenantId`. Another tenant's archive fails to decrypt
 * (TenantDecryptionError); an archive whose contents do not all belong to the tenant is rejected.
 */
export function restoreTenantBackup<R>(masterKey: MasterKeyInput, tenantId: string, archive: string, options: RestoreTenantBackupOptions<R> = {}): TenantBackup<R> {
  assertValidTenantId(tenantId);
  assertCallerMayActFor(tenantId);
  const compressed = decryptForTenant(masterKey, tenantId, archive);
  let body: ArchiveBody<R>;
  try {
    body = JSON.parse(gunzipSync(compressed, { maxOutputLength: options.maxBytes ?? 256 * 1024 * 1024 }).toString('utf8')) as ArchiveBody<R>;
  } catch {
    throw new TenantBackupError('backup archive is not readable', 'TENANT_BACKUP_INVALID');
  }
  if (body.format !== FORMAT || body.version !== VERSION || !Array.isArray(body.records) || body.count !== body.records.length) {
    throw new TenantBackupError('not a tenant backup archive of a supported version', 'TENANT_BACKUP_INVALID');
  }
  if (body.tenantId !== tenantId) throw new TenantBackupError('backup belongs to another tenant', 'TENANT_BACKUP_INVALID');
  // Re-checked on the way in too: an archive must never smuggle another tenant's records into this one.
  assertAllBelongTo(body.records, tenantId, options.tenantOf ?? defaultTenantOf);
  return { tenantId, createdAt: body.createdAt, records: body.records };
}
