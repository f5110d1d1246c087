import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Website {
  id String @id
  teamId String
}
model Segment {
  id String @id
  websiteId String
  teamId String
  website Website @relation(fields: [websiteId], references: [id])
}
model Page {
  id String @id
  teamId String
  spaceId String
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const HEAD = `import { prisma } from './db';
declare function canViewWebsite(auth: unknown, id: string): Promise<boolean>;
declare function canUpdateWebsite(auth: unknown, id: string): Promise<boolean>;
declare function isReadPageForbidden(page: unknown, user: unknown): Promise<boolean>;
declare function assertGitProviderAccess(session: unknown, provider: unknown): Promise<void>;
declare function canEditField(field: string): boolean;
declare const abilities: { forUser(user: unknown, spaceId: string): Promise<{ cannot(a: string, s: string): boolean }> };
declare const router: { post(p: string, h: (req: any, res: any) => unknown): void; get(p: string, h: (req: any, res: any) => unknown): void };
`;

/** Authorizers named for what they guard, handed the caller: `canViewWebsite(req.auth, id)`. */
describe('authorizers named for the object they guard', () => {
  it('a read behind canViewWebsite(auth, id) is checked', () => {
    expect(kinds(`${HEAD}
router.get('/websites/:id', async (req, res) => {
  if (!(await canViewWebsite(req.auth, req.params.id))) return res.status(403).end();
  res.json(await prisma.segment.findMany({ where: { websiteId: req.params.id } }));
});`)).toEqual([]);
  });

  it('a write behind a read-only permission is not: canViewWebsite does not clear a delete', () => {
    expect(kinds(`${HEAD}
router.post('/websites/:id/reset', async (req, res) => {
  if (!(await canViewWebsite(req.auth, req.params.id))) return res.status(403).end();
  await prisma.segment.deleteMany({ where: { websiteId: req.params.id } });
  res.end();
});`)).toEqual(['unscoped-query']);
  });

  it('the same write behind canUpdateWebsite is checked', () => {
    expect(kinds(`${HEAD}
router.post('/websites/:id/reset', async (req, res) => {
  if (!(await canUpdateWebsite(req.auth, req.params.id))) return res.status(403).end();
  await prisma.segment.deleteMany({ where: { websiteId: req.params.id } });
  res.end();
});`)).toEqual([]);
  });

  it('a name of permission without the caller checks nothing (canEditField(field))', () => {
    expect(kinds(`${HEAD}
router.post('/segments/:id', async (req, res) => {
  if (!canEditField(req.params.id)) return res.status(403).end();
  await prisma.segment.delete({ where: { id: req.params.id } });
  res.end();
});`)).toEqual(['unscoped-query']);
  });
});

describe('checks of the loaded record by such authorizers', () => {
  it('a negative predicate (isReadPageForbidden(page, user)) after the load', () => {
    expect(kinds(`${HEAD}
router.get('/pages/:id', async (req, res) => {
  const page = await prisma.page.findUnique({ where: { id: req.params.id } });
  if (!page || (await isReadPageForbidden(page, req.user))) return res.status(404).end();
  res.json(page);
});`)).toEqual([]);
  });

  it('assert<Noun>Access(session, row.relation) after the load', () => {
    expect(kinds(`${HEAD}
router.get('/pages/:id', async (req, res) => {
  const page = await prisma.page.findUnique({ where: { id: req.params.id } });
  await assertGitProviderAccess(req.session, page?.spaceId);
  res.json(page);
});`)).toEqual([]);
  });

  it('an ability built from the caller and the record, asked before use', () => {
    expect(kinds(`${HEAD}
router.get('/pages/:id', async (req, res) => {
  const page = await prisma.page.findUnique({ where: { id: req.params.id } });
  if (!page) return res.status(404).end();
  const ability = await abilities.forUser(req.user, page.spaceId);
  if (ability.cannot('read', 'Page')) return res.status(403).end();
  res.json(page);
});`)).toEqual([]);
  });

  it('an ability built from a client-chosen scope checks nothing about the record', () => {
    expect(kinds(`${HEAD}
router.get('/pages/:id', async (req, res) => {
  const page = await prisma.page.findUnique({ where: { id: req.params.id } });
  const ability = await abilities.forUser(req.user, req.query.spaceId);
  if (ability.cannot('read', 'Page')) return res.status(403).end();
  res.json(page);
});`)).toEqual(['unscoped-query']);
  });
});
