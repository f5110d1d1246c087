/**
 * SQL for tenant row-level security. The policy compares the tenant column with the transaction's
 * tenant setting; `current_setting(name, true)` is NULL when the setting was never defined and '' after
 * a transaction-local value ended, so it is wrapped in NULLIF(…, ''): both cases compare with NULL,
 * match no row, and a query outside withTenantTransaction sees nothing (fail closed).
 * FORCE makes the policy apply to the table owner too; only superusers and BYPASSRLS roles skip it,
 * so the application must connect as neither.
 */
import { assertTenantSettingName, DEFAULT_TENANT_SETTING } from './settings.js';

export interface TenantRlsPolicyOptions {
  /** The tenant column (default `tenant_id`). */
  column?: string;
  /** The setting withTenantTransaction sets (default `app.tenant_id`). */
  setting?: string;
  /** Policy name (default `tenant_isolation`). */
  policyName?: string;
}

export function quoteIdent(name: string): string {
  if (name.length === 0 || name.includes('\u0000')) throw new TypeError('invalid SQL identifier');
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `schema.table` or `table`, each part quoted. */
export function quoteQualifiedName(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2) throw new TypeError(`invalid table name ${JSON.stringify(name)}: expected "table" or "schema.table"`);
  return parts.map(quoteIdent).join('.');
}

/** The predicate used by USING and WITH CHECK. */
export function tenantRlsPredicate(column = 'tenant_id', setting = DEFAULT_TENANT_SETTING): string {
  return `${quoteIdent(column)} = NULLIF(current_setting(${quoteLiteral(assertTenantSettingName(setting))}, true), '')`;
}

/** ENABLE + FORCE ROW LEVEL SECURITY and (re)create the tenant policy. Idempotent; run as the table owner. */
export function tenantRlsPolicySql(table: string, options: TenantRlsPolicyOptions = {}): string {
  const target = quoteQualifiedName(table);
  const policy = quoteIdent(options.policyName ?? 'tenant_isolation');
  const predicate = tenantRlsPredicate(options.column ?? 'tenant_id', options.setting ?? DEFAULT_TENANT_SETTING);
  return [
    `ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY;`,
    `ALTER TABLE ${target} FORCE ROW LEVEL SECURITY;`,
    `DROP POLICY IF EXISTS ${policy} ON ${target};`,
    `CREATE POLICY ${policy} ON ${target} AS PERMISSIVE FOR ALL`,
    `  USING (${predicate})`,
    `  WITH CHECK (${predicate});`,
  ].join('\n');
}
