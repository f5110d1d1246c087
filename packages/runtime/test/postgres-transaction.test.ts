// withTenantTransaction's protocol with a scripted fake client: statement order, parameters, release.
import { describe, expect, it } from 'vitest';
import { tenantRlsPolicySql, withTenantTransaction } from '../src/postgres/index.js';
import type { PgPoolClientLike } from '../src/postgres/index.js';

function fakePool(failOn: (sql: string) => boolean = () => false) {
  const log: Array<[string, unknown[] | undefined]> = [];
  const released: Array<Error | boolean | undefined> = [];
  const client: PgPoolClientLike = {
    async query(text: string, values?: unknown[]) {
      log.push([text, values]);
      if (failOn(text)) throw new Error(`failed: ${text}`);
      return { rows: [], rowCount: 0 };
    },
    release(err?: Error | boolean) {
      released.push(err);
    },
  };
  return { pool: { connect: async () => client }, log, released };
}

describe('withTenantTransaction protocol', () => {
  it('BEGIN, parameterised transaction-local set_config, fn, COMMIT, release', async () => {
    const { pool, log, released } = fakePool();
    const result = await withTenantTransaction(pool, "acme'; --", async (c) => {
      await c.query('SELECT 1');
      return 42;
    });
    expect(result).toBe(42);
    expect(log).toEqual([
      ['BEGIN', undefined],
      ['SELECT set_config($1, $2, true)', ['app.tenant_id', "acme'; --"]],
      ['SELECT 1', undefined],
      ['COMMIT', undefined],
    ]);
    expect(released).toEqual([undefined]);
  });

  it('ROLLBACK on error, rethrows the original error, returns the client to the pool', async () => {
    const { pool, log, released } = fakePool();
    await expect(withTenantTransaction(pool, 'acme', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(log.map(([sql]) => sql)).toEqual(['BEGIN', 'SELECT set_config($1, $2, true)', 'ROLLBACK']);
    expect(released).toEqual([undefined]);
  });

  it('a failing ROLLBACK destroys the connection (release(err)) instead of pooling it', async () => {
    const { pool, released } = fakePool((sql) => sql === 'ROLLBACK' || sql === 'SELECT boom');
    await expect(withTenantTransaction(pool, 'acme', (c) => c.query('SELECT boom'))).rejects.toThrow('failed: SELECT boom');
    expect(released[0]).toBeInstanceOf(Error);
  });

  it('a failing set_config never runs fn', async () => {
    const { pool } = fakePool((sql) => sql.startsWith('SELECT set_config'));
    let ran = false;
    await expect(withTenantTransaction(pool, 'acme', async () => { ran = true; })).rejects.toThrow(/set_config/);
    expect(ran).toBe(false);
  });

  it('custom setting and READ ONLY', async () => {
    const { pool, log } = fakePool();
    await withTenantTransaction(pool, { tenantId: 'acme' }, async () => undefined, { setting: 'app.org_id', readOnly: true });
    expect(log.slice(0, 2)).toEqual([['BEGIN READ ONLY', undefined], ['SELECT set_config($1, $2, true)', ['app.org_id', 'acme']]]);
  });
});

describe('tenantRlsPolicySql', () => {
  it('enables + forces RLS and creates a fail-closed USING/WITH CHECK policy, quoting identifiers', () => {
    const sql = tenantRlsPolicySql('app.Docs', { column: 'org"id', setting: 'app.org_id' });
    expect(sql).toContain('ALTER TABLE "app"."Docs" ENABLE ROW LEVEL SECURITY;');
    expect(sql).toContain('ALTER TABLE "app"."Docs" FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain(`USING ("org""id" = NULLIF(current_setting('app.org_id', true), ''))`);
    expect(sql).toContain(`WITH CHECK ("org""id" = NULLIF(current_setting('app.org_id', true), ''))`);
    expect(() => tenantRlsPolicySql('docs', { setting: "x'); DROP TABLE docs; --" })).toThrow(/setting name/);
    expect(() => tenantRlsPolicySql('a.b.c')).toThrow(/table name/);
  });
});
