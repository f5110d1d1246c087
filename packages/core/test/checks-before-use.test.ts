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
model Monitor {
  id String @id
  workspaceId String
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

const SCHEMA_C = `model Workspace {
  id String @id
}
model Program {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Submission {
  id String @id
  programId String
  program Program @relation(fields: [programId], references: [id])
}
model Group {
  id String @id
  workspaceId String
}
model Invite {
  id String @id
  email String
  workspaceId String
}
model Invoice {
  id String @id
  workspaceId String
}
model Member {
  id String @id
  userId String
  workspaceId String
  @@unique([userId, workspaceId])
}
model Domain {
  slug String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Link {
  id String @id
  domain String
  key String
  workspaceId String
  domainRecord Domain @relation(fields: [domain], references: [slug])
  @@unique([domain, key])
}
model Team {
  id String @id
  name String
  @@map("teams")
}
`;
// The teams table is the tenant itself: declared a tenant model so that a delete by a client-chosen id is judged.
const kindsC = (code: string) => findings(code, { tenantModels: ['Team'] }, SCHEMA_C).map((f) => f.kind);
const HEAD_C = `import { eq } from 'drizzle-orm';
import { prisma } from './db';
import { db } from './drizzle';
import { teams } from './schema';
declare const authActionClient: any;
declare function getDefaultProgramId(w: unknown): string;
declare function getSession(): Promise<{ user: { id: string; email: string } }>;
declare function hasTeamAccess(d: unknown, teamId: string, userId: string): Promise<void>;
declare function x(): Promise<unknown>;
`;

describe('a destructured result checked after the load', () => {
  it('the rest of the record compared with the program of the workspace', () => {
    expect(kindsC(`${HEAD_C}
export const approve = authActionClient.action(async ({ parsedInput, ctx }) => {
  const { workspace } = ctx;
  const programId = getDefaultProgramId(workspace);
  const { program, ...submission } = await prisma.submission.findUniqueOrThrow({ where: { id: parsedInput.id }, include: { program: true } });
  if (submission.programId !== programId) throw new Error('not found');
  return { program, submission };
});`)).toEqual([]);
  });

  it('a gap without the comparison', () => {
    expect(kindsC(`${HEAD_C}
export const approve = authActionClient.action(async ({ parsedInput, ctx }) => {
  const { workspace } = ctx;
  const programId = getDefaultProgramId(workspace);
  const { program, ...submission } = await prisma.submission.findUniqueOrThrow({ where: { id: parsedInput.id }, include: { program: true } });
  return { program, submission, programId };
});`)).toEqual(['unscoped-query']);
  });
});

describe('a record destructured from Promise.all and checked', () => {
  it('the first element compared with the workspace', () => {
    expect(kindsC(`${HEAD_C}
export async function show(params: { id: string }, ctx: { workspace: { id: string } }) {
  const [group, other] = await Promise.all([prisma.group.findUnique({ where: { id: params.id } }), x()]);
  if (!group || group.workspaceId !== ctx.workspace.id) throw new Error('not found');
  return { group, other };
}`)).toEqual([]);
  });

  it('a gap without the comparison', () => {
    expect(kindsC(`${HEAD_C}
export async function show(params: { id: string }, ctx: { workspace: { id: string } }) {
  const [group, other] = await Promise.all([prisma.group.findUnique({ where: { id: params.id } }), x()]);
  return { group, other };
}`)).toEqual(['unscoped-query']);
  });
});

describe('loaded rows checked with a callback', () => {
  it('groups.some((g) => g.workspaceId !== ws) throws', () => {
    expect(kindsC(`${HEAD_C}
export const archive = authActionClient.action(async ({ parsedInput, ctx }) => {
  const ws = ctx.workspace.id;
  const groups = await prisma.group.findMany({ where: { id: { in: parsedInput.ids } } });
  if (groups.some((g) => g.workspaceId !== ws)) throw new Error('forbidden');
  return groups;
});`)).toEqual([]);
  });

  it('a gap without the check', () => {
    expect(kindsC(`${HEAD_C}
export const archive = authActionClient.action(async ({ parsedInput, ctx }) => {
  const groups = await prisma.group.findMany({ where: { id: { in: parsedInput.ids } } });
  return groups;
});`)).toEqual(['unscoped-query']);
  });
});

describe('a record bound to the caller\'s identity', () => {
  it('the invite compared with the session email', () => {
    expect(kindsC(`${HEAD_C}
export async function accept(req: { body: { id: string } }) {
  const session = await getSession();
  const invite = await prisma.invite.findUnique({ where: { id: req.body.id } });
  if (!invite || invite.email !== session.user.email) throw new Error('forbidden');
  return invite;
}`)).toEqual([]);
  });

  it('a gap without the comparison', () => {
    expect(kindsC(`${HEAD_C}
export async function accept(req: { body: { id: string } }) {
  const invite = await prisma.invite.findUnique({ where: { id: req.body.id } });
  return invite;
}`)).toEqual(['unscoped-query']);
  });
});

describe('the caller\'s membership in the loaded record\'s tenant', () => {
  it('a member lookup with the invoice workspace and the session user', () => {
    expect(kindsC(`${HEAD_C}
export async function show(params: { id: string }) {
  const session = await getSession();
  const inv = await prisma.invoice.findUnique({ where: { id: params.id } });
  if (!inv) throw new Error('not found');
  const m = await prisma.member.findUnique({ where: { userId_workspaceId: { userId: session.user.id, workspaceId: inv.workspaceId } } });
  if (!m) throw new Error('forbidden');
  return inv;
}`)).toEqual([]);
  });

  it('a gap without the member lookup', () => {
    expect(kindsC(`${HEAD_C}
export async function show(params: { id: string }) {
  const inv = await prisma.invoice.findUnique({ where: { id: params.id } });
  if (!inv) throw new Error('not found');
  return inv;
}`)).toEqual(['unscoped-query']);
  });
});

describe('loaded by a client-chosen parent key, then compared', () => {
  it('domain_key from the query, the link compared with the workspace', () => {
    expect(kindsC(`${HEAD_C}
export async function resolve(req: { query: { domain: string } }, key: string, ctx: { workspace: { id: string } }) {
  const ws = ctx.workspace.id;
  const link = await prisma.link.findUnique({ where: { domain_key: { domain: req.query.domain, key } } });
  if (!link || link.workspaceId !== ws) throw new Error('not found');
  return link;
}`)).toEqual([]);
  });

  it('a gap without the comparison', () => {
    expect(kindsC(`${HEAD_C}
export async function resolve(req: { query: { domain: string } }, key: string, ctx: { workspace: { id: string } }) {
  const link = await prisma.link.findUnique({ where: { domain_key: { domain: req.query.domain, key } } });
  return link;
}`)).toEqual(['unscoped-query']);
  });
});

describe('a has…Access() membership lookup first', () => {
  it('hasTeamAccess before the Drizzle delete by the same team id', () => {
    expect(kindsC(`${HEAD_C}
export async function removeTeam(req: { body: { teamId: string } }, user: { id: string }) {
  await hasTeamAccess(db, req.body.teamId, user.id);
  return db.delete(teams).where(eq(teams.id, req.body.teamId));
}`)).toEqual([]);
  });

  it('a gap without it', () => {
    expect(kindsC(`${HEAD_C}
export async function removeTeam(req: { body: { teamId: string } }, user: { id: string }) {
  return db.delete(teams).where(eq(teams.id, req.body.teamId));
}`)).toEqual(['unscoped-query']);
  });
});

describe('a membership lookup: the tenant together with the caller', () => {
  const MEMBERS = `model Team {
  id String @id
}
model Member {
  id     String @id
  teamId String
  userId String
  team   Team @relation(fields: [teamId], references: [id])
}`;
  const judge = (code: string) => findings(code, {}, MEMBERS).map((f) => f.kind);
  it('a client-chosen team looked up with the user the function is given is the membership check itself', () => {
    expect(judge(`import { prisma } from './db';
export async function hasAccess(req: { body: { teamId: string } }, userId: string) {
  return prisma.member.findFirst({ where: { teamId: req.body.teamId, userId } });
}`)).toEqual([]);
  });
  it('with the user chosen by the client too, it is not', () => {
    expect(judge(`import { prisma } from './db';
export async function hasAccess(req: { body: { teamId: string; userId: string } }) {
  return prisma.member.findFirst({ where: { teamId: req.body.teamId, userId: req.body.userId } });
}`)).toEqual(['unscoped-query']);
  });
});

describe('a membership row taken from a builder\'s result array gates what follows', () => {
  const DRIZZLE = `import { and, eq } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
export const teams = pgTable('teams', { id: text('id') });
export const users = pgTable('users', { id: text('id'), teamId: text('team_id').references(() => teams.id) });
export const usersOnTeam = pgTable('users_on_team', { id: text('id'), userId: text('user_id'), teamId: text('team_id').references(() => teams.id) });
declare const db: any;
`;
  const judge = (code: string) => findings(`${DRIZZLE}${code}`).map((f) => f.kind);
  it('const [membership] = await db.select()…where(userId, teamId); if (!membership) throw: the team written next is checked', () => {
    expect(judge(`export async function switchTeam(userId: string, teamId: string) {
  const [membership] = await db.select({ id: usersOnTeam.id }).from(usersOnTeam)
    .where(and(eq(usersOnTeam.userId, userId), eq(usersOnTeam.teamId, teamId))).limit(1);
  if (!membership) throw new Error('not a member');
  await db.update(users).set({ teamId }).where(eq(users.id, userId));
}`)).toEqual([]);
  });
  it('a lookup by the user alone checks nothing about the team written', () => {
    expect(judge(`export async function switchTeam(userId: string, teamId: string) {
  const [membership] = await db.select({ id: usersOnTeam.id }).from(usersOnTeam).where(eq(usersOnTeam.userId, userId)).limit(1);
  if (!membership) throw new Error('not a member');
  await db.update(users).set({ teamId }).where(eq(users.id, userId));
}`)).toContain('unscoped-query');
  });
  it('the row taken but never tested gates nothing', () => {
    expect(judge(`export async function switchTeam(userId: string, teamId: string) {
  const [membership] = await db.select({ id: usersOnTeam.id }).from(usersOnTeam)
    .where(and(eq(usersOnTeam.userId, userId), eq(usersOnTeam.teamId, teamId))).limit(1);
  console.log(membership);
  await db.update(users).set({ teamId }).where(eq(users.id, userId));
}`)).toContain('unscoped-query');
  });
});

describe('a write keyed by the caller checks the value it carries', () => {
  const PROGRAMS = `model Workspace {
  id String @id
}
model Program {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Enrollment {
  id String @id
  partnerId String
  programId String
  program Program @relation(fields: [programId], references: [id])
}
model Bounty {
  id String @id
  programId String
  program Program @relation(fields: [programId], references: [id])
}`;
  const judge = (code: string) => findings(code, {}, PROGRAMS).map((f) => f.kind);
  it('update({ partnerId_programId: { partnerId: partner.id, programId } }) throws for a program the caller is not in', () => {
    expect(judge(`import { prisma } from './db';
export const accept = client.action(async ({ parsedInput, ctx }) => {
  const { partner } = ctx;
  await prisma.enrollment.update({ where: { partnerId_programId: { partnerId: partner.id, programId: parsedInput.programId } }, data: {} });
  return prisma.bounty.findMany({ where: { programId: parsedInput.programId } });
});`)).toEqual([]);
  });
  it('without that write the bounties of any program are read', () => {
    expect(judge(`import { prisma } from './db';
export const accept = client.action(async ({ parsedInput }) => {
  return prisma.bounty.findMany({ where: { programId: parsedInput.programId } });
});`)).toEqual(['unscoped-query']);
  });
});

describe('the value\'s own query is not an earlier check of it', () => {
  const LINKS = `model Team {
  id String @id
}
model ShortLink {
  id      String @id
  shortId String
  teamId  String
  team    Team @relation(fields: [teamId], references: [id])
}`;
  it('a select that lists a column named like the value, and joins on the tenant, checks nothing', () => {
    expect(findings(`import { and, eq } from 'drizzle-orm';
import { db } from './db';
import { shortLinks, teams } from './schema';
export async function byShortId(req: { query: { shortId: string } }) {
  const { shortId } = req.query;
  const [row] = await db.select({ shortId: shortLinks.shortId, teamId: shortLinks.teamId }).from(shortLinks)
    .leftJoin(teams, eq(shortLinks.teamId, teams.id)).where(eq(shortLinks.shortId, shortId)).limit(1);
  return row;
}`, {}, LINKS).map((f) => f.kind)).toEqual(['unscoped-query']);
  });
});

/** A lookup whose result builds a second lookup that gates: the first checks the value too. */
describe('a check handed on to the lookup that gates', () => {
  const GATE = `${HEAD}
declare function getWorkspaceWhere(a: { id: string; workspaceId: string }): Promise<{ where: { id: string } }>;
`;
  it('the where built with the verified workspace, then loaded and tested for absence', () => {
    expect(kinds(`${GATE}
export const DELETE = withWorkspace(async ({ params, workspace }) => {
  const { where } = await getWorkspaceWhere({ id: params.projectId, workspaceId: workspace.id });
  const project = await prisma.project.findUnique({ where });
  if (!project) throw new Error('not found');
  return prisma.page.deleteMany({ where: { projectId: params.projectId } });
});`)).toEqual([]);
  });

  it('the same where loaded but never tested checks nothing', () => {
    expect(kinds(`${GATE}
export const DELETE = withWorkspace(async ({ params, workspace }) => {
  const { where } = await getWorkspaceWhere({ id: params.projectId, workspaceId: workspace.id });
  const project = await prisma.project.findUnique({ where });
  await prisma.page.deleteMany({ where: { projectId: params.projectId } });
  return project;
});`)).toEqual(['unscoped-query']);
  });
});

describe('a check in the function around a transaction callback', () => {
  it('ids destructured and checked before the transaction, inserted inside it by their other spelling', () => {
    expect(kinds(`${HEAD}
import { inArray } from 'drizzle-orm';
declare const monitors: { id: unknown; workspaceId: unknown };
declare const maintenancesToMonitors: unknown;
export const POST = withWorkspace(async ({ params, workspace }) => {
  const input = params as unknown as { monitorIds: string[] };
  const { monitorIds } = input;
  const owned = await db.select().from(monitors).where(and(inArray(monitors.id, monitorIds), eq(monitors.workspaceId, workspace.id)));
  if (owned.length !== monitorIds.length) throw new Error('not found');
  await db.transaction(async (tx) => {
    await tx.insert(maintenancesToMonitors).values(input.monitorIds.map((monitorId) => ({ monitorId, maintenanceId: 'm' })));
  });
});`)).toEqual([]);
  });
});

describe('a check in the function around a transaction callback: the look-alike', () => {
  it('without the check, the ids inserted inside the transaction are the client\'s', () => {
    expect(kinds(`${HEAD}
declare const maintenancesToMonitors: unknown;
export const POST = withWorkspace(async ({ params, workspace }) => {
  const input = params as unknown as { monitorIds: string[] };
  await db.transaction(async (tx) => {
    await tx.insert(maintenancesToMonitors).values(input.monitorIds.map((monitorId) => ({ monitorId, maintenanceId: workspace.id })));
  });
});`)).toEqual(['unscoped-query']);
  });
});
