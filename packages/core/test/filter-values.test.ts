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
model Enrollment {
  id String @id
  programId String
  program Program @relation(fields: [programId], references: [id])
  tenantId String
  partnerId String
  @@unique([tenantId, programId])
  @@unique([partnerId, programId])
}
model User {
  id String @id
  workspaceId String
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const HEAD = `import { prisma } from './db';\ndeclare function getDefaultProgramId(w: unknown): string;\ndeclare const authPartnerActionClient: any;\n`;

/** A filter with several tenant or parent keys: one value the client did not choose is enough. */
describe('several tenant keys in one filter', () => {
  it('scoped when one key is trusted (the parent key computed here)', () => {
    expect(kinds(`${HEAD}
export async function show(req: { query: { tenantId: string } }, ctx: { workspace: { id: string } }) {
  const programId = getDefaultProgramId(ctx.workspace);
  return prisma.enrollment.findUnique({ where: { tenantId_programId: { tenantId: req.query.tenantId, programId } } });
}`)).toEqual([]);
  });

  it('a gap when every key comes from the request', () => {
    expect(kinds(`${HEAD}
export async function show(req: { query: { tenantId: string; programId: string } }, ctx: { workspace: { id: string } }) {
  return prisma.enrollment.findUnique({ where: { tenantId_programId: { tenantId: req.query.tenantId, programId: req.query.programId } } });
}`)).toEqual(['unscoped-query']);
  });
});

describe('a filter pinned to the verified caller', () => {
  it('the partner of the action context, with a client-chosen parent key', () => {
    expect(kinds(`${HEAD}
export const leaveProgram = authPartnerActionClient.action(async ({ parsedInput, ctx }) => {
  await prisma.enrollment.update({
    where: { partnerId_programId: { partnerId: ctx.partner.id, programId: parsedInput.programId } },
    data: { status: 'left' },
  });
});`)).toEqual([]);
  });

  it('the session user on a tenant model', () => {
    expect(kinds(`${HEAD}
declare function getSession(): Promise<{ user: { id: string } }>;
export async function me() {
  const session = await getSession();
  return prisma.user.findUnique({ where: { id: session.user.id } });
}`)).toEqual([]);
  });

  it('a partner id from the client input is not the caller', () => {
    expect(kinds(`${HEAD}
export const leaveProgram = authPartnerActionClient.action(async ({ parsedInput, ctx }) => {
  await prisma.enrollment.update({
    where: { partnerId_programId: { partnerId: parsedInput.partnerId, programId: parsedInput.programId } },
    data: { status: 'left' },
  });
});`)).toEqual(['unscoped-query']);
  });

  it('a user id from the query is not the caller', () => {
    expect(kinds(`${HEAD}
export async function show(req: { query: { userId: string } }) {
  return prisma.user.findUnique({ where: { id: req.query.userId } });
}`)).toEqual(['unscoped-query']);
  });
});

describe('OR filters', () => {
  it('scoped when every branch binds the verified tenant', () => {
    expect(kinds(`${HEAD}
export async function list(ctx: { workspace: { id: string } }) {
  return prisma.program.findMany({ where: { OR: [{ workspaceId: ctx.workspace.id }, { workspaceId: null }] } });
}`)).toEqual([]);
  });

  it('a gap when a branch binds a tenant from the request', () => {
    expect(kinds(`${HEAD}
export async function list(req: { body: { workspaceId: string } }) {
  return prisma.program.findMany({ where: { OR: [{ workspaceId: req.body.workspaceId }, { workspaceId: null }] } });
}`)).toEqual(['unscoped-query']);
  });

  it('a gap when one branch has no tenant', () => {
    expect(kinds(`${HEAD}
export async function find(ctx: { workspace: { id: string } }, req: { body: { slug: string } }) {
  return prisma.program.findMany({ where: { OR: [{ workspaceId: ctx.workspace.id }, { slug: req.body.slug }] } });
}`)).toEqual(['unscoped-query']);
  });
});
