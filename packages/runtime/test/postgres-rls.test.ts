// withTenantTransaction + tenant RLS against a real PostgreSQL server, connected as a non-superuser,
// non-BYPASSRLS application role.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { checkTenantRls, tenantRlsPolicySql, withTenantTransaction } from '../src/postgres/index.js';
import { describeWithServer } from './support/servers.js';
import { findPostgresBinDir, POSTGRES_DEBIAN_PACKAGE, startPostgresServer } from './support/postgres-server.js';
import type { PostgresTestServer } from './support/postgres-server.js';

describeWithServer('PostgreSQL tenant RLS', findPostgresBinDir() !== undefined, POSTGRES_DEBIAN_PACKAGE, () => {
  let server: PostgresTestServer;
  let admin: pg.Client;
  let pool: pg.Pool; // the application's pool: app_user, ONE connection, so every test reuses it

  beforeAll(async () => {
    server = await startPostgresServer();
    admin = new pg.Client(server.superuser);
    await admin.connect();
    await admin.query(`
      CREATE ROLE app_user LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      CREATE TABLE documents (id serial PRIMARY KEY, tenant_id text NOT NULL, title text NOT NULL);
      GRANT SELECT, INSERT, UPDATE, DELETE ON documents TO app_user;
      GRANT USAGE ON SEQUENCE documents_id_seq TO app_user;
      INSERT INTO documents (tenant_id, title) VALUES
        ('acme', 'acme plan'), ('acme', 'acme memo'), ('globex', 'globex secret'), ($$o'brien'); --$$, 'quoted');
    `);
    await admin.query(tenantRlsPolicySql('documents'));
    pool = new pg.Pool({ ...server.as('app_user'), max: 1 });
  });

  afterAll(async () => {
    await pool?.end();
    await admin?.end();
    await server?.stop();
  });

  /** What a forgetful query (no WHERE tenant_id) sees for `tenant` inside withTenantTransaction. */
  const titlesFor = (tenant: string): Promise<string[]> =>
    withTenantTransaction(pool, tenant, async (client) => (await client.query<{ title: string }>('SELECT title FROM documents ORDER BY id')).rows.map((r) => r.title));

  /** The isolation property the policy must give; false as soon as the wall is gone. */
  async function isolationHolds(): Promise<boolean> {
    const acme = await titlesFor('acme');
    const unscoped = (await pool.query('SELECT count(*)::int AS n FROM documents')).rows[0].n as number;
    return JSON.stringify(acme) === JSON.stringify(['acme plan', 'acme memo']) && unscoped === 0;
  }

  it('the app connects as a role RLS applies to, and the table is enabled + forced with a policy', async () => {
    const check = await checkTenantRls(pool, 'documents');
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({ rlsEnabled: true, rlsForced: true, policyCount: 1, roleIsSuperuser: false, roleBypassesRls: false });
    const asAdmin = await checkTenantRls(admin, 'documents');
    expect(asAdmin.problems).toContain('role postgres is a superuser: RLS never applies to it');
  });

  it('a query that forgot WHERE tenant_id still sees only its tenant\'s rows', async () => {
    expect(await titlesFor('acme')).toEqual(['acme plan', 'acme memo']);
    expect(await titlesFor('globex')).toEqual(['globex secret']);
    expect(await titlesFor('nobody-here')).toEqual([]);
    expect(await isolationHolds()).toBe(true);
  });

  it('without the tenant setting a query sees zero rows (fail closed), in and out of a transaction', async () => {
    expect((await pool.query('SELECT * FROM documents')).rowCount).toBe(0);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      expect((await client.query('SELECT * FROM documents')).rowCount).toBe(0);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('the tenant id is a bound parameter, not SQL: a quote-laden id is just an id', async () => {
    expect(await titlesFor("o'brien'); --")).toEqual(['quoted']);
  });

  it('WITH CHECK rejects writes for another tenant; updates/deletes cannot reach other tenants\' rows', async () => {
    await expect(withTenantTransaction(pool, 'acme', (c) => c.query("INSERT INTO documents (tenant_id, title) VALUES ('globex', 'planted')")))
      .rejects.toThrow(/row-level security/);
    await expect(withTenantTransaction(pool, 'acme', (c) => c.query("UPDATE documents SET tenant_id = 'globex' WHERE title = 'acme memo'")))
      .rejects.toThrow(/row-level security/);
    const touched = await withTenantTransaction(pool, 'acme', async (c) => {
      const upd = await c.query("UPDATE documents SET title = 'hijacked' WHERE tenant_id = 'globex'");
      const del = await c.query('DELETE FROM documents WHERE tenant_id = $1', ['globex']);
      return (upd.rowCount ?? 0) + (del.rowCount ?? 0);
    });
    expect(touched).toBe(0);
    expect(await titlesFor('globex')).toEqual(['globex secret']);
    const inserted = await withTenantTransaction(pool, 'acme', (c) => c.query("INSERT INTO documents (tenant_id, title) VALUES ('acme', 'own row') RETURNING id"));
    await admin.query('DELETE FROM documents WHERE id = $1', [inserted.rows[0].id]);
  });

  it('a pool of one connection never carries tenant A\'s setting into tenant B (or into a query outside a transaction)', async () => {
    const pidA = await withTenantTransaction(pool, 'acme', async (c) => {
      expect((await c.query('SELECT count(*)::int AS n FROM documents')).rows[0].n).toBe(2);
      return (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    });
    const seenByB = await withTenantTransaction(pool, 'globex', async (c) => ({
      pid: (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number,
      titles: (await c.query<{ title: string }>('SELECT title FROM documents')).rows.map((r) => r.title),
      setting: (await c.query("SELECT current_setting('app.tenant_id', true) AS s")).rows[0].s as string,
    }));
    expect(seenByB.pid).toBe(pidA); // the very same pooled connection
    expect(seenByB).toMatchObject({ titles: ['globex secret'], setting: 'globex' });
    const after = await pool.query("SELECT current_setting('app.tenant_id', true) AS s, (SELECT count(*)::int FROM documents) AS n, pg_backend_pid() AS pid");
    expect(after.rows[0]).toEqual({ s: '', n: 0, pid: pidA });
  });

  it('an error inside fn rolls back, releases the connection and leaves no setting behind', async () => {
    await expect(withTenantTransaction(pool, 'acme', async (c) => {
      await c.query("INSERT INTO documents (tenant_id, title) VALUES ('acme', 'half-done')");
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await titlesFor('acme')).toEqual(['acme plan', 'acme memo']);
    expect((await pool.query("SELECT current_setting('app.tenant_id', true) AS s")).rows[0].s).toBe('');
  });

  it('refuses blank or missing tenant ids before taking a connection', async () => {
    await expect(withTenantTransaction(pool, '', async () => 1)).rejects.toThrow(/empty/);
    await expect(withTenantTransaction(pool, undefined as unknown as string, async () => 1)).rejects.toThrow(/string/);
    await expect(withTenantTransaction(pool, 'acme', async () => 1, { setting: "x'; drop table documents; --" })).rejects.toThrow(/setting name/);
    expect(await titlesFor({ tenantId: 'globex' } as unknown as string)).toEqual(['globex secret']);
  });

  it('the wall is the policy: drop it and isolation fails; disable RLS and the forgetful query leaks', async () => {
    await admin.query('DROP POLICY tenant_isolation ON documents');
    expect(await isolationHolds()).toBe(false); // RLS without a policy denies everything: A loses its rows
    expect((await checkTenantRls(pool, 'documents')).problems).toContain('documents has no policy: RLS denies every row');
    await admin.query('ALTER TABLE documents DISABLE ROW LEVEL SECURITY');
    expect(await isolationHolds()).toBe(false);
    expect(await titlesFor('acme')).toContain('globex secret'); // the leak RLS exists to prevent
    await admin.query(tenantRlsPolicySql('documents'));
    expect(await isolationHolds()).toBe(true);
  });

  it('FORCE matters: a table owned by the app role leaks to it unless RLS is forced', async () => {
    await admin.query(`
      CREATE TABLE owned_notes (tenant_id text NOT NULL, body text NOT NULL);
      INSERT INTO owned_notes VALUES ('acme', 'a'), ('globex', 'g');
      ALTER TABLE owned_notes OWNER TO app_user;`);
    await admin.query(tenantRlsPolicySql('owned_notes'));
    const bodies = (): Promise<string[]> => withTenantTransaction(pool, 'acme', async (c) => (await c.query<{ body: string }>('SELECT body FROM owned_notes ORDER BY body')).rows.map((r) => r.body));
    expect(await bodies()).toEqual(['a']);
    await admin.query('ALTER TABLE owned_notes NO FORCE ROW LEVEL SECURITY');
    expect(await bodies()).toEqual(['a', 'g']);
    expect((await checkTenantRls(pool, 'owned_notes')).problems.join()).toMatch(/not FORCEd/);
  });

  it('sql/tenant-rls.sql does the same from plain SQL, with a custom column and setting', async () => {
    await admin.query(await readFile(new URL('../sql/tenant-rls.sql', import.meta.url), 'utf8'));
    await admin.query(`
      CREATE TABLE notes (org_id text NOT NULL, body text NOT NULL);
      INSERT INTO notes VALUES ('acme', 'a1'), ('globex', 'g1');
      GRANT SELECT, INSERT ON notes TO app_user;
      SELECT tenant_audit_enable_rls('notes', 'org_id', 'app.org_id');`);
    expect((await checkTenantRls(pool, 'notes')).problems).toEqual([]);
    const seen = await withTenantTransaction(pool, 'globex', async (c) => (await c.query('SELECT body FROM notes')).rows, { setting: 'app.org_id' });
    expect(seen).toEqual([{ body: 'g1' }]);
    expect(await withTenantTransaction(pool, 'globex', async (c) => (await c.query('SELECT body FROM notes')).rowCount)).toBe(0); // wrong setting → nothing
    await expect(admin.query("SELECT tenant_audit_enable_rls('notes', 'org_id', 'bad setting')")).rejects.toThrow(/invalid tenant setting/);
  });
});
