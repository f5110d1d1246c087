import { describe, expect, it } from 'vitest';
import { blankSqlComments, readMigrationFacts, splitSqlStatements } from '../src/index.js';
import { tenantRlsPredicate } from '@tenant-audit/runtime/postgres';
import { runtimePredicate } from '../src/rls/runtime-policy.js';
import { readQualifiedName, splitTopLevel } from '../src/rls/sql-names.js';

const codes = (text: string): string[] => splitSqlStatements(text).map((s) => s.code.trim());

describe('splitSqlStatements', () => {
  it('splits on semicolons, keeping offsets of the source', () => {
    const text = 'CREATE TABLE a (id int);\n  ALTER TABLE a ENABLE ROW LEVEL SECURITY;';
    const statements = splitSqlStatements(text);
    expect(statements.map((s) => s.code)).toEqual(['CREATE TABLE a (id int)', 'ALTER TABLE a ENABLE ROW LEVEL SECURITY']);
    expect(text.slice(statements[1]?.start)).toMatch(/^ALTER TABLE a/);
  });

  it('does not split inside strings, E-strings, quoted identifiers or dollar quotes', () => {
    expect(codes("COMMENT ON TABLE a IS 'x; y'';z'; SELECT 1")).toEqual(["COMMENT ON TABLE a IS 'x; y'';z'", 'SELECT 1']);
    expect(codes("SELECT E'it\\'s; fine'; SELECT 2")).toEqual(["SELECT E'it\\'s; fine'", 'SELECT 2']);
    expect(codes('CREATE TABLE "a;b" (id int); SELECT 3')).toEqual(['CREATE TABLE "a;b" (id int)', 'SELECT 3']);
    expect(codes('CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql; SELECT 4')).toEqual([
      'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql', 'SELECT 4',
    ]);
    expect(codes('DO $body$ BEGIN EXECUTE $q$ALTER TABLE a ENABLE ROW LEVEL SECURITY;$q$; END $body$; SELECT 5')).toHaveLength(2);
  });

  it('a parameter ($1) is no dollar quote', () => {
    expect(codes('SELECT $1; SELECT $2')).toEqual(['SELECT $1', 'SELECT $2']);
  });

  it('blanks comments, nested block comments included, and leaves comment-only text out', () => {
    expect(codes('-- ALTER TABLE a DISABLE ROW LEVEL SECURITY;\nSELECT 1; /* a; /* b; */ c; */ SELECT 2; -- done')).toEqual(['SELECT 1', 'SELECT 2']);
    const blanked = blankSqlComments("SELECT '--not a comment' -- but this is\n");
    expect(blanked).toMatch(/^SELECT '--not a comment' +\n$/);
    expect(blanked).toHaveLength("SELECT '--not a comment' -- but this is\n".length);
  });
});

describe('names', () => {
  it('folds unquoted names, keeps quoted ones, reads schema-qualified names', () => {
    expect(readQualifiedName('Public.Docs x', 0)).toMatchObject({ schema: 'public', name: 'docs' });
    expect(readQualifiedName('"App"."Docs"', 0)).toMatchObject({ schema: 'App', name: 'Docs' });
    expect(readQualifiedName('"we""ird"', 0)).toMatchObject({ schema: undefined, name: 'we"ird' });
    expect(readQualifiedName('db.public.docs', 0)).toMatchObject({ schema: 'public', name: 'docs' });
  });

  it('splits at the top level only', () => {
    expect(splitTopLevel("a numeric(10, 2), b text DEFAULT 'x,y', c int")).toEqual(['a numeric(10, 2)', " b text DEFAULT 'x,y'", ' c int']);
  });
});

describe('readMigrationFacts', () => {
  const read = (...texts: string[]) => readMigrationFacts(texts.map((text, i) => ({ path: `m/${i}.sql`, text })));

  it('reads tables, columns, RLS state, owners, grants and policies in order', () => {
    const facts = read(
      'CREATE TABLE IF NOT EXISTS public.docs (\n  id uuid PRIMARY KEY,\n  "tenantId" uuid NOT NULL,\n  CONSTRAINT docs_pk PRIMARY KEY (id)\n);',
      'ALTER TABLE ONLY docs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\nALTER TABLE docs ADD COLUMN title text, OWNER TO app_owner;\n' +
        'CREATE POLICY p ON docs AS RESTRICTIVE FOR SELECT TO app, "Reporting" USING ("tenantId" = current_setting(\'app.tenant_id\')) WITH CHECK (true);\n' +
        'GRANT SELECT, INSERT ON TABLE public.docs TO app;',
    );
    const docs = facts.tables.get('public.docs');
    expect(docs?.columns).toEqual(['id', 'tenantId', 'title']);
    expect(docs?.rls).toMatchObject({ on: true, at: { file: 'm/1.sql', line: 1, column: 1 } });
    expect(docs?.force?.on).toBe(true);
    expect(docs?.owner).toBe('app_owner');
    expect([...(docs?.grantees ?? [])]).toEqual(['app']);
    expect(docs?.policies.get('p')).toMatchObject({
      permissive: false, command: 'select', roles: ['app', 'Reporting'], using: '"tenantId" = current_setting(\'app.tenant_id\')', check: 'true',
      at: { file: 'm/1.sql', line: 3 },
    });
    expect(facts.rlsSeen).toBe(true);
  });

  it('follows DISABLE / NO FORCE, renames, drops, policy changes and SET ROLE', () => {
    const facts = read(
      'SET ROLE owner_role;\nCREATE TABLE a (id int, org_id int);\nRESET ROLE;\nALTER TABLE a ENABLE ROW LEVEL SECURITY;\nALTER TABLE a FORCE ROW LEVEL SECURITY;\n' +
        'ALTER TABLE a NO FORCE ROW LEVEL SECURITY;\nALTER TABLE a RENAME TO b;\nALTER TABLE b RENAME COLUMN org_id TO tenant_id;\n' +
        'CREATE POLICY p ON b USING (true);\nALTER POLICY p ON b USING (tenant_id = current_setting(\'app.tenant_id\')::int);\n' +
        'CREATE POLICY q ON b USING (true);\nDROP POLICY IF EXISTS q ON b;\nCREATE TABLE gone (id int);\nDROP TABLE IF EXISTS gone, other CASCADE;',
    );
    expect([...facts.tables.keys()]).toEqual(['public.b']);
    const b = facts.tables.get('public.b');
    expect(b).toMatchObject({ owner: 'owner_role', columns: ['id', 'tenant_id'], rls: { on: true }, force: { on: false } });
    expect([...(b?.policies.keys() ?? [])]).toEqual(['p']);
    expect(b?.policies.get('p')).toMatchObject({ using: "tenant_id = current_setting('app.tenant_id')::int", at: { line: 10 } });
  });

  it('resolves unqualified names to public, else to the one table of that name; quoted names are exact', () => {
    const facts = read('CREATE TABLE app.notes (id int, tenant_id int);\nCREATE TABLE "Docs" (id int);\nCREATE TABLE docs (id int);\n' +
      'ALTER TABLE notes ENABLE ROW LEVEL SECURITY;\nALTER TABLE "Docs" ENABLE ROW LEVEL SECURITY;');
    expect(facts.tables.get('app.notes')?.rls?.on).toBe(true);
    expect(facts.tables.get('public.Docs')?.rls?.on).toBe(true);
    expect(facts.tables.get('public.docs')?.rls).toBeUndefined();
  });

  it('reads roles with BYPASSRLS / SUPERUSER and takes them back with NOBYPASSRLS / NOSUPERUSER', () => {
    const facts = read("CREATE ROLE a LOGIN BYPASSRLS;\nCREATE USER b WITH SUPERUSER PASSWORD 'nobypassrls';\nCREATE ROLE c BYPASSRLS;\nALTER ROLE c NOBYPASSRLS;\n" +
      "ALTER ROLE a SET search_path = app;\nCREATE ROLE d LOGIN PASSWORD 'bypassrls';");
    expect(facts.roles.get('a')?.bypass?.line).toBe(1);
    expect(facts.roles.get('b')?.superuser?.line).toBe(2);
    expect(facts.roles.get('c')?.bypass).toBeUndefined();
    expect(facts.roles.get('d')?.bypass).toBeUndefined();
  });

  it('reads schema-wide grants and default privileges; role membership is no table grant', () => {
    const facts = read('CREATE TABLE t (id int);\nGRANT SELECT ON ALL TABLES IN SCHEMA public, app TO app_user;\n' +
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO writer;\nGRANT app_owner TO app_user;\nGRANT USAGE ON SCHEMA public TO x;');
    expect(facts.schemaGrants).toEqual([
      { schema: 'public', roles: ['app_user'] }, { schema: 'app', roles: ['app_user'] }, { schema: 'public', roles: ['writer'] },
    ]);
    expect([...(facts.tables.get('public.t')?.grantees ?? [])]).toEqual([]);
  });

  it("stands for the runtime's own predicate, word for word", () => {
    expect(runtimePredicate('tenant_id', 'app.tenant_id')).toBe(tenantRlsPredicate());
    expect(runtimePredicate('org"id', 'app.org_id')).toBe(tenantRlsPredicate('org"id', 'app.org_id'));
  });

  it("reads the runtime's SQL helper as ENABLE + FORCE + its tenant policy", () => {
    const facts = read("CREATE TABLE notes (id int, org_id text);\nSELECT tenant_audit_enable_rls('public.notes', 'org_id', 'app.org_id');");
    const notes = facts.tables.get('public.notes');
    expect(notes).toMatchObject({ rls: { on: true }, force: { on: true } });
    expect(notes?.policies.get('tenant_isolation')?.using).toBe(`"org_id" = NULLIF(current_setting('app.org_id', true), '')`);
  });

  it('notes RLS enabled where it cannot see the table: a DO block, a function, a name built at run time', () => {
    expect(read("DO $$ BEGIN EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', 'docs'); END $$;").dynamicRls).toBe(true);
    expect(read('CREATE FUNCTION enable_all() RETURNS void AS $$ BEGIN EXECUTE \'ALTER TABLE x ENABLE ROW LEVEL SECURITY\'; END $$ LANGUAGE plpgsql;').dynamicRls).toBe(true);
    expect(readMigrationFacts([{ path: 'm.ts', text: 'q(`ALTER TABLE ?????? ENABLE ROW LEVEL SECURITY`)', regions: [{ start: 3, end: 48 }] }]).dynamicRls).toBe(true);
    expect(readMigrationFacts([{ path: 'm.ts', text: 'q(`ALTER TABLE "????" ENABLE ROW LEVEL SECURITY`)', regions: [{ start: 3, end: 48 }] }]).dynamicRls).toBe(true);
    expect(read('CREATE TABLE a (id int);').dynamicRls).toBe(false);
  });

  it('reads SQL embedded in program code at its offsets in the file', () => {
    const text = 'await q(`\n  CREATE TABLE docs (id int, tenant_id int)`);\nawait q("ALTER TABLE docs ENABLE ROW LEVEL SECURITY");';
    const regions = [{ start: text.indexOf('`') + 1, end: text.lastIndexOf('`') }, { start: text.indexOf('"') + 1, end: text.lastIndexOf('"') }];
    const facts = readMigrationFacts([{ path: 'src/migrations/1.ts', text, regions }]);
    const docs = facts.tables.get('public.docs');
    expect(docs?.created).toMatchObject({ line: 2, column: 3, embedded: true });
    expect(docs?.rls).toMatchObject({ on: true, at: { line: 3 } });
  });

  it('reads statements that stand for program code, spanning the code they stand for', () => {
    const text = "await knex.schema.createTable('docs', build);\nawait knex.raw(tenantRlsPolicySql('docs'));";
    const facts = readMigrationFacts([{ path: 'db/migrations/1.ts', text, statements: [
      { start: 6, end: 45, code: 'CREATE TABLE "docs" ("id" text, "tenant_id" text)' },
      { start: text.indexOf('tenantRls'), end: text.length - 2, code: "SELECT tenant_audit_enable_rls('docs')" },
    ] }]);
    const docs = facts.tables.get('public.docs');
    expect(docs?.created).toMatchObject({ line: 1, column: 7, endColumn: 46, embedded: true });
    expect(docs).toMatchObject({ rls: { on: true, at: { line: 2, column: 16 } }, force: { on: true } });
  });

  it('ignores what it does not know and survives garbage', () => {
    expect(() => read('ALTER TABLE;\nCREATE POLICY;\nCREATE POLICY p ON;\nGRANT;\nCREATE TABLE (;\n"unterminated', "'open string", '$$ open dollar')).not.toThrow();
    expect(read('CREATE TABLE t AS SELECT 1;\nCREATE TABLE p1 PARTITION OF parent FOR VALUES IN (1);').tables.size).toBe(0);
  });
});
