import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = 'model Monitor {\n  id Int @id\n  workspaceId Int\n  teamId String\n}\n';
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);

const SCHEMA_IMPORT = `import { and, eq, inArray } from 'drizzle-orm';\nimport { db } from './db';\nimport { monitor } from './schema';\n`;

/** Drizzle filters are often built in a local before the query: the tenant condition is still in the filter. */
describe('drizzle conditions collected in a local', () => {
  it('an array of conditions spread into and(): scoped when it holds the tenant condition', () => {
    expect(kinds(`${SCHEMA_IMPORT}
export async function get(input: { monitorId: string }, ctx: { workspace: { id: number } }) {
  const whereConditions = [eq(monitor.id, Number(input.monitorId)), eq(monitor.workspaceId, ctx.workspace.id)];
  return db.query.monitor.findFirst({ where: and(...whereConditions) });
}`)).toEqual([]);
  });

  it('the tenant condition pushed onto the array later', () => {
    expect(kinds(`${SCHEMA_IMPORT}
export async function list(input: { ids: number[] }, teamId: string) {
  const conditions = [inArray(monitor.id, input.ids)];
  conditions.push(eq(monitor.teamId, teamId));
  return db.select().from(monitor).where(and(...conditions));
}`)).toEqual([]);
  });

  it('a where built in a local and passed by name', () => {
    expect(kinds(`${SCHEMA_IMPORT}
export async function get(input: { monitorId: number }, ctx: { workspace: { id: number } }) {
  const where = and(eq(monitor.id, input.monitorId), eq(monitor.workspaceId, ctx.workspace.id));
  return db.select().from(monitor).where(where);
}`)).toEqual([]);
  });

  it('still a gap when the collected conditions have no tenant', () => {
    expect(kinds(`${SCHEMA_IMPORT}
export async function get(input: { monitorId: string }) {
  const whereConditions = [eq(monitor.id, Number(input.monitorId))];
  return db.query.monitor.findFirst({ where: and(...whereConditions) });
}`)).toEqual(['unscoped-query']);
  });
});

describe('conditions with optional entries, filtered and cast before and()', () => {
  const HEAD = `import { and, eq, ilike, type SQL } from 'drizzle-orm';\nimport { db } from './db';\nimport { monitor } from './schema';\n`;
  it('and(...(conditions.filter(Boolean) as SQL[])) with the team condition', () => {
    expect(kinds(`${HEAD}
export async function search(teamId: string, q?: string) {
  const conditions = [eq(monitor.teamId, teamId), q ? ilike(monitor.name, q) : undefined];
  return db.select().from(monitor).where(and(...(conditions.filter(Boolean) as SQL[])));
}`)).toEqual([]);
  });

  it('a gap when the list has no team condition', () => {
    expect(kinds(`${HEAD}
export async function search(input: { id: number }, q?: string) {
  const conditions = [eq(monitor.id, input.id), q ? ilike(monitor.name, q) : undefined];
  return db.select().from(monitor).where(and(...(conditions.filter(Boolean) as SQL[])));
}`)).toEqual(['unscoped-query']);
  });
});
