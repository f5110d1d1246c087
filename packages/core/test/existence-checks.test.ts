import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model Page {
  id String @id
  slug String
  status String
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const HEAD = `import { prisma } from './db';\n`;

/** A read whose result is only tested answers "does it exist"; it hands no other tenant's data to anyone. */
describe('existence-only reads', () => {
  it('a global uniqueness check: the result only decides whether to throw', () => {
    expect(kinds(`${HEAD}
export async function create(req: { body: { slug: string } }) {
  const taken = await prisma.page.findFirst({ where: { slug: req.body.slug } });
  if (taken) throw new Error('slug taken');
}`)).toEqual([]);
  });

  it('a count read off the first row and compared with a number', () => {
    expect(kinds(`${HEAD}
export async function create(req: { body: { slug: string } }) {
  const n = (await prisma.page.findMany({ where: { slug: req.body.slug } }))[0].count;
  if (n > 0) throw new Error('slug taken');
}`)).toEqual([]);
  });

  it('still a gap when the row is returned or used after the test', () => {
    expect(kinds(`${HEAD}
export async function read(req: { body: { slug: string } }) {
  const page = await prisma.page.findFirst({ where: { slug: req.body.slug } });
  if (!page) throw new Error('not found');
  return page;
}`)).toEqual(['unscoped-query']);
  });
});

describe('constants narrow rows, they do not pick them', () => {
  it('a filter on constants only reads every tenant', () => {
    expect(kinds(`${HEAD}
export async function openPages() {
  return prisma.page.findMany({ where: { status: 'open' } });
}`)).toEqual(['unscoped-query']);
  });
  it('an optional extra condition keeps its values visible', () => {
    expect(kinds(`${HEAD}
export async function search(req: { query: { q?: string } }) {
  return prisma.page.findMany({ where: { status: 'open', ...(req.query.q && { slug: req.query.q }) } });
}`)).toEqual(['unscoped-query']);
  });
});

describe('only a yes/no leaves the function', () => {
  it('return !!row is an existence check', () => {
    expect(kinds(`${HEAD}
export async function slugTaken(req: { query: { slug: string } }) {
  const row = await prisma.page.findFirst({ where: { slug: req.query.slug }, select: { slug: true } });
  return !!row;
}`)).toEqual([]);
  });
  it('return row is not', () => {
    expect(kinds(`${HEAD}
export async function bySlug(req: { query: { slug: string } }) {
  const row = await prisma.page.findFirst({ where: { slug: req.query.slug } });
  return row;
}`)).toEqual(['unscoped-query']);
  });
});

describe('one fixed row picked by constants', () => {
  it('findUnique on a constant key reads the same row for every caller', () => {
    expect(kinds(`${HEAD}
export async function hubspotPage() {
  return prisma.page.findUnique({ where: { slug: 'hubspot' } });
}`)).toEqual([]);
  });
  it('findMany on constants reads every tenant', () => {
    expect(kinds(`${HEAD}
export async function all() {
  return prisma.page.findMany({ where: { slug: 'hubspot' } });
}`)).toEqual(['unscoped-query']);
  });
});
