import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

const SCHEMA = `model Team {
  id Int @id
  organisationId Int
}
model Folder {
  id String @id
  teamId Int
  userId Int
}
model Member {
  id String @id
  teamId Int
  userId Int
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const verdicts = (code: string) => analyseSourceFile(parse(code), envFor({}, SCHEMA)).sinks.map((s) => s.verdict);
const HEAD = `import { prisma } from './db';\ndeclare function buildTeamWhere(a: { teamId: number; userId: number }): object;\ndeclare function opaque(a: string): object;\n`;

/** Filters built by a helper: read through to what it returns, or judged by what it is handed. */
describe('a where built by a same-file helper', () => {
  it('an arrow returning the filter object: its tenant key is seen', () => {
    expect(verdicts(`${HEAD}
export async function crumbs(folderId: string, teamId: number) {
  const whereFor = (id: string) => ({ id, OR: [{ teamId }, { teamId, userId: 1 }] });
  return prisma.folder.findFirst({ where: whereFor(folderId) });
}`)).toEqual(['parameter']);
  });

  it('a function declaration returning one object without the tenant: still a by-id read', () => {
    expect(verdicts(`${HEAD}
function whereFor(id: string) {
  return { id };
}
export async function crumbs(folderId: string) {
  return prisma.folder.findFirst({ where: whereFor(folderId) });
}`)).toEqual(['id-parameter']);
  });
});

describe('an OR branch built by a helper', () => {
  it('a helper handed the tenant scopes its branch, as an object branch with the tenant does', () => {
    expect(kinds(`${HEAD}
export async function remove(session: { user: { id: number } }, teamId: number) {
  return prisma.member.findFirst({ where: { OR: [buildTeamWhere({ teamId, userId: session.user.id }), { teamId, userId: session.user.id }] } });
}`)).toEqual([]);
  });

  it('a helper that takes no tenant leaves the OR unjudged, never scoped', () => {
    expect(verdicts(`${HEAD}
export async function remove(name: string) {
  return prisma.member.findFirst({ where: { OR: [opaque(name), { teamId: 1 }] } });
}`)).not.toContain('scoped');
  });
});

describe('membership paths deep in relation filters', () => {
  it('an owner key six relations down pins the rows to the caller', () => {
    const sinks = analyseSourceFile(parse(`${HEAD}
export async function list(session: { user: { id: number } }, organisationId: number) {
  return prisma.team.findMany({ where: { organisationId, teamGroups: { some: { group: { members: { some: { member: { userId: session.user.id } } } } } } } });
}`), envFor({ tenantFields: ['organisationId'] }, SCHEMA)).sinks;
    const ev = sinks[0]?.match.evidence;
    expect(ev?.status).toBe('tenant');
    expect(ev && ev.status === 'tenant' ? ev.ownerValues?.length : 0).toBe(1);
  });
});
