// The RLS coverage check against a real PostgreSQL server: each migration shape is applied to a fresh
// database, then the application role tries to reach tenant B's rows while it is tenant A (a read in
// tenant A's transaction, a read with no tenant setting at all, an insert of a row for B). The check must
// report `missing-rls-policy` exactly for the shapes where the server lets one of those through, and stay
// silent where the server refuses all three.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitSqlStatements } from '@tenant-audit/core';
import { tenantRlsPolicySql } from '@tenant-audit/runtime/postgres';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPostgresBinDir, POSTGRES_DEBIAN_PACKAGE, startPostgresServer, type PostgresTestServer } from '../../../runtime/test/support/postgres-server.js';
import { describeWithServer } from '../../../runtime/test/support/servers.js';
import { scan } from '../../src/index.js';

const RUNTIME_SQL = readFileSync(new URL('../../../runtime/sql/tenant-rls.sql', import.meta.url), 'utf8');

interface Shape {
  name: string;
  /** The migration; `{p}` becomes a per-shape prefix for role names (roles are cluster-wide). */
  sql: string;
  /** The tenant table the attack reads, as SQL, and its tenant column. */
  table?: string;
  column?: string;
  /** The role the application connects as; default: the role that ran the migration (the owner). */
  app?: string;
  /** The findings the check must give, as `severity line` (empty: silent). */
  expected: string[];
}

const TABLE = 'CREATE TABLE docs (id serial PRIMARY KEY, tenant_id text NOT NULL, title text);';
const TENANT_POLICY = "CREATE POLICY tenant_isolation ON docs USING (tenant_id = current_setting('app.tenant_id', true));";

const SHAPES: Shape[] = [
  { name: 'no RLS at all', sql: TABLE, expected: ['P2 1'] },
  { name: 'RLS enabled and forced, no policy (deny-all)', sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;`, expected: [] },
  { name: 'RLS + FORCE + tenant policy', sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\n${TENANT_POLICY}`, expected: [] },
  { name: 'USING (true)', sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\nCREATE POLICY open ON docs USING (true);`, expected: ['P2 4'] },
  { name: 'USING (1=1) for SELECT beside a tenant policy', sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\n${TENANT_POLICY}\nCREATE POLICY everyone_reads ON docs FOR SELECT USING (1=1);`, expected: ['P2 5'] },
  { name: 'a policy that does not read the tenant setting', sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\nCREATE POLICY has_tenant ON docs USING (tenant_id IS NOT NULL);`, expected: ['P2 4'] },
  {
    name: 'a policy that opens up when the setting is missing',
    sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\nCREATE POLICY fail_open ON docs\n  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.tenant_id', true) IS NULL);`,
    expected: ['P2 4'],
  },
  { name: 'RLS without FORCE, the app connects as the owner', sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\n${TENANT_POLICY}`, expected: ['P2 2'] },
  {
    name: 'RLS without FORCE, the app connects as a granted role',
    sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\n${TENANT_POLICY}\nCREATE ROLE {p}app LOGIN NOSUPERUSER NOBYPASSRLS;\nGRANT SELECT, INSERT ON docs TO {p}app;\nGRANT USAGE ON SEQUENCE docs_id_seq TO {p}app;`,
    app: '{p}app',
    expected: [],
  },
  {
    name: 'a BYPASSRLS role granted the table, the app connects as it',
    sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\n${TENANT_POLICY}\nCREATE ROLE {p}reporting LOGIN BYPASSRLS;\nGRANT SELECT ON docs TO {p}reporting;`,
    app: '{p}reporting',
    expected: ['P1 5'],
  },
  { name: "the runtime's tenantRlsPolicySql", sql: `${TABLE}\n${tenantRlsPolicySql('docs')}`, expected: [] },
  { name: "the runtime's SQL helper tenant_audit_enable_rls", sql: `${RUNTIME_SQL}\n${TABLE}\nSELECT tenant_audit_enable_rls('public.docs');`, expected: [] },
  {
    name: 'quoted, schema-qualified names',
    sql: 'CREATE SCHEMA "App";\nCREATE TABLE "App"."Docs" ("id" serial PRIMARY KEY, "tenantId" text NOT NULL, "title" text);\n' +
      'ALTER TABLE "App"."Docs" ENABLE ROW LEVEL SECURITY;\nALTER TABLE ONLY "App"."Docs" FORCE ROW LEVEL SECURITY;\n' +
      'CREATE POLICY "Tenant" ON "App"."Docs" AS PERMISSIVE FOR ALL TO public USING ("tenantId" = current_setting(\'app.tenant_id\', true));',
    table: '"App"."Docs"', column: '"tenantId"',
    expected: [],
  },
  {
    name: 'quoted names: RLS on the lower-case table, not on "Docs"',
    sql: 'CREATE TABLE "Docs" ("id" serial PRIMARY KEY, "tenantId" text NOT NULL, "title" text);\n' +
      'CREATE TABLE docs (id serial PRIMARY KEY, "tenantId" text NOT NULL);\n' +
      'ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE public.docs FORCE ROW LEVEL SECURITY;',
    table: '"Docs"', column: '"tenantId"',
    expected: ['P2 1'],
  },
  {
    name: 'a permissive USING (true) held back by a restrictive tenant policy',
    sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\nCREATE POLICY open ON docs USING (true);\n` +
      "CREATE POLICY tenant_only ON docs AS RESTRICTIVE USING (tenant_id = current_setting('app.tenant_id', true));",
    expected: [],
  },
  { name: 'RLS enabled, then disabled again', sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\n${TENANT_POLICY}\nALTER TABLE docs DISABLE ROW LEVEL SECURITY;`, expected: ['P2 5'] },
  {
    name: 'RLS without FORCE, the granted role also owns the table',
    sql: `CREATE ROLE {p}app LOGIN NOSUPERUSER NOBYPASSRLS;\nGRANT {p}app TO {p}owner;\n${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\n${TENANT_POLICY}\nGRANT CREATE ON SCHEMA public TO {p}app;\nALTER TABLE docs OWNER TO {p}app;\nGRANT SELECT ON docs TO {p}app;`,
    app: '{p}app',
    expected: ['P2 4'],
  },
  {
    name: 'a policy that reads the setting through a function of the migration',
    sql: `CREATE FUNCTION current_tenant() RETURNS text LANGUAGE sql STABLE AS $$\n  SELECT NULLIF(current_setting('app.tenant_id', true), '');\n$$;\n${TABLE}\n` +
      'ALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\nCREATE POLICY t ON docs USING (tenant_id = current_tenant());',
    expected: [],
  },
  {
    name: 'pg_dump style: qualified names, ONLY, casts and extra parentheses',
    sql: 'CREATE TABLE public.docs (\n    id integer NOT NULL,\n    tenant_id text NOT NULL,\n    title text\n);\nCREATE SEQUENCE public.docs_id_seq;\n' +
      "ALTER TABLE ONLY public.docs ALTER COLUMN id SET DEFAULT nextval('public.docs_id_seq'::regclass);\n" +
      'ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE public.docs FORCE ROW LEVEL SECURITY;\n' +
      "CREATE POLICY tenant_isolation ON public.docs USING ((tenant_id = current_setting('app.tenant_id'::text, true)));",
    expected: [],
  },
  {
    name: 'a FOR ALL policy with only WITH CHECK (no USING: it opens no rows to reads)',
    sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\nCREATE POLICY writes ON docs WITH CHECK (tenant_id = current_setting('app.tenant_id', true));`,
    expected: [],
  },
  {
    name: 'a write-only policy WITH CHECK (true)',
    sql: `${TABLE}\nALTER TABLE docs ENABLE ROW LEVEL SECURITY;\nALTER TABLE docs FORCE ROW LEVEL SECURITY;\n${TENANT_POLICY}\nCREATE POLICY anyone_inserts ON docs FOR INSERT WITH CHECK (true);`,
    expected: ['P2 5'],
  },
];

describeWithServer('RLS coverage check against PostgreSQL', findPostgresBinDir() !== undefined, POSTGRES_DEBIAN_PACKAGE, () => {
  let server: PostgresTestServer;
  let admin: pg.Client;
  const work = mkdtempSync(join(tmpdir(), 'ta-rls-'));

  beforeAll(async () => {
    server = await startPostgresServer();
    admin = new pg.Client(server.superuser);
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  async function withClient<T>(config: pg.ClientConfig, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client(config);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /** Applies the migration as `owner` (role statements, which need a superuser, as the superuser). */
  async function migrate(database: string, owner: string, sql: string): Promise<void> {
    await withClient({ ...server.superuser, database }, async (su) => {
      await withClient({ ...server.as(owner), database }, async (own) => {
        for (const st of splitSqlStatements(sql)) {
          // Role attributes and memberships are the DBA's statements.
          const asSuperuser = /^\s*(create|alter)\s+(role|user)\b/i.test(st.code) || (/^\s*grant\b/i.test(st.code) && !/\bon\b/i.test(st.code));
          await (asSuperuser ? su : own).query(st.code);
        }
      });
    });
  }

  /** What the server lets the application do to tenant B while it is tenant A (or no tenant at all). */
  async function crossTenantAccess(database: string, app: string, table: string, column: string): Promise<string[]> {
    return withClient({ ...server.as(app), database }, async (c) => {
      const allowed: string[] = [];
      const attempt = async (what: string, setting: string | undefined, sql: string, counts: boolean): Promise<void> => {
        await c.query('BEGIN');
        try {
          if (setting !== undefined) await c.query("SELECT set_config('app.tenant_id', $1, true)", [setting]);
          const result = await c.query(sql);
          if (counts ? Number(result.rows[0]?.n) > 0 : true) allowed.push(what);
        } catch {
          // refused (no privilege, WITH CHECK violation, unset setting)
        } finally {
          await c.query('ROLLBACK');
        }
      };
      // First, on the fresh connection: once a transaction-local setting has ended, the setting reads ''.
      await attempt('read B without a tenant', undefined, `SELECT count(*) AS n FROM ${table} WHERE ${column} = 'B'`, true);
      await attempt('read B as A', 'A', `SELECT count(*) AS n FROM ${table} WHERE ${column} = 'B'`, true);
      await attempt('insert for B as A', 'A', `INSERT INTO ${table} (${column}) VALUES ('B')`, false);
      return allowed;
    });
  }

  /** The check's findings on a project holding this migration and code that uses withTenantTransaction. */
  async function check(dir: string, sql: string): Promise<string[]> {
    mkdirSync(join(dir, 'migrations'), { recursive: true });
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'migrations', '001_init.sql'), sql);
    writeFileSync(join(dir, 'src', 'db.ts'), [
      "import { withTenantTransaction } from '@tenant-audit/runtime/postgres';",
      "import pg from 'pg';",
      'const pool = new pg.Pool();',
      'export const titles = (tenantId: string) =>',
      "  withTenantTransaction(pool, tenantId, (client) => client.query('SELECT title FROM docs'));",
      '',
    ].join('\n'));
    const result = await scan({ paths: [dir] });
    return result.findings.filter((f) => f.kind === 'missing-rls-policy').map((f) => `${f.severity} ${f.line}`);
  }

  SHAPES.forEach((shape, index) => {
    it(`${shape.name}: reported exactly when the server lets tenant A reach tenant B`, async () => {
      const p = `s${index}_`;
      const sql = shape.sql.replace(/\{p\}/g, p);
      const owner = `${p}owner`;
      const database = `${p}db`;
      await admin.query(`CREATE ROLE ${owner} LOGIN NOSUPERUSER NOBYPASSRLS`);
      await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`);
      await migrate(database, owner, sql);
      const table = shape.table ?? 'docs';
      const column = shape.column ?? 'tenant_id';
      // Seed as the superuser, whom RLS never stops.
      await withClient({ ...server.superuser, database }, (c) => c.query(`INSERT INTO ${table} (${column}) VALUES ('A'), ('B')`));
      const allowed = await crossTenantAccess(database, (shape.app ?? owner).replace(/\{p\}/g, p), table, column);
      const findings = await check(join(work, `shape-${index}`), sql);
      expect({ reported: findings.length > 0, allowed }).toEqual({ reported: allowed.length > 0, allowed });
      expect(findings).toEqual(shape.expected);
    });
  });
});
