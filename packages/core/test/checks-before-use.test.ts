import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model Program {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Campaign {
  id String @id
  programId String
  program Program @relation(fields: [programId], references: [id])
}
model Email {
  id String @id
  campaignId String
  campaign Campaign @relation(fields: [campaignId], references: [id])
}
model Project {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Page {
  id String @id
  workspaceId String
  projectId String
  project Project @relation(fields: [projectId], references: [id])
  @@map("pages")
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const HEAD = `import { and, eq } from 'drizzle-orm';
import { prisma } from './db';
import { db } from './drizzle';
import { pages } from './schema';
declare function withWorkspace(h: (a: { params: Record<string, string>; workspace: { id: string } }) => unknown): unknown;
declare function getDefaultProgramId(w: unknown): string;
declare function getCampaignOrThrow(a: { programId: string; campaignId: string }): Promise<unknown>;
`;

/** A client-chosen id checked with a parent key the code chose itself. */
describe('an earlier lookup with a parent key', () => {
  it('getCampaignOrThrow({ programId, campaignId }) with the program of the workspace', () => {
    expect(kinds(`${HEAD}
export const GET = withWorkspace(async ({ params, workspace }) => {
  const { campaignId } = params;
  const programId = getDefaultProgramId(workspace);
  await getCampaignOrThrow({ programId, campaignId });
  return prisma.email.count({ where: { campaignId } });
});`)).toEqual([]);
  });

  it('a gap when the program also comes from the route params', () => {
    expect(kinds(`${HEAD}
export const GET = withWorkspace(async ({ params, workspace }) => {
  const { campaignId, programId } = params;
  await getCampaignOrThrow({ programId, campaignId });
  return prisma.email.count({ where: { campaignId } });
});`)).toEqual(['unscoped-query']);
  });
});

describe('an earlier Drizzle lookup through a local conditions array', () => {
  it('the id looked up with the tenant, not-found throws, then the delete by id', () => {
    expect(kinds(`${HEAD}
export async function remove(req: { body: { id: string } }, ctx: { workspace: { id: string } }) {
  const conds = [eq(pages.id, req.body.id), eq(pages.workspaceId, ctx.workspace.id)];
  const row = await db.query.pages.findFirst({ where: and(...conds) });
  if (!row) throw new Error('not found');
  await db.delete(pages).where(eq(pages.id, req.body.id));
}`)).toEqual([]);
  });

  it('a gap without the earlier lookup', () => {
    expect(kinds(`${HEAD}
export async function remove(req: { body: { id: string } }, ctx: { workspace: { id: string } }) {
  await db.delete(pages).where(eq(pages.id, req.body.id));
}`)).toEqual(['unscoped-query']);
  });
});

describe('load, then compare with the caller\'s tenant', () => {
  it('the parent loaded by the client id and compared before the child query', () => {
    expect(kinds(`${HEAD}
export async function list(req: { body: { projectId: string } }, auth: { workspaceId: string }) {
  const project = await prisma.project.findUnique({ where: { id: req.body.projectId } });
  if (!project || project.workspaceId !== auth.workspaceId) throw new Error('forbidden');
  return prisma.page.findMany({ where: { projectId: req.body.projectId } });
}`)).toEqual([]);
  });

  it('without the comparison both the load and the child query are gaps', () => {
    expect(kinds(`${HEAD}
export async function list(req: { body: { projectId: string } }, auth: { workspaceId: string }) {
  const project = await prisma.project.findUnique({ where: { id: req.body.projectId } });
  return prisma.page.findMany({ where: { projectId: req.body.projectId } });
}`)).toEqual(['unscoped-query', 'unscoped-query']);
  });
});

describe('a check in the enclosing function', () => {
  const TRACER = `declare function assertAccess(workspaceId: string, req: unknown): Promise<void>;
declare const tracer: { with<T>(c: unknown, f: () => T): T };
`;
  it('an authorizer before the callback the query runs in', () => {
    expect(kinds(`${HEAD}${TRACER}
export async function handler(req: { body: { workspaceId: string } }, ctx: unknown) {
  await assertAccess(req.body.workspaceId, req);
  return tracer.with(ctx, async () => prisma.page.findMany({ where: { workspaceId: req.body.workspaceId } }));
}`)).toEqual([]);
  });

  it('a gap without the authorizer', () => {
    expect(kinds(`${HEAD}${TRACER}
export async function handler(req: { body: { workspaceId: string } }, ctx: unknown) {
  return tracer.with(ctx, async () => prisma.page.findMany({ where: { workspaceId: req.body.workspaceId } }));
}`)).toEqual(['unscoped-query']);
  });
});

describe('an id parameter checked with the tenant in the helper itself', () => {
  const HELPER = `declare function getPageOrThrow(a: { id: string; workspaceId: string }): Promise<unknown>;
type Ctx = { workspace: { id: string } };
`;
  it('getPageOrThrow({ id, workspaceId }) before the update by id', () => {
    expect(kinds(`${HEAD}${HELPER}
export async function update(id: string, ctx: Ctx) {
  await getPageOrThrow({ id, workspaceId: ctx.workspace.id });
  await prisma.page.update({ where: { id }, data: {} });
}`)).toEqual([]);
  });

  it('without the check the id is for the callers to answer (reported for the export)', () => {
    expect(kinds(`${HEAD}${HELPER}
export async function update(id: string, ctx: Ctx) {
  await prisma.page.update({ where: { id }, data: {} });
}`)).toEqual(['unscoped-query']);
  });
});
