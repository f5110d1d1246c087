-- Tenant row-level security for PostgreSQL (>= 12), the SQL twin of tenantRlsPolicySql() in
-- @tenant-audit/runtime/postgres. Run once per database as the schema owner, then:
--
--   SELECT tenant_audit_enable_rls('public.documents');                  -- column tenant_id, setting app.tenant_id
--   SELECT tenant_audit_enable_rls('public.notes', 'org_id', 'app.org_id');
--
-- The application connects as a role that is NOT superuser, NOT BYPASSRLS, and sets the tenant per
-- transaction with withTenantTransaction(pool, tenantId, fn), i.e.
--   BEGIN; SELECT set_config('app.tenant_id', $1, true); ...; COMMIT;
--
-- Why NULLIF(current_setting(setting, true), ''): the setting is NULL when never set in the session and
-- '' once a transaction-local value has ended on a pooled connection. Both compare as NULL, so a query
-- outside a tenant transaction matches no row (fail closed) instead of erroring or matching ''.
-- Why FORCE: without it the table owner bypasses every policy.

CREATE OR REPLACE FUNCTION tenant_audit_enable_rls(
  target regclass,
  tenant_column name DEFAULT 'tenant_id',
  setting text DEFAULT 'app.tenant_id',
  policy_name name DEFAULT 'tenant_isolation'
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  predicate text;
BEGIN
  IF setting !~ '^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$' THEN
    RAISE EXCEPTION 'invalid tenant setting name %', setting;
  END IF;
  predicate := format('%I = NULLIF(current_setting(%L, true), %L)', tenant_column, setting, '');
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', policy_name, target);
  EXECUTE format('CREATE POLICY %I ON %s AS PERMISSIVE FOR ALL USING (%s) WITH CHECK (%s)',
                 policy_name, target, predicate, predicate);
END;
$$;

-- Example application role (adjust names and grants; never grant SUPERUSER or BYPASSRLS):
--   CREATE ROLE app_user LOGIN PASSWORD '...' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
--   GRANT SELECT, INSERT, UPDATE, DELETE ON public.documents TO app_user;
