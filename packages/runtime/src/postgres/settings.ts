/** The tenant setting name and its validation, shared by the transaction helper and the SQL generator. */

/** The custom setting (GUC) RLS policies read; two-part names are what PostgreSQL allows for custom settings. */
export const DEFAULT_TENANT_SETTING = 'app.tenant_id';

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;

export function assertTenantSettingName(setting: string): string {
  if (!SETTING_NAME.test(setting)) {
    throw new TypeError(`invalid tenant setting name ${JSON.stringify(setting)}: expected "<prefix>.<name>" of letters, digits and _`);
  }
  return setting;
}
