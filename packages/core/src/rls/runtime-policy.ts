/** What @tenant-audit/runtime writes, so the check can judge its policies without running them. */

/** The runtime's SQL helper `tenant_audit_enable_rls(table, column, setting)` (ENABLE + FORCE + tenant policy). */
export const RUNTIME_RLS_FUNCTION = 'tenant_audit_enable_rls';
/** What the runtime's policies compare, as `tenantRlsPredicate` writes it. */
export function runtimePredicate(column: string, setting: string): string {
  return `"${column.replace(/"/g, '""')}" = NULLIF(current_setting('${setting.replace(/'/g, "''")}', true), '')`;
}
