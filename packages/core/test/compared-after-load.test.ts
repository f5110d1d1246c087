import { describe, expect, it } from 'vitest';
import type ts from 'typescript';
import { analyseSourceFile, loadedRecordComparedWith } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

const SCHEMA = `model Team {
  id String @id
}
model Invite {
  id String @id
  email String
  teamId String
  team Team @relation(fields: [teamId], references: [id])
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const reasons = (code: string) => analyseSourceFile(parse(code), envFor({}, SCHEMA)).sinks.map((s) => s.reason);
const HEAD = `import { prisma } from './db';
`;

/** An invite loaded by a client id and bound to the verified caller's email, also through folded locals. */
describe('the loaded record compared with the caller through locals and case folding', () => {
  it('inviteEmail = invite.email?.trim().toLowerCase() compared with me = session.user.email.toLowerCase()', () => {
    const code = `${HEAD}
export async function accept(req: { body: { inviteId: string } }, session: { user: { email: string } }) {
  const invite = await prisma.invite.findUnique({ where: { id: req.body.inviteId } });
  if (!invite) throw new Error('not found');
  const inviteEmail = invite.email?.trim().toLowerCase();
  const me = session.user.email.toLowerCase();
  if (!inviteEmail || inviteEmail !== me) throw new Error('this invite is for someone else');
  return invite;
}`;
    expect(kinds(code)).toEqual([]);
    expect(reasons(code)).toEqual(['record checked after loading']);
  });

  it('still a gap when the folded email is compared with request input (req.body.email)', () => {
    expect(kinds(`${HEAD}
export async function accept(req: { body: { inviteId: string; email: string } }) {
  const invite = await prisma.invite.findUnique({ where: { id: req.body.inviteId } });
  if (!invite) throw new Error('not found');
  const inviteEmail = invite.email?.trim().toLowerCase();
  const me = req.body.email.toLowerCase();
  if (!inviteEmail || inviteEmail !== me) throw new Error('this invite is for someone else');
  return invite;
}`)).toEqual(['unscoped-query']);
  });

  it('still a gap without any comparison', () => {
    expect(kinds(`${HEAD}
export async function accept(req: { body: { inviteId: string } }, session: { user: { email: string } }) {
  const invite = await prisma.invite.findUnique({ where: { id: req.body.inviteId } });
  if (!invite) throw new Error('not found');
  const inviteEmail = invite.email?.trim().toLowerCase();
  return { invite, inviteEmail };
}`)).toEqual(['unscoped-query']);
  });
});

/** `loadedRecordComparedWith`: what the loaded record is compared with in a later `if` that leaves the function. */
describe('loadedRecordComparedWith', () => {
  const comparedWith = (code: string): string[] => {
    const sf = parse(code);
    const sink = analyseSourceFile(sf, envFor({}, SCHEMA)).sinks[0];
    if (!sink) throw new Error('no sink recognised');
    return loadedRecordComparedWith(sink.match.node as ts.Node, sink.fn, envFor({}, SCHEMA)).map((e) => e.getText(sf));
  };

  it('sees through the folded locals on both sides to params.userEmail', () => {
    expect(comparedWith(`${HEAD}
export async function acceptInvite(params: { inviteId: string; userEmail: string }) {
  const invite = await prisma.invite.findUnique({ where: { id: params.inviteId } });
  if (!invite) throw new Error('not found');
  const inviteEmail = invite.email.trim().toLowerCase();
  const userEmail = params.userEmail.trim().toLowerCase();
  if (inviteEmail !== userEmail) throw new Error('not yours');
  return invite;
}`)).toEqual(['params.userEmail']);
  });

  it('a comparison whose branch does not leave the function is not counted', () => {
    expect(comparedWith(`${HEAD}
export async function acceptInvite(params: { inviteId: string; userEmail: string }) {
  const invite = await prisma.invite.findUnique({ where: { id: params.inviteId } });
  if (!invite) throw new Error('not found');
  if (invite.email !== params.userEmail) console.warn('email mismatch');
  return invite;
}`)).toEqual([]);
  });

  it('a comparison before the load is not a check of the loaded record', () => {
    expect(comparedWith(`${HEAD}
export async function acceptInvite(params: { inviteId: string; userEmail: string }, invite: { email: string }) {
  if (invite.email !== params.userEmail) throw new Error('not yours');
  const loaded = await prisma.invite.findUnique({ where: { id: params.inviteId } });
  return loaded;
}`)).toEqual([]);
  });
});

/** A record loaded by a client value and compared with a request tenant that was checked before. */
describe('the loaded record compared with a request tenant the function checked first', () => {
  const code = (check: string) => `${HEAD}
declare function throwIfNoTeamAccess(a: { session: unknown; teamId: string }): void;
export async function claim(req: { body: { teamId: string; email: string } }, session: unknown) {
  ${check}
  const taken = await prisma.invite.findFirst({ where: { email: req.body.email } });
  if (taken && taken.teamId !== req.body.teamId) throw new Error('already invited elsewhere');
  return taken;
}`;
  it('throwIfNoTeamAccess({ teamId: req.body.teamId }) before: the record is compared with a tenant the caller holds', () => {
    expect(kinds(code('throwIfNoTeamAccess({ session, teamId: req.body.teamId });'))).toEqual([]);
    expect(reasons(code('throwIfNoTeamAccess({ session, teamId: req.body.teamId });'))).toEqual(['record checked after loading']);
  });
  it('without the check, the comparison with the request\'s own tenant proves nothing', () => {
    expect(kinds(code(''))).toEqual(['unscoped-query']);
  });
});

/** `.catch(…)` hands the loaded rows on: the check after it is a check of the record. */
describe('a record loaded through .catch(…) and compared after', () => {
  const code = (compare: string) => `${HEAD}
export async function rename(req: { body: { id: string } }, ctx: { tenant: { id: string } }) {
  const invite = await prisma.invite.findFirst({ where: { id: req.body.id } }).catch(() => { throw new Error('db down'); });
  if (!invite${compare}) throw new Error('not found');
  return invite;
}`;
  it('compared with the verified tenant after the .catch: checked', () => {
    expect(kinds(code(' || invite.teamId !== ctx.tenant.id'))).toEqual([]);
  });
  it('only tested for presence: still a gap', () => {
    expect(kinds(code(''))).toEqual(['unscoped-query']);
  });
});

/** The record's parent, loaded through the record's own key and checked against the caller, checks the record. */
describe('a record checked through the parent it points to', () => {
  const PARENTS = `model Workspace {
  id String @id
}
model Survey {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Response {
  id String @id
  surveyId String
  data String
  survey Survey @relation(fields: [surveyId], references: [id])
}`;
  const judge = (check: string) => findings(`import { prisma } from './db';
declare function hasPermission(perms: unknown, workspaceId: string, p: string): boolean;
declare function getSurvey(id: string): Promise<{ workspaceId: string } | null>;
export async function fetchResponse(req: { params: { responseId: string } }, auth: { workspacePermissions: unknown }) {
  const response = await prisma.response.findUnique({ where: { id: req.params.responseId } });
  if (!response) return null;
  const survey = await getSurvey(response.surveyId);
  if (!survey) return null;
  ${check}
  return response;
}`, { tenantFields: ['workspaceId'] }, PARENTS).map((f) => f.kind);
  it('getSurvey(response.surveyId) then hasPermission(auth.workspacePermissions, survey.workspaceId): checked', () => {
    expect(judge(`if (!hasPermission(auth.workspacePermissions, survey.workspaceId, 'GET')) return null;`)).toEqual([]);
  });
  it('the parent loaded but never checked: still a gap', () => {
    expect(judge(`console.log(survey.workspaceId);`)).toEqual(['unscoped-query']);
  });
});

const SURVEY_SCHEMA = `model Workspace {
  id String @id
}
model Survey {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
`;
const surveyKinds = (code: string) => findings(code, { tenantFields: ['workspaceId'] }, SURVEY_SCHEMA).map((f) => f.kind);

/**
 * The client's id resolved to its owner first (`getWorkspaceId(body.surveyId)` returning `{ workspaceId }`),
 * the owner taken apart from the result and checked against the caller: the id is checked.
 */
describe('an owner looked up through the client id, taken apart from the result and checked', () => {
  const handler = (check: string) => `${HEAD}
export const handler = async ({ authentication, parsedInput }: { authentication: { workspacePermissions: string[] }; parsedInput: { body: { surveyId: string } } }) => {
  const { body } = parsedInput;
  const workspaceIdResult = await getWorkspaceId(body.surveyId);
  if (!workspaceIdResult.ok) return null;
  const { workspaceId } = workspaceIdResult.data;
${check}
  return prisma.survey.findUnique({ where: { id: body.surveyId } });
};`;

  it('the destructured owner handed to an authorizer with the caller\'s permissions', () => {
    expect(surveyKinds(handler(`  if (!hasPermission(authentication.workspacePermissions, workspaceId, 'POST')) return null;`))).toEqual([]);
  });

  it('a tenant-named result compared with the verified caller (const orgId = await getOrgIdOf(id))', () => {
    expect(surveyKinds(`${HEAD}
export async function read(req: { body: { surveyId: string } }, session: { user: { workspaceId: string } }) {
  const workspaceId = await getWorkspaceIdOfSurvey(req.body.surveyId);
  if (workspaceId !== session.user.workspaceId) throw new Error('forbidden');
  return prisma.survey.findUnique({ where: { id: req.body.surveyId } });
}`)).toEqual([]);
  });

  it('still a gap when the owner is taken apart but never checked', () => {
    expect(surveyKinds(handler(`  console.log(workspaceId);`))).toEqual(['unscoped-query']);
  });

  it('still a gap when the owner is compared with request input', () => {
    expect(surveyKinds(handler(`  if (workspaceId !== (parsedInput as unknown as { body: { workspaceId: string } }).body.workspaceId) return null;`))).toEqual(['unscoped-query']);
  });

  it('still a gap when the tenant-named local only appears inside a filter over other rows', () => {
    expect(surveyKinds(`${HEAD}
export async function read(req: { body: { surveyId: string } }, rows: { workspaceId: string }[]) {
  const workspaceId = await getWorkspaceIdOfSurvey(req.body.surveyId);
  const mine = rows.filter((r) => r.workspaceId === workspaceId);
  return { mine, survey: await prisma.survey.findUnique({ where: { id: req.body.surveyId } }) };
}`)).toEqual(['unscoped-query']);
  });
});

/** Rows taken apart from a result (`const hits = result.matches`) and filtered: only a strict filter checks them. */
describe('a filter over rows taken from the result', () => {
  const code = (predicate: string) => `${HEAD}
export async function recall(req: { body: { ids: string[] } }, session: { user: { workspaceId: string } }) {
  const result = await prisma.survey.findMany({ where: { id: { in: req.body.ids } } });
  const hits = result;
  return hits.filter((h) => ${predicate});
}`;

  it('a strict comparison with the caller checks them', () => {
    expect(surveyKinds(code('h.workspaceId === session.user.workspaceId'))).toEqual([]);
  });

  it('a comparison that lets rows without the marker through checks nothing', () => {
    expect(surveyKinds(code('(h.workspaceId ?? session.user.workspaceId) === session.user.workspaceId')).sort()).toEqual(['fail-open-tenant-check', 'unscoped-query']);
  });
});
