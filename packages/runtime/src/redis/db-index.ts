/**
 * Optional placement of tenants on Redis logical databases (SELECT n). Placement, not isolation:
 * several tenants share each index, any connection can SELECT any index, and Redis Cluster only has
 * database 0. Keep the tenant prefix (and the ACL wall) on top of it; use it to spread tenants or to
 * FLUSHDB-free bulk moves, never as the security boundary.
 *
 * The hash is fixed and documented so every process, machine and language computes the same index:
 * index = reserved + (uint32 big-endian of the first 4 bytes of SHA-256(UTF-8 tenant id)) mod (databases - reserved).
 * (Python's built-in hash() is salted per process, so the same tenant lands on a different database
 * after each restart; that is the bug this replaces.)
 */
import { createHash } from 'node:crypto';
import { assertValidTenantId } from '../context/tenant-id.js';

export interface TenantDbIndexOptions {
  /** The server's `databases` setting (default 16). Changing it remaps most tenants. */
  databases?: number;
  /** Indexes 0..reserved-1 stay for system use (default 1, i.e. database 0 is never a tenant's). */
  reserved?: number;
}

export function tenantDbIndex(tenantId: string, options: TenantDbIndexOptions = {}): number {
  const databases = options.databases ?? 16;
  const reserved = options.reserved ?? 1;
  if (!Number.isInteger(databases) || databases < 1) throw new RangeError('databases must be a positive integer');
  if (!Number.isInteger(reserved) || reserved < 0 || reserved >= databases) {
    throw new RangeError('reserved must be an integer in [0, databases)');
  }
  const digest = createHash('sha256').update(assertValidTenantId(tenantId), 'utf8').digest();
  return reserved + (digest.readUInt32BE(0) % (databases - reserved));
}
