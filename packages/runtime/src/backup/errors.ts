/** Errors of per-tenant backups. Messages carry counts and positions, never record contents. */
export class TenantBackupError extends Error {
  override readonly name: string = 'TenantBackupError';
  constructor(
    message: string,
    /** TENANT_BACKUP_MIXED: records of another tenant or unmarked; TENANT_BACKUP_INVALID: not a backup of this tenant. */
    readonly code: 'TENANT_BACKUP_MIXED' | 'TENANT_BACKUP_INVALID',
  ) {
    super(message);
  }
}
