/**
 * Validation of tenant ids. Every entry point that accepts a tenant id (context, crypto, backup) goes
 * through here, so a blank id can never become "no filter" further down (the Prisma
 * `where: { tenantId: undefined }` trap) and the platform wildcard cannot be claimed as a tenant.
 */
import { InvalidTenantIdError } from './errors.js';

/** The id reported for platform access. Reserved: no tenant may use it. */
export const PLATFORM_SCOPE_ID = '*';

/** Long enough for UUIDs, slugs and URNs; short enough that ids cannot be used to bloat keys or logs. */
export const MAX_TENANT_ID_LENGTH = 256;

// Control characters would let a tenant id split log lines or hide in key encodings.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Returns the id unchanged if it is a usable tenant id, otherwise throws InvalidTenantIdError. */
export function assertValidTenantId(tenantId: unknown): string {
  if (typeof tenantId !== 'string') {
    throw new InvalidTenantIdError(`tenant id must be a string, got ${tenantId === null ? 'null' : typeof tenantId}`);
  }
  if (tenantId.trim().length === 0) throw new InvalidTenantIdError('tenant id must not be empty');
  if (tenantId !== tenantId.trim()) throw new InvalidTenantIdError('tenant id must not have surrounding whitespace');
  if (tenantId === PLATFORM_SCOPE_ID) throw new InvalidTenantIdError(`tenant id "${PLATFORM_SCOPE_ID}" is reserved for platform access`);
  if (tenantId.length > MAX_TENANT_ID_LENGTH) throw new InvalidTenantIdError(`tenant id longer than ${MAX_TENANT_ID_LENGTH} characters`);
  if (CONTROL_CHARS.test(tenantId)) throw new InvalidTenantIdError('tenant id must not contain control characters');
  return tenantId;
}
