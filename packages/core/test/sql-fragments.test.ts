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
