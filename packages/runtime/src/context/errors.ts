/**
 * Errors of the tenant context. They are separate classes (not codes on a generic Error) so callers
 * and HTTP layers can map them precisely: a missing context is a server bug (500), a forbidden
 * platform-only operation is the caller's fault (403).
 */

/** Thrown when code that needs a tenant runs outside any tenant context. Fail closed, never platform. */
export class MissingTenantContextError extends Error {
  override readonly name: string = 'MissingTenantContextError';
  readonly code: string = 'TENANT_CONTEXT_MISSING';
  constructor(message = 'No tenant context: wrap this call in runWithTenant() (or runAsPlatform() for audited all-tenants access)') {
    super(message);
  }
}

/**
 * Thrown when getCurrentTenant() runs inside runAsPlatform(): platform access has no tenant, and
 * returning one (or a wildcard) would let tenant-scoped code silently widen to all tenants. It extends
 * MissingTenantContextError so existing `catch (e instanceof MissingTenantContextError)` still applies.
 */
export class PlatformScopeError extends MissingTenantContextError {
  override readonly name: string = 'PlatformScopeError';
  override readonly code: string = 'TENANT_CONTEXT_IS_PLATFORM';
  constructor(message = 'Inside runAsPlatform() there is no current tenant: use getAccessScope() for all-tenants code, or nest runWithTenant() to act for one tenant') {
    super(message);
  }
}

/** Thrown for a tenant id that is empty, not a string, reserved, or otherwise unusable. */
export class InvalidTenantIdError extends TypeError {
  override readonly name: string = 'InvalidTenantIdError';
  readonly code: string = 'TENANT_ID_INVALID';
}

/** A tenant caller asked for something only platform operators may do (e.g. raw log tailing). */
export class TenantAccessForbiddenError extends Error {
  override readonly name: string = 'TenantAccessForbiddenError';
  readonly code: string = 'TENANT_ACCESS_FORBIDDEN';
  /** HTTP status for frameworks that map errors by `status`/`statusCode`. */
  readonly status = 403 as const;
  readonly statusCode = 403 as const;
}
