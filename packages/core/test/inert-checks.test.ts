import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const inert = (code: string) => findings(code).filter((f) => f.kind === 'fail-open-tenant-check').map((f) => f.line);
const HEAD = `declare function isReadForbidden(row: unknown, user: unknown): Promise<boolean>;
declare function assertTeamMember(teamId: string, user: unknown): Promise<void>;
declare function getServerSession(opts: unknown): Promise<{ user: { id: string } } | null>;
declare const authOptions: unknown;
`;

/** Checks that read as checks and let everything through. */
describe('an async predicate in filter/some/every', () => {
  it('flags an async filter callback that checks access (its Promise is always truthy)', () => {
    expect(inert(`${HEAD}
export async function linked(rows: { id: string }[], user: unknown) {
  return rows.filter(async (r) => !(await isReadForbidden(r, user)));
}`)).toEqual([7]);
  });
  it('does not flag a synchronous filter on awaited results, nor an async map', () => {
    expect(inert(`${HEAD}
export async function linked(rows: { id: string }[], user: unknown) {
  const checked = await Promise.all(rows.map(async (r) => ({ r, forbidden: await isReadForbidden(r, user) })));
  return checked.filter((c) => !c.forbidden).map((c) => c.r);
}`)).toEqual([]);
  });
});

describe('a check tested without await', () => {
  it('flags an async authorizer of this file tested in a condition', () => {
    expect(inert(`
async function hasEnvironmentAccess(userId: string, environmentId: string): Promise<boolean> { return userId === environmentId; }
export async function update(session: { user: { id: string } }, environmentId: string) {
  if (!hasEnvironmentAccess(session.user.id, environmentId)) throw new Error('forbidden');
}`)).toEqual([4]);
  });
  it('flags a session read without await and then tested', () => {
    expect(inert(`${HEAD}
export default async function handler(req: unknown, res: { status(n: number): { end(): void } }) {
  const session = getServerSession(authOptions);
  if (!session) return res.status(401).end();
}`)).toEqual([7]);
  });
  it('does not flag the awaited forms', () => {
    expect(inert(`${HEAD}
async function hasEnvironmentAccess(userId: string, environmentId: string): Promise<boolean> { return userId === environmentId; }
export async function update(session: { user: { id: string } }, environmentId: string) {
  if (!(await hasEnvironmentAccess(session.user.id, environmentId))) throw new Error('forbidden');
  const s = await getServerSession(authOptions);
  if (!s) throw new Error('unauthenticated');
}`)).toEqual([]);
  });
});

describe('an assignment where a comparison was meant', () => {
  it('flags an identity assigned in the condition of a permission check', () => {
    expect(inert(`
export async function canViewReport(auth: { user: { id: string } }, report: { userId: string }) {
  if ((auth.user.id = report.userId)) return true;
  return false;
}`)).toEqual([3]);
  });
  it('does not flag an assigned lookup result', () => {
    expect(inert(`
declare function find(): Promise<{ id: string } | null>;
export async function f() {
  let row: { id: string } | null;
  if ((row = await find())) return true;
  return false;
}`)).toEqual([]);
  });
});

describe('a check whose rejection is dropped', () => {
  it('flags an assertion in a try whose catch does nothing, and one whose .catch() result nobody reads', () => {
    expect(inert(`${HEAD}
export async function remove(teamId: string, user: unknown) {
  try {
    await assertTeamMember(teamId, user);
  } catch {}
  await assertTeamMember(teamId, user).catch(() => null);
}`)).toEqual([8, 10]);
  });
  it('does not flag a catch that rethrows or answers the request', () => {
    expect(inert(`${HEAD}
export async function remove(teamId: string, user: unknown, res: { status(n: number): void }) {
  try {
    await assertTeamMember(teamId, user);
  } catch (e) {
    return res.status(403);
  }
}`)).toEqual([]);
  });
});
