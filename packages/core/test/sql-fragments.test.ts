import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model Message {
  id String @id
  workspaceId String
  @@map("messages")
}
model Contact {
  id String @id
  workspaceId String
  status String
  @@map("contacts")
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const HEAD = `import { Prisma } from '@prisma/client';\nimport { prisma } from './db';\n`;

/** `${…}` placeholders that splice in SQL fragments built in the same file are read as SQL. */
describe('raw SQL with spliced fragments', () => {
  it('a fragment returned by a local function holds the tenant condition', () => {
    expect(kinds(`${HEAD}
const scoped = (p: { ws: string }) => Prisma.sql\`m.workspace_id = \${p.ws} AND m.created_at < now()\`;
export async function recent(ctx: { workspace: { id: string } }) {
  const ws = ctx.workspace.id;
  const condition = scoped({ ws });
  return prisma.$queryRaw(Prisma.sql\`SELECT m.id FROM messages m WHERE \${condition}\`);
}`)).toEqual([]);
  });

  it('the same through a tagged $queryRaw', () => {
    expect(kinds(`${HEAD}
const scoped = (p: { ws: string }) => Prisma.sql\`m.workspace_id = \${p.ws} AND m.created_at < now()\`;
export async function recent(ctx: { workspace: { id: string } }) {
  const ws = ctx.workspace.id;
  const condition = scoped({ ws });
  return prisma.$queryRaw\`SELECT m.id FROM messages m WHERE \${condition}\`;
}`)).toEqual([]);
  });

  it('a fragment without any tenant column is a gap', () => {
    expect(kinds(`${HEAD}
const recentOnly = (p: { id: string }) => Prisma.sql\`m.id = \${p.id} AND m.created_at < now()\`;
export async function recent(req: { body: { id: string } }) {
  const condition = recentOnly({ id: req.body.id });
  return prisma.$queryRaw\`SELECT m.id FROM messages m WHERE \${condition}\`;
}`)).toEqual(['unscoped-query']);
  });

  it('a list of conditions built by a local function, joined with AND, then spliced: five hops, still read', () => {
    const body = (first: string) => `${HEAD}
function conditionsFor({ ws, status }: { ws: string; status: string }) {
  const conditions = [${first}, Prisma.sql\`c.status = \${status}\`];
  return conditions;
}
export async function byStatus(ctx: { workspace: { id: string } }, req: { query: { status: string; id: string } }) {
  const conditions = conditionsFor({ ws: ctx.workspace.id, status: req.query.status });
  const whereClause = Prisma.join(conditions, ' AND ');
  return prisma.$queryRaw(Prisma.sql\`SELECT c.id FROM contacts c WHERE \${whereClause}\`);
}`;
    expect(kinds(body('Prisma.sql`c.workspace_id = ${ws}`'))).toEqual([]);
    expect(kinds(body('Prisma.sql`c.created_at < now()`'))).toEqual(['unscoped-query']);
  });

  it('conditions joined with AND: the tenant condition scopes the statement', () => {
    expect(kinds(`${HEAD}
export async function byStatus(ctx: { workspace: { id: string } }, req: { query: { status: string } }) {
  const ws = ctx.workspace.id;
  const s = req.query.status;
  const conditions = [Prisma.sql\`c.workspace_id = \${ws}\`, Prisma.sql\`c.status = \${s}\`];
  return prisma.$queryRaw(Prisma.sql\`SELECT c.id FROM contacts c WHERE \${Prisma.join(conditions, ' AND ')}\`);
}`)).toEqual([]);
  });

  it('conditions joined with OR: a gap', () => {
    expect(kinds(`${HEAD}
export async function byStatus(ctx: { workspace: { id: string } }, req: { query: { status: string } }) {
  const ws = ctx.workspace.id;
  const s = req.query.status;
  const conditions = [Prisma.sql\`c.workspace_id = \${ws}\`, Prisma.sql\`c.status = \${s}\`];
  return prisma.$queryRaw(Prisma.sql\`SELECT c.id FROM contacts c WHERE \${Prisma.join(conditions, ' OR ')}\`);
}`)).toEqual(['unscoped-query']);
  });

  it('joined conditions without a tenant column: a gap', () => {
    expect(kinds(`${HEAD}
export async function byStatus(req: { query: { status: string; id: string } }) {
  const conditions = [Prisma.sql\`c.id = \${req.query.id}\`, Prisma.sql\`c.status = \${req.query.status}\`];
  return prisma.$queryRaw(Prisma.sql\`SELECT c.id FROM contacts c WHERE \${Prisma.join(conditions, ' AND ')}\`);
}`)).toEqual(['unscoped-query']);
  });
});

const SCHEMA_S = `model Workspace {
  id String @id
}
model Team {
  id String @id
}
model Document {
  id String @id
  teamId String
  body String
  @@map("documents")
}
model Doc {
  id String @id
  workspaceId String
  @@map("docs")
}
`;
const kindsS = (code: string) => findings(code, {}, SCHEMA_S).map((f) => f.kind);

describe('a tenant handed to a set-returning function', () => {
  it('search_documents(term, teamId) with the verified team', () => {
    expect(kindsS(`${HEAD}
export async function search(ctx: { teamId: string }, req: { query: { term: string } }) {
  const teamId = ctx.teamId;
  const term = req.query.term;
  return prisma.$queryRaw\`SELECT * FROM search_documents(\${term}, \${teamId})\`;
}`)).toEqual([]);
  });

  it('a gap when the function gets no tenant', () => {
    expect(kindsS(`${HEAD}
export async function search(ctx: { teamId: string }, req: { query: { term: string } }) {
  const term = req.query.term;
  return prisma.$queryRaw\`SELECT * FROM search_documents(\${term})\`;
}`)).toEqual(['unscoped-query']);
  });
});

describe('a joined list of ids', () => {
  it('ids loaded here with the tenant, then Prisma.join(ids)', () => {
    expect(kindsS(`${HEAD}
export async function load(ctx: { workspace: { id: string } }) {
  const rows = await prisma.doc.findMany({ where: { workspaceId: ctx.workspace.id } });
  const ids = rows.map((r) => r.id);
  return prisma.$queryRaw\`SELECT * FROM docs WHERE id IN (\${Prisma.join(ids)})\`;
}`)).toEqual([]);
  });

  it('a gap when the ids come from the body', () => {
    expect(kindsS(`${HEAD}
export async function load(ctx: { workspace: { id: string } }, req: { body: { ids: string[] } }) {
  const rows = await prisma.doc.findMany({ where: { workspaceId: ctx.workspace.id } });
  return prisma.$queryRaw\`SELECT * FROM docs WHERE id IN (\${Prisma.join(req.body.ids)})\`;
}`)).toEqual(['unscoped-query']);
  });
});
