import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

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

const SCHEMA_B = `model Workspace {
  id String @id
  slug String
}
model Page {
  id String @id
  workspaceId String
  status String
  title String
}
model Membership {
  id String @id
  userId String
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Program {
  id String @id
  slug String
  visibility String
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
  enrollments Enrollment[]
  messages Message[]
}
model Enrollment {
  id String @id
  partnerId String
  programId String
  program Program @relation(fields: [programId], references: [id])
}
model Message {
  id String @id
  partnerId String
  programId String
  program Program @relation(fields: [programId], references: [id])
}
model User {
  id String @id
  workspaceId String
  @@map("users")
}
model Team {
  id String @id
}
model BankAccount {
  id String @id
  teamId String
  team Team @relation(fields: [teamId], references: [id])
}
model Transaction {
  id String @id
  teamId String
  bankAccountId String
  bankAccount BankAccount @relation(fields: [bankAccountId], references: [id])
  @@map("tx")
}
`;
const kindsB = (code: string) => findings(code, {}, SCHEMA_B).map((f) => f.kind);
const HEAD_B = `import { and, eq } from 'drizzle-orm';
import { prisma } from './db';
import { db } from './drizzle';
import { users, tx } from './schema';
declare const partnerClient: any;
declare function getSession(): Promise<{ user: { id: string } }>;
`;

describe('a local filter object spread into the where', () => {
  it('scoped when the local holds the tenant', () => {
    expect(kindsB(`${HEAD_B}
export async function countOpen(ctx: { workspace: { id: string } }, q?: string) {
  const where = { workspaceId: ctx.workspace.id, status: 'open' };
  return prisma.page.count({ where: { ...where, ...(q && { title: q }) } });
}`)).toEqual([]);
  });

  it('a gap when the local has no tenant', () => {
    expect(kindsB(`${HEAD_B}
export async function countOpen(ctx: { workspace: { id: string } }, q?: string) {
  const where = { status: 'open' };
  return prisma.page.count({ where: { ...where, ...(q && { title: q }) } });
}`)).toEqual(['unscoped-query']);
  });
});

describe('the caller pinned next to a client-chosen tenant', () => {
  it('userId of the session with a workspace slug from the body', () => {
    expect(kindsB(`${HEAD_B}
export async function membershipFor(req: { body: { slug: string } }) {
  const session = await getSession();
  return prisma.membership.findFirst({ where: { userId: session.user.id, workspace: { slug: req.body.slug } } });
}`)).toEqual([]);
  });

  it('a gap when the user id comes from the body too', () => {
    expect(kindsB(`${HEAD_B}
export async function membershipFor(req: { body: { slug: string; userId: string } }) {
  return prisma.membership.findFirst({ where: { userId: req.body.userId, workspace: { slug: req.body.slug } } });
}`)).toEqual(['unscoped-query']);
  });
});

describe('an OR whose every branch pins the verified caller', () => {
  it('both branches on the partner of the action context', () => {
    expect(kindsB(`${HEAD_B}
export const openProgram = partnerClient.action(async ({ parsedInput, ctx }) => {
  const { partner } = ctx;
  return prisma.program.findFirst({
    where: {
      slug: parsedInput.slug,
      OR: [{ enrollments: { some: { partnerId: partner.id } } }, { messages: { some: { partnerId: partner.id } } }],
    },
  });
});`)).toEqual([]);
  });

  it('either alternative of a conditional spread, each an OR pinned to the partner', () => {
    expect(kindsB(`${HEAD_B}
export const listPrograms = partnerClient.action(async ({ parsedInput, ctx }) => {
  const { partner } = ctx;
  return prisma.program.findMany({
    where: {
      ...(parsedInput.slug
        ? { slug: parsedInput.slug, OR: [{ enrollments: { some: { partnerId: partner.id } } }, { messages: { some: { partnerId: partner.id } } }] }
        : { OR: [{ enrollments: { some: { partnerId: partner.id } } }] }),
    },
  });
});`)).toEqual([]);
  });

  it('a gap when one branch does not name the partner', () => {
    expect(kindsB(`${HEAD_B}
export const openProgram = partnerClient.action(async ({ parsedInput, ctx }) => {
  const { partner } = ctx;
  return prisma.program.findFirst({
    where: {
      slug: parsedInput.slug,
      OR: [{ enrollments: { some: { partnerId: partner.id } } }, { visibility: 'public' }],
    },
  });
});`)).toEqual(['unscoped-query']);
  });
});

describe('a Drizzle expression-bodied filter callback', () => {
  it('the caller\'s own row by the session user id', () => {
    expect(kindsB(`${HEAD_B}
export async function me() {
  const session = await getSession();
  return db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, session.user.id) });
}`)).toEqual([]);
  });

  it('a gap when the id comes from the body', () => {
    expect(kindsB(`${HEAD_B}
export async function show(req: { body: { id: string } }) {
  return db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, req.body.id) });
}`)).toEqual(['unscoped-query']);
  });
});

describe('Drizzle: several tenant and parent keys under and()', () => {
  it('a client-chosen parent key next to the verified team', () => {
    expect(kindsB(`${HEAD_B}
export async function list(req: { body: { id: string } }, ctx: { teamId: string }) {
  return db.select().from(tx).where(and(eq(tx.bankAccountId, req.body.id), eq(tx.teamId, ctx.teamId)));
}`)).toEqual([]);
  });

  it('a gap when both keys come from the body', () => {
    expect(kindsB(`${HEAD_B}
export async function list(req: { body: { id: string; teamId: string } }) {
  return db.select().from(tx).where(and(eq(tx.bankAccountId, req.body.id), eq(tx.teamId, req.body.teamId)));
}`)).toEqual(['unscoped-query']);
  });
});

describe('what a handler wrapper verified', () => {
  const SCHEMA_W = `model Program {
  id String @id
  workspaceId String
}
model Enrollment {
  id String @id
  partnerId String
  programId String
  program Program @relation(fields: [programId], references: [id])
}`;
  const judge = (code: string) => findings(code, {}, SCHEMA_W).map((f) => f.kind);
  it('a destructured object handed over by a with…() wrapper pins the caller', () => {
    expect(judge(`import { prisma } from './db';
export const GET = withPartnerProfile(async ({ partner, params }) => {
  return prisma.enrollment.findFirst({ where: { programId: params.programId, partnerId: partner.id } });
});`)).toEqual([]);
  });
  it('the same key destructured in a plain callback is not the caller', () => {
    const sf = parse(`import { prisma } from './db';
export async function all(rows: { partner: { id: string }; programId: string }[]) {
  return Promise.all(rows.map(async ({ partner, programId }) => prisma.enrollment.findFirst({ where: { programId, partnerId: partner.id } })));
}`);
    expect(analyseSourceFile(sf, envFor({}, SCHEMA_W)).sinks.map((s) => s.verdict)).toEqual(['parameter']);
  });
});
