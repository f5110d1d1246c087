export { runWithTenant, runAsPlatform, getCurrentTenant, getAccessScope, tryGetAccessScope, requireTenantId, isPlatformContext, hasTenantContext } from './store.js';
export { configureTenantContext, getTenantContextMode } from './mode.js';
export type { TenantContextMode, TenantContextOptions } from './mode.js';
export { setPlatformAuditHook, defaultPlatformAuditHook, PLATFORM_ACCESS_WARNING_CODE } from './platform-audit.js';
export type { PlatformAccessEvent, PlatformAuditHook } from './platform-audit.js';
export { MissingTenantContextError, PlatformScopeError, InvalidTenantIdError, TenantAccessForbiddenError } from './errors.js';
export { assertValidTenantId, PLATFORM_SCOPE_ID, MAX_TENANT_ID_LENGTH } from './tenant-id.js';
export type { TenantContext, TenantInput, AccessScope, PlatformFallbackTenant } from './types.js';
