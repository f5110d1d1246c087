import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { analyseSourceFile, objectFilterEvidence, type FilterEvidence } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model Program {
  id String @id
  slug String
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Partner {
  id String @id
  name String
  users PartnerUser[]
}
model PartnerUser {
  id String @id
  userId String
  partnerId String
  partner Partner @relation(fields: [partnerId], references: [id])
}
model ProgramEnrollment {
  id String @id
  partnerId String
  programId String
  partner Partner @relation(fields: [partnerId], references: [id])
  program Program @relation(fields: [programId], references: [id])
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const verdictsOf = (code: string) => analyseSourceFile(parse(code), envFor({}, SCHEMA)).sinks.map((s) => s.verdict);
const reasons = (code: string) => analyseSourceFile(parse(code), envFor({}, SCHEMA)).sinks.map((s) => s.reason);
const HEAD = `import { prisma } from './db';
`;
const enrollment = (userId: string) => `${HEAD}
export async function enrollment(req: { body: { slug: string; userId: string } }, session: { user: { id: string } }) {
  return prisma.programEnrollment.findFirst({
    where: { partner: { users: { some: { userId: ${userId} } } }, program: { slug: req.body.slug } },
  });
}`;

/** An owner key under relation filters (`partner: { users: { some: { userId } } }`) makes the read the caller's membership lookup. */
describe('owner values carried up from relation filters', () => {
  it('the caller\'s enrollment in a program picked by a client slug is a membership lookup', () => {
    const code = enrollment('session.user.id');
    expect(kinds(code)).toEqual([]);
    expect(reasons(code)).toEqual(['membership lookup of the caller']);
  });

  it('still a gap when the nested userId is itself request input', () => {
    expect(kinds(enrollment('req.body.userId'))).toEqual(['unscoped-query']);
  });

  it('still a gap when the relation filter holds no owner key (partner: { name })', () => {
    expect(kinds(`${HEAD}
export async function enrollment(req: { body: { slug: string; partner: string } }) {
  return prisma.programEnrollment.findFirst({
    where: { partner: { name: req.body.partner }, program: { slug: req.body.slug } },
  });
}`)).toEqual(['unscoped-query']);
  });
});

/** `objectFilterEvidence` reports the nested owner values, with and without the parent key counted as a tenant. */
describe('objectFilterEvidence ownerValues under relations', () => {
  const whereOf = (code: string): { obj: ts.ObjectLiteralExpression; sf: ts.SourceFile } => {
    const sf = parse(code);
    let found: ts.ObjectLiteralExpression | undefined;
    const visit = (n: ts.Node): void => {
      if (!found && ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'where' && ts.isObjectLiteralExpression(n.initializer)) found = n.initializer;
      ts.forEachChild(n, visit);
    };
    visit(sf);
    if (!found) throw new Error('no where object');
    return { obj: found, sf };
  };
  const ownerTexts = (ev: FilterEvidence, sf: ts.SourceFile): string[] =>
    ev.status === 'owner' || ev.status === 'tenant' ? (ev.ownerValues ?? []).map((v) => v.getText(sf)) : [];

  it('an owner-only filter (no tenant key known) carries session.user.id up as an owner value', () => {
    const { obj, sf } = whereOf(enrollment('session.user.id'));
    const ev = objectFilterEvidence(obj, envFor({}, SCHEMA));
    expect(ev.status).toBe('owner');
    expect(ownerTexts(ev, sf)).toEqual(['session.user.id']);
  });

  it('with programId counted as a tenant key the filter is tenant-keyed and still carries the owner value', () => {
    const { obj, sf } = whereOf(enrollment('session.user.id'));
    const ev = objectFilterEvidence(obj, envFor({ tenantFields: ['workspaceId', 'programId'] }, SCHEMA));
    expect(ev.status).toBe('tenant');
    expect(ownerTexts(ev, sf)).toEqual(['session.user.id']);
  });

  it('a relation filter without an owner key carries no owner values', () => {
    const { obj, sf } = whereOf(`const q = { where: { partner: { name: req.body.partner }, program: { slug: req.body.slug } } };`);
    const ev = objectFilterEvidence(obj, envFor({ tenantFields: ['workspaceId', 'programId'] }, SCHEMA));
    expect(ev.status).toBe('tenant');
    expect(ownerTexts(ev, sf)).toEqual([]);
  });
});

/** An owner key the function receives is its callers' to fill: not a membership check on its own. */
describe('owner keys that are parameters', () => {
  it('{ userId_teamId: { userId, teamId } } with both keys received is judged by the tenant parameter, for the scanner to follow', () => {
    expect(verdictsOf(`${HEAD}
export async function leave(userId: string, programId: string) {
  return prisma.programEnrollment.deleteMany({ where: { programId, partner: { users: { some: { userId } } } } });
}`)).toEqual(['parameter']);
  });
  it('the verified user with a received tenant stays a membership lookup', () => {
    expect(verdictsOf(`${HEAD}
declare const session: { user: { id: string } };
export async function mine(programId: string) {
  return prisma.programEnrollment.findFirst({ where: { programId, partner: { users: { some: { userId: session.user.id } } } } });
}`)).toEqual(['scoped']);
  });
});

