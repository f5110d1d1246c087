/**
 * Per-tenant isolation levels and what each one requires of the infrastructure.
 * STANDARD: shared Redis (tenant prefix, optional ACL user) and shared database (RLS).
 * STRICT:   its own database (database-per-tenant); Redis may stay shared behind prefix + ACL.
 * PARANOID: its own database and its own Redis instance (regulated data: health, finance, legal).
 */
export const TenantIsolationLevel = {
  STANDARD: 'STANDARD',
  STRICT: 'STRICT',
  PARANOID: 'PARANOID',
} as const;

export type TenantIsolationLevel = (typeof TenantIsolationLevel)[keyof typeof TenantIsolationLevel];

export interface IsolationRequirements {
  dedicatedRedis: boolean;
  dedicatedDatabase: boolean;
}

export const DEFAULT_ISOLATION_REQUIREMENTS: Readonly<Record<TenantIsolationLevel, Readonly<IsolationRequirements>>> = Object.freeze({
  STANDARD: Object.freeze({ dedicatedRedis: false, dedicatedDatabase: false }),
  STRICT: Object.freeze({ dedicatedRedis: false, dedicatedDatabase: true }),
  PARANOID: Object.freeze({ dedicatedRedis: true, dedicatedDatabase: true }),
});

export function isTenantIsolationLevel(value: unknown): value is TenantIsolationLevel {
  return value === 'STANDARD' || value === 'STRICT' || value === 'PARANOID';
}
