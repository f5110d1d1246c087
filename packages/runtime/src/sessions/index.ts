export { TenantSessionStore, createTenantSessionStore } from './tenant-session-store.js';
export type { TenantSession, TenantSessionStoreOptions } from './tenant-session-store.js';
