/**
 * The tenant for the runtime's own tenant-scoped stores (sessions, retrieval, logs): getCurrentTenant()
 * with the audit-mode platform marker refused too, because a store keyed by "*" would pool every
 * context-less caller's data into one shared bucket. Internal; not part of the public API.
 */
import { MissingTenantContextError, PlatformScopeError } from './errors.js';
import { getAccessScope, getCurrentTenant } from './store.js';
import { PLATFORM_SCOPE_ID } from './tenant-id.js';
import type { AccessScope, TenantContext } from './types.js';

export function tenantForDataAccess(): TenantContext {
  const tenant = getCurrentTenant();
  // runWithTenant() rejects "*", so this can only be the audit-mode fallback marker.
  if (tenant.tenantId === PLATFORM_SCOPE_ID) throw new PlatformScopeError();
  return tenant;
}

/**
 * The scope for the runtime's own stores that may serve all tenants (session list, log read/tail):
 * like getAccessScope(), except that the audit-mode fallback never grants all-tenants access here,
 * only an explicit runAsPlatform() does.
 */
export function explicitScopeForDataAccess(): AccessScope {
  const scope = getAccessScope();
  if (scope.kind === 'platform' && scope.implicit) throw new MissingTenantContextError();
  return scope;
}
