import { describe, expect, it } from 'vitest';
import { isAlwaysTrue, judgePredicate, judgeRlsCoverage, orBranches, readMigrationFacts, readsIdentity, tenantColumnsOf, type RlsJudgeOptions } from '../src/index.js';

const NONE = new Map<string, string>();
const TENANT_FIELDS = ['tenantId', 'tenant_id', 'orgId', 'organizationId', 'workspaceId', 'teamId', 'accountId'];

describe('policy predicates', () => {
  it('always true', () => {
    for (const e of ['true', '(TRUE)', '1=1', ' ( 1 = 1 ) ', "'a' = 'a'", 'not false', 'true::boolean']) expect(isAlwaysTrue(e), e).toBe(true);
    for (const e of ['false', '1 = 2', 'tenant_id = tenant_id', '1 >= 1', "tenant_id = current_setting('app.tenant_id')", 'null = null']) expect(isAlwaysTrue(e), e).toBe(false);
  });

  it('splits top-level OR only', () => {
    expect(orBranches("(a = 1 OR b = 2) AND c = 3")).toEqual(['(a = 1 OR b = 2) AND c = 3']);
    expect(orBranches("(a = 1) OR (b = 'x or y')")).toEqual(['a = 1', "b = 'x or y'"]);
    expect(orBranches('color = 1 OR order_id = 2')).toEqual(['color = 1', 'order_id = 2']);
  });

  it('identity: settings, session users, Supabase auth, functions that read them, tenant-named functions defined elsewhere', () => {
    const functions = new Map([['current_tenant', "CREATE FUNCTION current_tenant() … $$ SELECT current_setting('app.tenant_id') $$"], ['is_open', 'CREATE FUNCTION is_open() … $$ SELECT true $$']]);
    for (const e of ["current_setting('app.tenant_id', true)", 'current_user', 'auth.uid()', "auth.jwt() ->> 'org_id'", 'current_tenant()', 'app.current_org_id()']) {
      expect(readsIdentity(e, functions), e).toBe(true);
    }
    for (const e of ['true', 'is_open()', 'tenant_id IS NOT NULL', "'current_setting(x)'", 'now()']) expect(readsIdentity(e, functions), e).toBe(false);
  });

  it('a tenant predicate compares a tenant or key column (or a subquery) with the identity, for equality, in every branch', () => {
    const ok = (e: string, keys: string[] = ['tenant_id', 'id', 'user_id']) => judgePredicate(e, ['tenant_id'], NONE, keys).ok;
    expect(ok("tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid")).toBe(true);
    expect(ok("tenant_id IN (SELECT org_id FROM members WHERE user_id = auth.uid())")).toBe(true);
    expect(ok('user_id = auth.uid()')).toBe(true);
    expect(ok("docs.tenant_id = current_setting('app.tenant_id') AND deleted_at IS NULL")).toBe(true);
    expect(ok("tenant_id = current_setting('app.tenant_id') OR current_setting('app.tenant_id', true) IS NULL")).toBe(false);
    expect(ok("tenant_id = current_setting('app.tenant_id') OR is_public")).toBe(false);
    expect(ok("tenant_id <> current_setting('app.tenant_id')")).toBe(false);
    expect(ok("current_setting('app.role') = 'admin'")).toBe(false);
    expect(ok('tenant_id IS NOT NULL')).toBe(false);
    expect(ok("is_public = true AND current_setting('app.tenant_id') <> ''", ['tenant_id'])).toBe(false);
    expect(judgePredicate('1=1', ['tenant_id'], NONE)).toMatchObject({ ok: false, branch: '1=1', why: 'is always true' });
  });

  it('tenant columns: configured names in any spelling, and tenant… columns while the word is configured', () => {
    expect(tenantColumnsOf(['id', 'organization_id', 'tenantKey', 'title'], TENANT_FIELDS)).toEqual(['organization_id', 'tenantKey']);
    expect(tenantColumnsOf(['id', 'tenant_id', 'workspace_id'], ['workspaceId'])).toEqual(['workspace_id']);
    expect(tenantColumnsOf(['is_multi_tenant', 'tenant_visible', 'tenant', 'owner_tenant_uuid'], TENANT_FIELDS)).toEqual(['tenant', 'owner_tenant_uuid']);
  });
});

describe('judgeRlsCoverage', () => {
  const judge = (sql: string, options: Partial<RlsJudgeOptions> = {}) =>
    judgeRlsCoverage(readMigrationFacts([{ path: 'm.sql', text: sql }]), { tenantFields: TENANT_FIELDS, codeUsesRls: true, ...options })
      .map((g) => `${g.severity} ${g.problem} ${g.at.line}`);
  const TABLE = 'CREATE TABLE docs (id uuid, tenant_id uuid);\n';
  const ENABLE = 'ALTER TABLE docs ENABLE ROW LEVEL SECURITY;\n';
  const FORCE = 'ALTER TABLE docs FORCE ROW LEVEL SECURITY;\n';
  const POLICY = "CREATE POLICY p ON docs USING (tenant_id = current_setting('app.tenant_id')::uuid);\n";

  it('nothing at all unless the code base uses RLS', () => {
    expect(judge(TABLE, { codeUsesRls: false })).toEqual([]);
    expect(judge(`${TABLE}CREATE ROLE r BYPASSRLS;\nGRANT SELECT ON docs TO r;`, { codeUsesRls: false })).toEqual([]);
    expect(judge(`${TABLE}CREATE TABLE other (id int, tenant_id int);\nALTER TABLE other ENABLE ROW LEVEL SECURITY;`, { codeUsesRls: false })).toEqual(['P2 no-rls 1', 'P2 no-force 3']);
  });

  it('a tenant table without RLS, or with RLS disabled last; global tables and config globalModels are not tenant tables', () => {
    expect(judge(TABLE)).toEqual(['P2 no-rls 1']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}ALTER TABLE docs DISABLE ROW LEVEL SECURITY;`)).toEqual(['P2 no-rls 4']);
    expect(judge('CREATE TABLE plans (id int, name text);')).toEqual([]);
    expect(judge(TABLE, { globalModels: ['Doc'] })).toEqual([]);
    expect(judge('CREATE TABLE docs (id uuid, project_id uuid);', { tenantFields: [...TENANT_FIELDS, 'projectId'] })).toEqual(['P2 no-rls 1']);
  });

  it('no finding for tables it cannot see RLS switched on for', () => {
    expect(judge(`${TABLE}DO $$ BEGIN EXECUTE 'ALTER TABLE docs ENABLE ROW LEVEL SECURITY'; END $$;`)).toEqual([]);
  });

  it('enabled, not forced: reported while nothing shows the app connecting as another role than the owner', () => {
    expect(judge(`${TABLE}${ENABLE}${POLICY}`)).toEqual(['P2 no-force 2']);
    expect(judge(`${TABLE}${ENABLE}${POLICY}GRANT SELECT ON docs TO app;`)).toEqual([]);
    expect(judge(`${TABLE}${ENABLE}${POLICY}GRANT SELECT ON ALL TABLES IN SCHEMA public TO app;`)).toEqual([]);
    expect(judge(`${TABLE}${ENABLE}CREATE POLICY p ON docs TO authenticated USING (tenant_id = auth.uid());`)).toEqual([]);
    expect(judge(`${TABLE}${ENABLE}${POLICY}GRANT SELECT ON docs TO PUBLIC;`)).toEqual(['P2 no-force 2']);
    expect(judge(`${TABLE}${ENABLE}${POLICY}ALTER TABLE docs OWNER TO app;\nGRANT SELECT ON docs TO app;`)).toEqual(['P2 no-force 2']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}${POLICY}`)).toEqual([]);
    // Roles the application is known to use for tables of some files (Supabase's API roles).
    const supabase = (file: string) => (file.startsWith('supabase/') ? ['authenticated'] : []);
    expect(judge(`${TABLE}${ENABLE}${POLICY}`, { appRoles: supabase })).toEqual(['P2 no-force 2']);
    expect(judgeRlsCoverage(readMigrationFacts([{ path: 'supabase/migrations/1.sql', text: `${TABLE}${ENABLE}${POLICY}` }]),
      { tenantFields: TENANT_FIELDS, codeUsesRls: true, appRoles: supabase })).toEqual([]);
  });

  it('enabled without any policy denies every row: covered', () => {
    expect(judge(`${TABLE}${ENABLE}${FORCE}`)).toEqual([]);
  });

  it('policies that let other tenants through, unless a restrictive tenant policy holds them back', () => {
    expect(judge(`${TABLE}${ENABLE}${FORCE}CREATE POLICY open ON docs USING (true);`)).toEqual(['P2 policy 4']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}CREATE POLICY open ON docs USING (true);\nCREATE POLICY t ON docs AS RESTRICTIVE USING (tenant_id = current_setting('app.tenant_id')::uuid);`)).toEqual([]);
    expect(judge(`${TABLE}${ENABLE}${FORCE}CREATE POLICY open ON docs FOR INSERT WITH CHECK (true);`)).toEqual(['P2 policy 4']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}CREATE POLICY w ON docs FOR INSERT WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);`)).toEqual([]);
    expect(judge(`${TABLE}${ENABLE}${FORCE}CREATE POLICY d ON docs FOR DELETE USING (1 = 1);`)).toEqual(['P2 policy 4']);
    // A policy only for roles that bypass RLS anyway (Supabase's service_role, a BYPASSRLS role) opens nothing new.
    expect(judge(`${TABLE}${ENABLE}${FORCE}CREATE POLICY sys ON docs FOR UPDATE TO service_role USING (true);`)).toEqual([]);
    expect(judge(`${TABLE}${ENABLE}${FORCE}CREATE ROLE etl BYPASSRLS;\nCREATE POLICY sys ON docs TO etl USING (true);`)).toEqual(['P2 bypass-role 4']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}CREATE POLICY sys ON docs TO service_role, analyst USING (true);`)).toEqual(['P2 policy 4']);
    // A policy on a table without a tenant column (public reference data) is its own business.
    expect(judge(`CREATE TABLE plans (id int);\nALTER TABLE plans ENABLE ROW LEVEL SECURITY;\nALTER TABLE plans FORCE ROW LEVEL SECURITY;\nCREATE POLICY r ON plans USING (true);`)).toEqual([]);
  });

  it('the message of a policy names the branch and what it lets through', () => {
    const [gap] = judgeRlsCoverage(readMigrationFacts([{ path: 'm.sql', text: `${TABLE}${ENABLE}${FORCE}CREATE POLICY p ON docs FOR SELECT TO analyst USING (tenant_id = current_setting('app.tenant_id')::uuid OR current_setting('app.tenant_id', true) = '');` }]),
      { tenantFields: TENANT_FIELDS, codeUsesRls: true });
    expect(gap?.message).toMatch(/^policy p on docs \(for analyst\): the branch `current_setting\('app\.tenant_id', true\) = ''` of its USING compares neither the tenant column \(tenant_id\) nor another key/);
    expect(gap?.message).toMatch(/other tenants' rows are readable through it/);
  });

  it('BYPASSRLS / SUPERUSER roles: P1 when they reach a tenant table, P2 otherwise', () => {
    expect(judge(`${TABLE}${ENABLE}${FORCE}${POLICY}CREATE ROLE r LOGIN BYPASSRLS;\nGRANT SELECT ON docs TO r;`)).toEqual(['P1 bypass-role 5']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}${POLICY}CREATE ROLE r LOGIN BYPASSRLS;`)).toEqual(['P2 bypass-role 5']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}${POLICY}CREATE ROLE r LOGIN BYPASSRLS;`, { connections: [{ role: 'r', file: 'src/db.ts', line: 3 }] })).toEqual(['P1 bypass-role 5']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}${POLICY}CREATE ROLE admin SUPERUSER;`)).toEqual(['P1 bypass-role 5']);
    expect(judge(`${TABLE}${ENABLE}${FORCE}${POLICY}CREATE ROLE r LOGIN BYPASSRLS;\nALTER ROLE r NOBYPASSRLS;`)).toEqual([]);
    const embedded = readMigrationFacts([{ path: 'm.ts', text: 'q("CREATE ROLE r BYPASSRLS")', regions: [{ start: 3, end: 26 }] }]);
    expect(judgeRlsCoverage(embedded, { tenantFields: TENANT_FIELDS, codeUsesRls: true })).toEqual([]);
  });
});
