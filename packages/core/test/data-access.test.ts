import { describe, expect, it } from 'vitest';
import { findings, kinds } from './helpers.js';

const head = `import { prisma } from './db';\n`;
const only = (code: string) => kinds(head + code).filter((k) => k === 'unscoped-query' || k === 'unscoped-vector-search' || k === 'unscoped-backup');

describe('unscoped-query: Prisma', () => {
  it('flags a lookup by id alone on a tenant model', () => {
    expect(only(`export const get = (id: string) => prisma.document.findUnique({ where: { id } });`)).toEqual(['unscoped-query']);
  });
  it('flags findMany with no filter and a delete by id', () => {
    expect(only(`async function a() { return prisma.document.findMany(); }
async function b(id: string) { await prisma.conversation.delete({ where: { id } }); }`)).toEqual(['unscoped-query', 'unscoped-query']);
  });
  it('flags a conditional tenant filter that fails open', () => {
    const r = findings(head + `async function list(workspaceId?: string) { return prisma.document.findMany({ where: { ...(workspaceId ? { workspaceId } : {}) } }); }`);
    expect(r.map((f) => f.messageId)).toContain('conditionalTenantFilter');
  });
  it('flags a tenant taken straight from the request body', () => {
    const r = findings(head + `app.post('/x', async (req, res) => { res.json(await prisma.document.findMany({ where: { tenantId: req.body.tenantId } })); });`);
    expect(r.map((f) => f.messageId)).toEqual(['untrustedTenant']);
  });
  it('flags a filter that only has the tenant inside an OR branch', () => {
    expect(only(`async function f(t: string, id: string) { return prisma.document.findFirst({ where: { OR: [{ tenantId: t }, { id }] } }); }`)).toEqual(['unscoped-query']);
  });
  it('does not flag a filter with the tenant, a compound key or a relation filter', () => {
    expect(only(`async function a(id: string, tenantId: string) { return prisma.document.findFirst({ where: { id, tenantId } }); }
async function b(id: string, tenantId: string) { return prisma.document.findUnique({ where: { id_tenantId: { id, tenantId } } }); }
async function c(id: string, orgId: string) { return prisma.message.findMany({ where: { conversation: { orgId } } }); }
async function d(id: string, t: string) { return prisma.document.findFirst({ where: { AND: [{ id }, { tenantId: t }] } }); }`)).toEqual([]);
  });
  it('does not flag global models from the schema', () => {
    expect(only(`async function plans() { return prisma.plan.findMany(); }
async function c() { return prisma.country.findMany(); }`)).toEqual([]);
  });
  it('does not flag a record checked after loading (comparison or authorizer)', () => {
    expect(only(`async function a(id: string, tenantId: string) {
  const doc = await prisma.document.findUnique({ where: { id } });
  if (!doc || doc.tenantId !== tenantId) throw new Error('not found');
  return doc;
}
async function b(id: string, user: User) {
  const doc = await prisma.document.findUnique({ where: { id } });
  authorize(user, doc);
  return doc;
}
async function c(id: string, user: User) { return authorize(user, await prisma.document.findUnique({ where: { id } })); }`)).toEqual([]);
  });
  it('does not flag a write by an id proven to belong to the tenant just before', () => {
    expect(only(`async function a(id: string, tenantId: string) {
  const existing = await prisma.document.findFirst({ where: { id, tenantId } });
  if (!existing) throw new Error('nope');
  await prisma.document.update({ where: { id }, data: { title: 'x' } });
}`)).toEqual([]);
  });
  it('still flags a write by another id than the one checked', () => {
    expect(only(`async function a(collectionId: string, documentId: string, user: User) {
  await assertCanAccessCollection(user, collectionId);
  await prisma.document.update({ where: { id: documentId }, data: {} });
}`)).toEqual(['unscoped-query']);
  });
  it('does not flag queries inside withTenantTransaction, on a tenant-scoped client, or with an opaque filter', () => {
    expect(only(`async function a(pool: Pool, t: string) { return withTenantTransaction(pool, t, async (tx) => tx.document.findMany()); }
async function b(t: string) { const db = forTenant(prisma, t); return db.document.findMany(); }
async function c(where: Filter) { return prisma.document.findMany({ where }); }
async function d(args: Prisma.DocumentFindManyArgs) { return prisma.document.findMany(args); }`)).toEqual([]);
  });
  it('treats a tenant from verified identity or context as scoped', () => {
    expect(only(`app.get('/d', async (req, res) => res.json(await prisma.document.findMany({ where: { tenantId: req.auth.tenantId } })));
async function b() { return prisma.document.findMany({ where: { tenantId: getCurrentTenant().tenantId } }); }`)).toEqual([]);
  });
  it('reports an unscoped read inside a backup routine as unscoped-backup', () => {
    expect(only(`export async function exportBackup() { const docs = await prisma.document.findMany(); return docs; }`)).toEqual(['unscoped-backup']);
  });
});

describe('unscoped-query: raw SQL', () => {
  it('flags a SELECT on a tenant table without a tenant predicate', () => {
    expect(only(`async function f(pool: Pool, id: string) { return pool.query('SELECT * FROM messages WHERE conversation_id = $1', [id]); }`)).toEqual(['unscoped-query']);
  });
  it('flags a postgres.js tagged template without the tenant', () => {
    expect(only("async function f(id: string) { return sql`select * from messages where id = ${id}`; }")).toEqual(['unscoped-query']);
  });
  it('does not flag SQL with a tenant predicate, on global tables, inserts, or RLS setting', () => {
    expect(only(`async function a(pool: Pool, t: string, id: string) { return pool.query('SELECT * FROM messages WHERE tenant_id = $1 AND id = $2', [t, id]); }
async function b(pool: Pool) { return pool.query('SELECT * FROM plans'); }
async function c(pool: Pool, t: string) { return pool.query('INSERT INTO messages (tenant_id, body) VALUES ($1, $2)', [t, 'x']); }
async function d(c: PoolClient, t: string) { await c.query("SELECT set_config('app.tenant_id', $1, true)", [t]); return c.query('SELECT * FROM messages'); }
async function e(pool: Pool) { return pool.query("SELECT * FROM messages WHERE tenant_id = current_setting('app.tenant_id')"); }`)).toEqual([]);
  });
  it('classifies pgvector distance queries as vector searches', () => {
    expect(only(`async function f(pool: Pool, v: string) { return pool.query('SELECT id FROM messages ORDER BY embedding <=> $1 LIMIT 5', [v]); }`)).toEqual(['unscoped-vector-search']);
  });
});

describe('unscoped-query: other ORMs', () => {
  it('Drizzle: flags select without where, accepts eq on the tenant column', () => {
    expect(only(`async function a() { return db.select().from(documents); }
async function b(id: string) { return db.select().from(documents).where(eq(documents.id, id)); }
async function c(id: string, t: string) { return db.select().from(documents).where(and(eq(documents.id, id), eq(documents.tenantId, t))); }`)).toEqual(['unscoped-query', 'unscoped-query']);
  });
  it('Knex: flags where without tenant and orWhere escapes; accepts tenant_id', () => {
    expect(only(`async function a(id: string) { return knex('documents').where({ id }).first(); }
async function b(t: string, id: string) { return knex('documents').where('tenant_id', t).andWhere({ id }); }
async function c(t: string, q: string) { return knex('documents').where('tenant_id', t).orWhere('title', q); }`)).toEqual(['unscoped-query', 'unscoped-query']);
  });
  it('Kysely: flags selectFrom without tenant', () => {
    expect(only(`async function a(id: string) { return db.selectFrom('documents').selectAll().where('id', '=', id).execute(); }
async function b(t: string) { return db.selectFrom('documents').selectAll().where('tenant_id', '=', t).execute(); }`)).toEqual(['unscoped-query']);
  });
  it('TypeORM: flags findOneBy({ id }) and delete(id); accepts tenant in where', () => {
    expect(only(`class S { constructor(private documentRepository: Repository<Document>) {}
  a(id: string) { return this.documentRepository.findOneBy({ id }); }
  b(id: string) { return this.documentRepository.delete(id); }
  c(id: string, tenantId: string) { return this.documentRepository.findOne({ where: { id, tenantId } }); }
}`)).toEqual(['unscoped-query', 'unscoped-query']);
  });
  it('Sequelize and Mongoose: flag findByPk / findById and unfiltered finds', () => {
    const code = `import { Model } from 'sequelize';
async function a(id: string) { return Document.findByPk(id); }
async function b(t: string) { return Document.findAll({ where: { tenantId: t } }); }`;
    expect(kinds(code)).toEqual(['unscoped-query']);
    const mongo = `import mongoose from 'mongoose';
async function a(id: string) { return DocumentModel.findById(id); }
async function b(t: string) { return DocumentModel.find({ tenantId: t }); }`;
    expect(kinds(mongo)).toEqual(['unscoped-query']);
  });
  it('Supabase: flags a select by id, accepts eq on the tenant column', () => {
    expect(only(`async function a(id: string) { return supabase.from('documents').select('*').eq('id', id); }
async function b(id: string, t: string) { return supabase.from('documents').select('*').eq('id', id).eq('tenant_id', t); }`)).toEqual(['unscoped-query']);
  });
});

describe('unscoped-vector-search', () => {
  it('flags LangChain similaritySearch without a filter and asRetriever without a filter', () => {
    expect(only(`async function a(store: VectorStore, q: string) { return store.similaritySearch(q, 5); }
function b(store: VectorStore) { return store.asRetriever({ k: 4 }); }`)).toEqual(['unscoped-vector-search', 'unscoped-vector-search']);
  });
  it('accepts LangChain calls with a tenant filter', () => {
    expect(only(`async function a(store: VectorStore, q: string, tenantId: string) { return store.similaritySearch(q, 5, { tenantId }); }
function b(store: VectorStore, tenantId: string) { return store.asRetriever({ k: 4, filter: { tenantId } }); }`)).toEqual([]);
  });
  it('Pinecone: flags query without namespace/filter, accepts tenant namespace or filter', () => {
    expect(only(`async function a(index: Index, vector: number[]) { return index.query({ vector, topK: 5 }); }
async function b(index: Index, vector: number[], tenantId: string) { return index.namespace(tenantId).query({ vector, topK: 5 }); }
async function c(index: Index, vector: number[], tenantId: string) { return index.query({ vector, topK: 5, filter: { tenantId: { $eq: tenantId } } }); }
async function d(index: Index, vector: number[], tenantId: string) { return index.query({ vector, topK: 5, namespace: tenantId }); }`)).toEqual(['unscoped-vector-search']);
  });
  it('Qdrant and Chroma: flag missing filters, accept tenant keys', () => {
    expect(only(`async function a(client: QdrantClient, vector: number[]) { return client.search('docs', { vector, limit: 5 }); }
async function b(client: QdrantClient, vector: number[], t: string) { return client.search('docs', { vector, limit: 5, filter: { must: [{ key: 'tenant_id', match: { value: t } }] } }); }
async function c(col: Collection, e: number[]) { return col.query({ queryEmbeddings: [e], nResults: 5 }); }
async function d(col: Collection, e: number[], tenantId: string) { return col.query({ queryEmbeddings: [e], nResults: 5, where: { tenantId } }); }`)).toEqual(['unscoped-vector-search', 'unscoped-vector-search']);
  });
  it('does not flag the runtime scoped retriever', () => {
    expect(only(`import { createScopedRetriever } from '@tenant-audit/runtime';
const retriever = createScopedRetriever(backend);
async function a(q: number[]) { return retriever.search({ embedding: q, topK: 5 }); }`)).toEqual([]);
  });
  it('flags a generic vector store search without a tenant', () => {
    expect(only(`async function a(vectorStore: Store, embedding: number[]) { return vectorStore.search({ embedding, topK: 5 }); }`)).toEqual(['unscoped-vector-search']);
  });
});

describe('method names shared with Object.prototype', () => {
  it('does not treat toString/valueOf/constructor calls as sinks', () => {
    expect(only(`function f(b: Buffer, d: Date, x: object) { return [b.toString('base64'), d.valueOf(), x.constructor, prisma.document.toString()]; }`)).toEqual([]);
  });
});

describe('query builders assembled before they run', () => {
  it('does not judge a builder stored in a variable and refined later, nor one over a subquery', () => {
    expect(only(`async function a(teamId: string) {
  let qb = db.selectFrom('documents').selectAll();
  qb = qb.where('teamId', '=', teamId);
  return qb.execute();
}
async function b(base: Query) { return db.selectFrom(base.as('x')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(); }`)).toEqual([]);
  });
  it('still judges a builder that runs where it is built', () => {
    expect(only(`async function c(id: string) { const rows = await db.selectFrom('documents').selectAll().where('id', '=', id).execute(); return rows; }`)).toEqual(['unscoped-query']);
  });
});
