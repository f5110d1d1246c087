import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyseSourceFile, buildDataModel, classifyValue, resolveConfig } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

/** The expression `probe(<expr>)` wraps in `code`, classified. */
function originOf(code: string) {
  const sf = parse(code);
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && n.kind === 214 /* CallExpression */ && (n as ts.CallExpression).expression.getText(sf) === 'probe') found = (n as ts.CallExpression).arguments[0];
    n.forEachChild(visit);
  };
  visit(sf);
  return classifyValue(found as never, envFor());
}

describe('request parts read through the request object', () => {
  it('Hono c.req.param/query/json/valid and Koa ctx.request.body are request input, named in the message', () => {
    expect(originOf("app.get('/:id', (c) => probe(c.req.param('id')))")).toEqual({ kind: 'untrusted', path: "c.req.param('id')" });
    expect(originOf("app.get('/', (c) => probe(c.req.query('orgId')))").kind).toBe('untrusted');
    expect(originOf("app.post('/', async (c) => probe((await c.req.json()).orgId))").kind).toBe('untrusted');
    expect(originOf("app.post('/', (c) => probe(c.req.valid('json').orgId))").kind).toBe('untrusted');
    expect(originOf("app.post('/', (ctx) => probe(ctx.request.body.orgId))").kind).toBe('untrusted');
  });

  it('look-alikes: what the verified middleware set on the context is not request input', () => {
    expect(originOf("app.get('/', (c) => probe(c.get('jwtPayload').tenantId))").kind).not.toBe('untrusted');
    expect(originOf("app.get('/', (c) => probe(c.var.session.orgId))").kind).not.toBe('untrusted');
  });
});

describe('a check after a write comes too late', () => {
  const SCHEMA = `model Organization {
  id String @id
}
model OrgMember {
  id String @id
  organizationId String
  organization Organization @relation(fields: [organizationId], references: [id])
}`;
  it('a delete whose returned row is compared with the caller\'s org afterwards is still reported', () => {
    const code = `declare const prisma: any; declare const ctx: { orgId: string };
export async function handler(req: { params: { id: string } }) {
  const removed = await prisma.orgMember.delete({ where: { id: req.params.id } });
  if (removed.organizationId !== ctx.orgId) throw new Error('not found');
}`;
    expect(findings(code, {}, SCHEMA).map((f) => f.kind)).toEqual(['unscoped-query']);
  });
  it('look-alike: the same comparison after a read, before the row is used, checks it', () => {
    const code = `declare const prisma: any; declare const ctx: { orgId: string };
export async function handler(req: { params: { id: string } }) {
  const member = await prisma.orgMember.findUnique({ where: { id: req.params.id } });
  if (member.organizationId !== ctx.orgId) throw new Error('not found');
  return member;
}`;
    expect(findings(code, {}, SCHEMA)).toEqual([]);
  });
});

describe('the data model', () => {
  const fields = resolveConfig().tenantFields;
  it('a model whose foreign key points at User (and that has no tenant column) is its owner\'s rows', () => {
    const m = buildDataModel([{ path: 'schema.prisma', text: `model User {
  uid String @id
}
model PersonalAccessToken {
  id String @id
  userUid String
  user User @relation(fields: [userUid], references: [uid])
}
model Country {
  code String @id
}` }], { tenantFields: fields });
    expect(m.isTenantModel('PersonalAccessToken')).toBe(true);
    expect(m.tenantAnchors('PersonalAccessToken')).toEqual(['userUid']);
    // The user model itself and models without an owner are not.
    expect(m.isTenantModel('User')).toBe(false);
    expect(m.isTenantModel('Country')).toBe(false);
  });

  it('a model\'s own key named for it is not a parent key of its rows, though other tables hold it as one', () => {
    const m = buildDataModel([{ path: 'schema.ts', text: `export const organization = pgTable('organization', { id: text('id') });
export const gitProvider = pgTable('git_provider', { gitProviderId: text('gitProviderId'), organizationId: text('organizationId').references(() => organization.id) });
export const github = pgTable('github', { githubId: text('githubId'), gitProviderId: text('gitProviderId').references(() => gitProvider.gitProviderId) });
export const application = pgTable('application', { id: text('id'), githubId: text('githubId').references(() => github.githubId), organizationId: text('organizationId') });` }], { tenantFields: fields });
    expect(m.tenantAnchors('github')).toEqual(['gitProviderId']);
    expect(m.tenantAnchors('application')).toContain('githubId');
  });

  it('merges the sightings of one model: a migration without constraints and the schema with its relations', () => {
    const m = buildDataModel([
      { path: 'migrations/001.sql', text: 'CREATE TABLE "PersonalAccessToken" (id text primary key, "userUid" text not null);' },
      { path: 'schema.prisma', text: `model User {
  uid String @id
}
model PersonalAccessToken {
  id String @id
  userUid String
  user User @relation(fields: [userUid], references: [uid])
}` },
    ], { tenantFields: fields });
    expect(m.isTenantModel('PersonalAccessToken')).toBe(true);
  });
});

describe('unknown is not safe', () => {
  const verdictOf = (code: string, schema?: string) => {
    const sf = parse(code);
    return analyseSourceFile(sf, envFor({}, schema)).sinks.map((s) => ({ verdict: s.verdict, modelUnknown: !!s.modelUnknown, namesTenantColumn: !!s.match.namesTenantColumn }));
  };
  it('a by-id read of a model the schema does not declare is judged as a tenant table, and says so', () => {
    expect(verdictOf(`declare const prisma: any;
export const h = (req: { params: { id: string } }) => prisma.attachment.findUnique({ where: { id: req.params.id } });`))
      .toEqual([{ verdict: 'unscoped', modelUnknown: true, namesTenantColumn: false }]);
  });
  it('an unfiltered read of such a model may be a global table: not judged', () => {
    expect(verdictOf('declare const prisma: any;\nexport const h = () => prisma.attachment.findMany();')).toEqual([{ verdict: 'unknown', modelUnknown: false, namesTenantColumn: false }]);
  });
  it('SQL that names a tenant column, or a row type with one, marks the table as a tenant table', () => {
    expect(verdictOf(`declare const pool: any;
export const h = (req: { params: { id: string } }) => pool.query('SELECT id, org_id FROM notes WHERE id = $1', [req.params.id]);`)[0]?.namesTenantColumn).toBe(true);
    expect(verdictOf(`declare const pool: any; interface Row { id: string; workspaceId: string }
export const h = (req: { params: { id: string } }) => pool.query<Row>('SELECT * FROM notes WHERE id = $1', [req.params.id]);`)[0]?.namesTenantColumn).toBe(true);
    expect(verdictOf(`declare const pool: any;
export const h = (req: { params: { id: string } }) => pool.query('SELECT id, body FROM notes WHERE id = $1', [req.params.id]);`)[0]?.namesTenantColumn).toBe(false);
  });
});

describe('a value the verified caller holds', () => {
  const SCHEMA = `model Workspace {
  id String @id
}
model Conversation {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}`;
  it('a workspace id from the body, written into a row, is a gap unless it is in the caller\'s own list first', () => {
    const head = 'declare const prisma: any;\n';
    expect(findings(`${head}export async function h(req: { body: { workspaceId: string } }, session: { workspaceIds: string[] }) {
  return prisma.conversation.create({ data: { workspaceId: req.body.workspaceId } });
}`, {}, SCHEMA).map((f) => f.messageId)).toEqual(['clientChosenKey']);
    expect(findings(`${head}export async function h(req: { body: { workspaceId: string } }, session: { workspaceIds: string[] }) {
  if (!session.workspaceIds.includes(req.body.workspaceId)) throw new Error('forbidden');
  return prisma.conversation.create({ data: { workspaceId: req.body.workspaceId } });
}`, {}, SCHEMA)).toEqual([]);
  });
});
