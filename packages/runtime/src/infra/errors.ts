/** Errors of infrastructure routing: each one stops a request rather than routing it to shared infra. */

export type InfraResource = 'redis' | 'database';

/** The tenant's level requires a dedicated resource that is not configured. Never fall back to shared. */
export class DedicatedInfraMissingError extends Error {
  override readonly name: string = 'DedicatedInfraMissingError';
  readonly code: string = 'TENANT_DEDICATED_INFRA_MISSING';
  constructor(readonly tenantId: string, readonly level: string, readonly resource: InfraResource) {
    super(`tenant ${JSON.stringify(tenantId)} is ${level} and requires a dedicated ${resource}, but none is configured (refusing to fall back to the shared one)`);
  }
}

/** A tenant without infrastructure config and no default level: unknown tenants are not routed. */
export class UnknownTenantInfraError extends Error {
  override readonly name: string = 'UnknownTenantInfraError';
  readonly code: string = 'TENANT_INFRA_UNKNOWN';
  constructor(readonly tenantId: string) {
    super(`no infrastructure config for tenant ${JSON.stringify(tenantId)} and no defaultLevel: refusing to route it`);
  }
}

/** Inconsistent configuration (bad level, unparsable URL, a "dedicated" resource that is the shared one). */
export class TenantInfraConfigError extends Error {
  override readonly name: string = 'TenantInfraConfigError';
  readonly code: string = 'TENANT_INFRA_CONFIG';
}
