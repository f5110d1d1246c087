export { TenantIsolationLevel, DEFAULT_ISOLATION_REQUIREMENTS, isTenantIsolationLevel } from './levels.js';
export type { IsolationRequirements } from './levels.js';
export { TenantInfraRouter } from './router.js';
export type {
  TenantInfraConfig, SharedInfra, TenantInfraSource, TenantInfraRouterOptions, TenantRedisRoute, TenantDatabaseRoute, TenantInfraRoute,
} from './router.js';
export { DedicatedInfraMissingError, UnknownTenantInfraError, TenantInfraConfigError } from './errors.js';
export type { InfraResource } from './errors.js';
