export { exportTenantBackup, restoreTenantBackup } from './tenant-backup.js';
export type { RestoreTenantBackupOptions, TenantBackup, TenantBackupOptions } from './tenant-backup.js';
export { TenantBackupError } from './errors.js';
