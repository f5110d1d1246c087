/**
 * The tenant context itself, carried by AsyncLocalStorage so it follows every await, timer and
 * callback of the request that set it, and never leaks into concurrent requests. There is no global
 * "current tenant" variable anywhere: outside runWithTenant()/runAsPlatform() there is no tenant.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { InvalidTenantIdError, MissingTenantContextError, PlatformScopeError } from './errors.js';
import { getTenantContextMode } from './mode.js';
import { reportPlatformAccess } from './platform-audit.js';
import { assertValidTenantId, PLATFORM_SCOPE_ID } from './tenant-id.js';
import type { AccessScope, PlatformFallbackTenant, TenantContext, TenantInput } from './types.js';

const storage = new AsyncLocalStorage<AccessScope>();

const AUDIT_FALLBACK_REASON = 'implicit platform fallback: no tenant context (audit mode)';

function toTenantContext(tenant: TenantInput): TenantContext {
  if (typeof tenant === 'string') return Object.freeze({ tenantId: assertValidTenantId(tenant) });
  if (tenant === null || typeof tenant !== 'object') {
    assertValidTenantId(tenant); // throws with a precise message
  }
  // `platform` marks the audit-mode fallback; a tenant carrying it (e.g. copied from token claims)
  // could pass a `tenant.platform` check in application code and widen to all tenants.
  if (Object.hasOwn(tenant, 'platform')) throw new InvalidTenantIdError('tenant attribute "platform" is reserved');
  // A frozen copy: code further down the call chain must not be able to re-point the tenant.
  return Object.freeze({ ...tenant, tenantId: assertValidTenantId(tenant.tenantId) });
}

/** Runs fn with `tenant` as the current tenant (across awaits); returns what fn returns. */
export function runWithTenant<R>(tenant: TenantInput, fn: () => R): R {
  const context = toTenantContext(tenant);
  return storage.run({ kind: 'tenant', tenantId: context.tenantId, tenant: context }, fn);
}

/**
 * Runs fn with platform (all-tenants) access. The only way in; every entry is reported to the
 * platform audit hook before fn starts, and a reason is mandatory so the audit trail says why.
 */
export function runAsPlatform<R>(reason: string, fn: () => R): R {
  if (typeof reason !== 'string' || reason.trim().length === 0) {
    throw new TypeError('runAsPlatform requires a non-empty reason for the audit trail');
  }
  const outer = storage.getStore();
  reportPlatformAccess(reason, false, outer?.kind === 'tenant' ? outer.tenantId : undefined);
  return storage.run({ kind: 'platform', reason, implicit: false }, fn);
}

/**
 * What the running code may access. Outside any context: throws MissingTenantContextError in strict
 * mode; in audit mode reports the fallback and returns an implicit platform scope.
 */
export function getAccessScope(): AccessScope {
  const scope = storage.getStore();
  if (scope !== undefined) return scope;
  if (getTenantContextMode() === 'audit') {
    reportPlatformAccess(AUDIT_FALLBACK_REASON, true, undefined);
    return { kind: 'platform', reason: AUDIT_FALLBACK_REASON, implicit: true };
  }
  throw new MissingTenantContextError();
}

/**
 * The scope if there is one, else undefined; never throws and never reports. For instrumentation
 * (span stamping, log mixins) that must not change behaviour; never use it to authorize access.
 */
export function tryGetAccessScope(): AccessScope | undefined {
  return storage.getStore();
}

/**
 * The current tenant. Throws MissingTenantContextError outside any context (strict mode) and
 * PlatformScopeError inside runAsPlatform() unless a runWithTenant() is nested in it. In audit mode
 * outside any context it returns the reported marker `{ tenantId: '*', platform: true }`.
 */
export function getCurrentTenant(): TenantContext {
  const scope = storage.getStore();
  if (scope?.kind === 'tenant') return scope.tenant;
  if (scope?.kind === 'platform') throw new PlatformScopeError();
  if (getTenantContextMode() === 'audit') {
    reportPlatformAccess(AUDIT_FALLBACK_REASON, true, undefined);
    const marker: PlatformFallbackTenant = Object.freeze({ tenantId: PLATFORM_SCOPE_ID, platform: true });
    return marker;
  }
  throw new MissingTenantContextError();
}

/** Shorthand for getCurrentTenant().tenantId, with the same fail-closed behaviour. */
export function requireTenantId(): string {
  return getCurrentTenant().tenantId;
}

/** true only inside runAsPlatform() (and not in a runWithTenant() nested in it). Never throws. */
export function isPlatformContext(): boolean {
  return storage.getStore()?.kind === 'platform';
}

/** true only inside runWithTenant() (the innermost context is a tenant). Never throws. */
export function hasTenantContext(): boolean {
  return storage.getStore()?.kind === 'tenant';
}
