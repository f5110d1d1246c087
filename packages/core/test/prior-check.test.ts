import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Workspace {
  id Int @id
}
model Page {
  id Int @id
  workspaceId Int
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model PageComponent {
  id Int @id
  pageId Int
  page Page @relation(fields: [pageId], references: [id])
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const HEAD = `import { and, eq } from 'drizzle-orm';\nimport { prisma } from './db';\nimport { pageComponent, page } from './schema';\ndeclare function assertPageInWorkspace(a: unknown): Promise<void>;\n`;

/** A client-chosen id that an earlier call checked together with the verified tenant is not a gap. */
describe('client value checked by an earlier tenant-scoped call', () => {
  it('an assert…(…) that takes the value and the verified tenant', () => {
    expect(kinds(`${HEAD}
export async function create(ctx: { workspace: { id: number } }, req: { body: { pageId: number } }) {
  await assertPageInWorkspace({ pageId: req.body.pageId, workspaceId: ctx.workspace.id });
  return prisma.pageComponent.findMany({ where: { pageId: req.body.pageId } });
}`)).toEqual([]);
  });

  it('an earlier lookup filtered by the value and the tenant (then not-found throws)', () => {
    expect(kinds(`${HEAD}
export async function update(ctx: { workspace: { id: number } }, req: { body: { pageId: number } }) {
  const found = await prisma.page.findFirst({ where: { id: req.body.pageId, workspaceId: ctx.workspace.id } });
  if (!found) throw new Error('not found');
  return prisma.pageComponent.deleteMany({ where: { pageId: req.body.pageId } });
}`)).toEqual([]);
  });

  it('still a gap without the earlier check, or when the earlier call has no tenant', () => {
    expect(kinds(`${HEAD}
export async function remove(req: { body: { pageId: number } }) {
  await assertPageInWorkspace({ pageId: req.body.pageId });
  return prisma.pageComponent.deleteMany({ where: { pageId: req.body.pageId } });
}`)).toEqual(['unscoped-query']);
  });
});

describe('tenant chosen by the client, membership looked up with the caller first', () => {
  it('a lookup that takes the tenant id with the verified user checks it', () => {
    expect(kinds(`${HEAD}
declare function getTeamById(a: { userId: number; teamId: number }): Promise<unknown>;
export async function remove(user: { id: number }, req: { body: { workspaceId: number } }) {
  await getTeamById({ userId: user.id, teamId: req.body.workspaceId });
  return prisma.page.deleteMany({ where: { workspaceId: req.body.workspaceId } });
}`)).toEqual([]);
  });

  it('a lookup with the tenant id alone does not', () => {
    expect(kinds(`${HEAD}
declare function getTeam(a: { teamId: number }): Promise<unknown>;
export async function remove(req: { body: { workspaceId: number } }) {
  await getTeam({ teamId: req.body.workspaceId });
  return prisma.page.deleteMany({ where: { workspaceId: req.body.workspaceId } });
}`)).toEqual(['unscoped-query']);
  });
});
