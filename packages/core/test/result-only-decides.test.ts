import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model Page {
  id String @id
  type String
  title String
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
  folderId String?
  folder Folder? @relation(fields: [folderId], references: [id])
}
model Folder {
  id String @id
  name String
  pages Page[]
}
model Domain {
  id String @id
  slug String @unique
  name String
  verified Boolean
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Membership {
  id String @id
  groupId String
  userId String
  role String
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
/** Why each sink was judged as it was: the no-finding cases must be accepted as existence checks, not for another reason. */
const reasons = (code: string) => analyseSourceFile(parse(code), envFor({}, SCHEMA)).sinks.map((s) => s.reason);
const existenceOnly = (code: string): void => {
  expect(kinds(code)).toEqual([]);
  expect(reasons(code)).toEqual(['existence check only']);
};
const HEAD = `import { prisma } from './db';
declare function match<T>(v: T): { with(p: unknown, f: () => unknown): any };
declare function notify(x: unknown): void;
`;

/** A field of the loaded row compared with a constant only picks a branch: the read is an existence check. */
describe('a field of the row tested against a constant', () => {
  it('if (row.type === \'TEMPLATE\') after a not-found throw decides control flow only', () => {
    existenceOnly(`${HEAD}
export async function duplicate(req: { params: { id: string } }) {
  const row = await prisma.page.findUnique({ where: { id: req.params.id } });
  if (!row) throw new Error('not found');
  if (row.type === 'TEMPLATE') throw new Error('templates cannot be duplicated');
}`);
  });

  it('switch (row.type) decides control flow only', () => {
    existenceOnly(`${HEAD}
export async function kindOf(req: { params: { id: string } }) {
  const row = await prisma.page.findUnique({ where: { id: req.params.id } });
  if (!row) throw new Error('not found');
  switch (row.type) {
    case 'TEMPLATE': throw new Error('no templates');
    default: break;
  }
}`);
  });

  it('ts-pattern match(row.type).with(…) is a switch written as calls', () => {
    existenceOnly(`${HEAD}
export async function kindOf(req: { params: { id: string } }) {
  const row = await prisma.page.findUnique({ where: { id: req.params.id } });
  if (!row) throw new Error('not found');
  return match(row.type).with('TEMPLATE', () => 'template').with('PAGE', () => 'page');
}`);
  });

  it('still a gap when the row itself is returned after the tests', () => {
    expect(kinds(`${HEAD}
export async function read(req: { params: { id: string } }) {
  const row = await prisma.page.findUnique({ where: { id: req.params.id } });
  if (!row) throw new Error('not found');
  if (row.type === 'TEMPLATE') throw new Error('no templates');
  return row;
}`)).toEqual(['unscoped-query']);
  });

  it('still a gap when a field leaves the function instead of being tested (return row.title)', () => {
    expect(kinds(`${HEAD}
export async function titleOf(req: { params: { id: string } }) {
  const row = await prisma.page.findUnique({ where: { id: req.params.id } });
  if (!row) throw new Error('not found');
  return row.title;
}`)).toEqual(['unscoped-query']);
  });
});

/** Rows narrowed into a local (`find`, `filter(…).length`) that is itself only tested still answer yes/no. */
describe('rows narrowed into a local that is only tested', () => {
  it('the last-owner check: me = rows.find(…), owners = rows.filter(…).length, both only tested', () => {
    existenceOnly(`${HEAD}
export async function leave(req: { params: { id: string } }, user: { id: string }) {
  const rows = await prisma.membership.findMany({ where: { groupId: req.params.id } });
  const me = rows.find((m) => m.userId === user.id);
  const owners = rows.filter((m) => m.role === 'owner').length;
  if (me?.role === 'owner' && owners === 1) throw new Error('the last owner cannot leave');
}`);
  });

  it('still a gap when the narrowed local is returned', () => {
    expect(kinds(`${HEAD}
export async function mine(req: { params: { id: string } }, user: { id: string }) {
  const rows = await prisma.membership.findMany({ where: { groupId: req.params.id } });
  const me = rows.find((m) => m.userId === user.id);
  if (!me) throw new Error('not a member');
  return me;
}`)).toEqual(['unscoped-query']);
  });

  it('still a gap when the narrowed local is passed to a call', () => {
    expect(kinds(`${HEAD}
export async function ping(req: { params: { id: string } }) {
  const rows = await prisma.membership.findMany({ where: { groupId: req.params.id } });
  const owner = rows.find((m) => m.role === 'owner');
  if (owner) notify(owner);
}`)).toEqual(['unscoped-query']);
  });

  it('still a gap when rows.map(…) is returned', () => {
    expect(kinds(`${HEAD}
export async function members(req: { params: { id: string } }) {
  const rows = await prisma.membership.findMany({ where: { groupId: req.params.id } });
  if (rows.length === 0) throw new Error('empty');
  return rows.map((m) => m.userId);
}`)).toEqual(['unscoped-query']);
  });
});

/** A field read back that is one of the `where` keys echoes what the caller sent; no other tenant's data leaves. */
describe('a where key read back off the row', () => {
  it('d.slug of { where: { slug: input, verified: true } } echoes the caller\'s own input', () => {
    existenceOnly(`${HEAD}
export async function available(req: { body: { slug: string } }) {
  const input = req.body.slug;
  const d = await prisma.domain.findUnique({ where: { slug: input, verified: true } });
  if (d) return [{ domain: d.slug, available: false }];
  return [{ domain: input, available: true }];
}`);
  });

  it('still a gap when a field that is not a where key is returned (d.name)', () => {
    expect(kinds(`${HEAD}
export async function available(req: { body: { slug: string } }) {
  const input = req.body.slug;
  const d = await prisma.domain.findUnique({ where: { slug: input, verified: true } });
  if (d) return { name: d.name };
  return null;
}`)).toEqual(['unscoped-query']);
  });

  it('still a gap when the key read back is a relation filter: the related row is not the caller\'s input', () => {
    expect(kinds(`${HEAD}
export async function pageOf(req: { body: { slug: string } }) {
  const p = await prisma.page.findFirst({ where: { folder: { name: req.body.slug } }, include: { folder: true } });
  if (p) return p.folder;
  return null;
}`)).toEqual(['unscoped-query']);
  });
});
