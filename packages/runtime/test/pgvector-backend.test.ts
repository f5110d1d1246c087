// PgVectorRetrievalBackend over the wire protocol (pg → PGlite socket server with pgvector), as a
// role that RLS applies to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PgVectorRetrievalBackend, pgvectorSchemaSql, withTenantTransaction } from '../src/postgres/index.js';
import type { RetrievalBackend } from '../src/retrieval/types.js';
import { APP_ROLE, startPgliteServer } from './support/pglite-server.js';
import type { PgliteTestServer } from './support/pglite-server.js';

describe('PgVectorRetrievalBackend (pgvector on PGlite, via pg)', () => {
  let server: PgliteTestServer;
  let pool: pg.Pool;
  let backend: PgVectorRetrievalBackend;

  beforeAll(async () => {
    server = await startPgliteServer(`${pgvectorSchemaSql(3)}
      GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_embeddings TO ${APP_ROLE};`);
    pool = new pg.Pool({ ...server.config, max: 2 });
    backend = new PgVectorRetrievalBackend({ pool, dimensions: 3, embed: async (text) => (text === 'x-axis' ? [1, 0, 0] : [0, 1, 0]) });
    await backend.upsert('acme', [
      { id: 'a1', content: 'acme roadmap', embedding: [0.9, 0.1, 0], metadata: { kind: 'plan' } },
      { id: 'a2', content: 'acme memo', embedding: [0, 1, 0], metadata: { kind: 'memo' } },
    ]);
    await backend.upsert('globex', [
      // Nearer to the query than any acme item: a missing tenant filter would rank it first.
      { id: 'g1', content: 'globex secret', embedding: [1, 0, 0], metadata: { kind: 'plan', tenantId: 'acme' } },
    ]);
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  it('connects as a role that RLS applies to', async () => {
    const { rows } = await pool.query('SELECT current_user AS u, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user');
    expect(rows[0]).toEqual({ u: APP_ROLE, rolsuper: false, rolbypassrls: false });
  });

  it('implements RetrievalBackend: nearest items of the filter tenant only, ranked by cosine, with metadata.tenantId', async () => {
    const asInterface: RetrievalBackend = backend;
    const items = await asInterface.search({ embedding: [1, 0, 0], topK: 5, filter: { tenantId: 'acme' } });
    expect(items.map((i) => i.id)).toEqual(['a1', 'a2']);
    expect(items.every((i) => i.metadata.tenantId === 'acme')).toBe(true);
    expect(items[0]?.score).toBeGreaterThan(items[1]?.score ?? 1);
    expect(items[0]?.score).toBeCloseTo(0.9 / Math.sqrt(0.82), 5);
    const globex = await backend.search({ embedding: [1, 0, 0], topK: 5, filter: { tenantId: 'globex' } });
    // metadata.tenantId comes from the row's tenant column, not from the stored (forged) metadata
    expect(globex).toEqual([{ id: 'g1', content: 'globex secret', score: 1, metadata: { kind: 'plan', tenantId: 'globex' } }]);
  });

  it('honours topK, extra metadata filters and text queries through embed()', async () => {
    expect((await backend.search({ embedding: [1, 0, 0], topK: 1, filter: { tenantId: 'acme' } })).map((i) => i.id)).toEqual(['a1']);
    expect((await backend.search({ embedding: [1, 0, 0], topK: 5, filter: { tenantId: 'acme', kind: 'memo' } })).map((i) => i.id)).toEqual(['a2']);
    expect((await backend.search({ text: 'x-axis', topK: 5, filter: { tenantId: 'acme' } }))[0]?.id).toBe('a1');
    await expect(backend.search({ topK: 5, filter: { tenantId: 'acme' } })).rejects.toThrow(/embedding/);
    await expect(backend.search({ embedding: [1, 0], topK: 5, filter: { tenantId: 'acme' } })).rejects.toThrow(/dimensions/);
    await expect(backend.search({ embedding: [1, 0, 0], topK: 0, filter: { tenantId: 'acme' } })).rejects.toThrow(/topK/);
    await expect(backend.search({ embedding: [1, 0, 0], topK: 5, filter: { tenantId: '' } })).rejects.toThrow(/empty/);
  });

  it('the same document id in two tenants stays two documents; delete is per tenant', async () => {
    await backend.upsert('globex', [{ id: 'a1', content: 'globex a1', embedding: [0, 0, 1] }]);
    expect((await backend.search({ embedding: [0, 0, 1], topK: 1, filter: { tenantId: 'acme' } }))[0]?.content).toBe('acme roadmap');
    expect(await backend.delete('acme', ['g1'])).toBe(0);
    expect(await backend.delete('globex', ['a1'])).toBe(1);
  });

  it('RLS is the second wall: a raw nearest-neighbour query without WHERE sees only the transaction tenant', async () => {
    const ids = await withTenantTransaction(pool, 'acme', async (c) =>
      (await c.query<{ id: string }>("SELECT id FROM tenant_embeddings ORDER BY embedding <=> '[1,0,0]' LIMIT 5")).rows.map((r) => r.id));
    expect(ids).toEqual(['a1', 'a2']);
    expect((await pool.query('SELECT id FROM tenant_embeddings')).rowCount).toBe(0);
    await expect(withTenantTransaction(pool, 'acme', (c) => c.query(
      "INSERT INTO tenant_embeddings (tenant_id, id, content, embedding) VALUES ('globex', 'x', 'planted', '[1,1,1]')"))).rejects.toThrow(/row-level security/);
  });

  it('without the policy the forgetful query leaks across tenants (so the test above is the policy\'s)', async () => {
    await server.asOwner('ALTER TABLE tenant_embeddings DISABLE ROW LEVEL SECURITY;');
    try {
      const ids = await withTenantTransaction(pool, 'acme', async (c) =>
        (await c.query<{ id: string }>("SELECT id FROM tenant_embeddings ORDER BY embedding <=> '[1,0,0]' LIMIT 5")).rows.map((r) => r.id));
      expect(ids).toContain('g1');
    } finally {
      await server.asOwner('ALTER TABLE tenant_embeddings ENABLE ROW LEVEL SECURITY;');
    }
    expect((await pool.query('SELECT id FROM tenant_embeddings')).rowCount).toBe(0);
  });
});
