import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, parse } from './helpers.js';

const SCHEMA = `model AppConnection {
  id String @id
  projectId String
  appName String
}
model Document {
  id String @id
  workspaceId String
  name String
}
`;
const sinks = (code: string) => analyseSourceFile(parse(code), envFor({ tenantFields: ['projectId', 'workspaceId'] }, SCHEMA)).sinks
  .map((s) => `${s.verdict}: ${s.reason}`);
const HEAD = `declare const dataSource: any;\ndeclare class AppConnection {}\nconst repo = dataSource.getRepository(AppConnection);\ndeclare const db: any;\ndeclare const paginator: { paginate(q: unknown): Promise<unknown> };\ndeclare function applyScope(q: unknown): unknown;\n`;

/** A builder kept in a variable, refined by later statements, and run elsewhere: judged with every refinement. */
describe('stored query builders', () => {
  it('TypeORM: a second .where() replaces the tenant condition, so the rows of every project are read', () => {
    expect(sinks(`${HEAD}
export async function list(req: { principal: { projectId: string }; query: { appName?: string } }) {
  let qb = repo.createQueryBuilder('app_connection').where({ projectId: req.principal.projectId });
  if (req.query.appName) qb = qb.where({ appName: req.query.appName });
  return paginator.paginate(qb);
}`)).toEqual(['unscoped: filters without the tenant, taken from request input (req.query.appName)']);
  });

  it('TypeORM: .andWhere() keeps the tenant condition', () => {
    expect(sinks(`${HEAD}
export async function list(req: { principal: { projectId: string }; query: { appName?: string } }) {
  let qb = repo.createQueryBuilder('app_connection').where({ projectId: req.principal.projectId });
  if (req.query.appName) qb = qb.andWhere({ appName: req.query.appName });
  return paginator.paginate(qb);
}`)[0]).toMatch(/^scoped/);
  });

  it('Kysely: later .where() calls add to the filter', () => {
    expect(sinks(`${HEAD}
export async function find(req: { user: { workspaceId: string }; query: { name: string } }) {
  let q = db.selectFrom('document').where('workspaceId', '=', req.user.workspaceId);
  q = q.where('name', '=', req.query.name);
  return q.execute();
}`)[0]).toMatch(/^scoped/);
  });

  it('an OR branch added later, and no tenant anywhere: reported', () => {
    expect(sinks(`${HEAD}
export async function byKey(req: { params: { keyId: string } }) {
  let query = repo.createQueryBuilder('app_connection').where('app_connection.appName = :k', { k: req.params.keyId });
  query = query.orWhere('app_connection.appName IS NULL');
  return query.getMany();
}`)[0]).toMatch(/^unscoped/);
  });

  it('handed to a helper that may add the scope: not judged', () => {
    expect(sinks(`${HEAD}
export async function list(req: { query: { name: string } }) {
  const qb = repo.createQueryBuilder('app_connection').where({ appName: req.query.name });
  applyScope(qb);
  return qb.getMany();
}`)).toEqual(['unknown: filter not visible']);
  });
});

describe('a stored builder run by a later chain', () => {
  it('judged where it runs: the where added at the run scopes it (Drizzle, returned from two branches)', () => {
    expect(sinks(`${HEAD}
import { and, eq } from 'drizzle-orm';
declare const document: { workspaceId: unknown; name: unknown };
export async function list(params: { workspaceId: string; name?: string }) {
  const base = db.select().from(document);
  if (params.name) return base.where(and(eq(document.workspaceId, params.workspaceId), eq(document.name, params.name)));
  return base.where(eq(document.workspaceId, params.workspaceId));
}`)).toEqual(['parameter: tenant from a parameter', 'parameter: tenant from a parameter']);
  });

  it('the run without the tenant is reported', () => {
    expect(sinks(`${HEAD}
import { eq } from 'drizzle-orm';
declare const document: { workspaceId: unknown; name: unknown };
export async function byName(req: { query: { name: string } }) {
  const query = db.select().from(document);
  const rows = await query.where(eq(document.name, req.query.name)).limit(10);
  return rows;
}`)[0]).toMatch(/^unscoped/);
  });
});

describe('builders refined over several statements', () => {
  it('a refinement in a conditional assignment, and a tenant filter in a later where: scoped by the trusted one', () => {
    expect(sinks(`${HEAD}
export async function find(req: { query: { folderId?: string } }, team: { id: string }) {
  let qb = db.selectFrom('document').select(['document.id']);
  qb = req.query.folderId !== undefined ? qb.where('document.folderId', '=', req.query.folderId) : qb.where('document.folderId', 'is', null);
  qb = qb.where((eb: any) => eb('document.workspaceId', '=', team.id));
  return qb.orderBy('document.id').execute();
}`)[0]).toMatch(/^scoped|^parameter/);
  });

  it('a chain taken from another stored chain keeps what was done to it, and conditions filtered from a list keep its tenant', () => {
    expect(sinks(`${HEAD}
import { and, eq, gte } from 'drizzle-orm';
declare const document: { workspaceId: unknown; name: unknown };
export async function list(workspaceId: string, name?: string) {
  const conditions = [eq(document.workspaceId, workspaceId)];
  if (name) conditions.push(gte(document.name, name));
  const finalConditions = conditions.filter((c) => c !== undefined);
  const base = db.select().from(document).where(and(...finalConditions));
  let query = base.$dynamic();
  query = query.orderBy(document.name);
  return query.limit(10);
}`)).toEqual(['scoped: tenant in filter']);
  });

  it('a builder that selects only counts over every tenant is not a read of their rows', () => {
    expect(sinks(`${HEAD}
export async function monthly() {
  const qb = db.selectFrom('document').select(({ fn }: any) => [fn.count('id').as('count')]).where('status', '=', 'done').groupBy('month');
  return qb.execute();
}`)).toEqual(['global: an aggregate over every tenant (counts, not rows)']);
  });
});
