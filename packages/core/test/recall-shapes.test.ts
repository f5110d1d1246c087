import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyseSourceFile, buildDataModel, resolveConfig } from '../src/index.js';
import { envFor, findings, parse, probeOrigin } from './helpers.js';

/** The expression `probe(<expr>)` wraps in `code`, classified. */
function originOf(code: string) {
  return probeOrigin(code);
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

describe('look-alikes the written-key and unknown-model rules must leave alone', () => {
  const SCHEMA = `model Team {
  id Int @id
}
model Envelope {
  id String @id
  teamId Int
  team Team @relation(fields: [teamId], references: [id])
}
model Recipient {
  id String @id
  token String
  envelopeId String
  envelope Envelope @relation(fields: [envelopeId], references: [id])
}`;
  const kindsOf = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);

  it('a record checked after loading by a check…() call that takes the caller and the record\'s tenant', () => {
    expect(kindsOf(`declare const prisma: any; declare function checkEnvelopeAccess(a: unknown): Promise<boolean>;
export async function h(c: { req: { valid(k: string): { envelopeId: string } } }, session: { user: { id: number } }) {
  const userId = session.user.id;
  const envelope = await prisma.envelope.findFirst({ where: { id: c.req.valid('param').envelopeId } });
  if (!envelope || !(await checkEnvelopeAccess({ userId, teamId: envelope.teamId }))) return 404;
  return envelope;
}`)).toEqual([]);
  });

  it('rows picked by a secret the caller presents, also nested (`envelope: { recipients: { some: { token } } }`) and in a builder chain', () => {
    expect(kindsOf(`declare const prisma: any;
export async function h(req: { params: { envelopeId: string; token: string } }) {
  return prisma.recipient.findFirst({ where: { envelope: { id: req.params.envelopeId, recipients: { some: { token: req.params.token } } } } });
}`)).toEqual([]);
    expect(kindsOf(`declare const db: any; declare const recipients: any; declare function eq(a: unknown, b: unknown): unknown;
export async function h(req: { params: { token: string } }) {
  return db.select().from(recipients).where(eq(recipients.token, req.params.token)).get();
}`)).toEqual([]);
  });

  it('an id checked by an earlier lookup with the secret, then used alone', () => {
    expect(kindsOf(`declare const prisma: any;
export async function h(req: { params: { envelopeId: string; token: string } }) {
  const envelope = await prisma.envelope.findFirst({ where: { id: req.params.envelopeId, recipients: { some: { token: req.params.token } } } });
  if (!envelope) throw new Error('not found');
  return prisma.recipient.findMany({ where: { envelopeId: req.params.envelopeId } });
}`)).toEqual([]);
  });

  it('a subquery inside an outer query\'s filter is part of that filter, not a query of its own', () => {
    expect(kindsOf(`declare const db: any;
export async function h(teamId: number, q: string) {
  return db.selectFrom('Envelope').selectAll().where('Envelope.teamId', '=', teamId)
    .where(({ eb }: any) => eb('Envelope.id', 'in', eb.selectFrom('Recipient').select('Recipient.envelopeId').where('Recipient.token', 'ilike', q)))
    .execute();
}`)).toEqual([]);
  });

  it('an inner join on the tenant filters the rows; a left join does not', () => {
    const join = (kind: string) => `declare const db: any; declare const envelope: any; declare const recipient: any; declare function eq(a: unknown, b: unknown): unknown; declare function and(...a: unknown[]): unknown;
export async function h(req: { params: { id: string } }, ctx: { teamId: number }) {
  return db.select().from(recipient).${kind}(envelope, and(eq(envelope.id, recipient.envelopeId), eq(envelope.teamId, ctx.teamId))).where(eq(recipient.id, req.params.id)).get();
}`;
    expect(kindsOf(join('innerJoin'))).toEqual([]);
    expect(kindsOf(join('leftJoin'))).toEqual(['unscoped-query']);
  });

  it('counts over every tenant are not any tenant\'s rows; a filtered read is still judged', () => {
    expect(kindsOf('declare const prisma: any;\nexport const stats = () => prisma.recipient.groupBy({ by: [\'token\'], _count: true });')).toEqual([]);
    expect(kindsOf('declare const prisma: any;\nexport const all = () => prisma.recipient.findMany();')).toEqual(['unscoped-query']);
  });
});

describe('the deployment\'s own secret makes a handler the platform\'s', () => {
  it('a request header compared with an environment secret, or a verifier built with one, guards the handler', async () => {
    const { isSharedSecretGuard } = await import('../src/index.js');
    const guardIn = (code: string) => {
      const sf = parse(code);
      const fn = sf.statements.find((s) => s.kind === 263 /* FunctionDeclaration */) as ts.FunctionDeclaration;
      return (fn.body?.statements ?? []).some((st) => isSharedSecretGuard(st as never, envFor()));
    };
    expect(guardIn(`declare const env: () => { CRON_SECRET: string };
function h(c: any) { const auth = c.req.header('Authorization'); if (auth !== \`Basic \${env().CRON_SECRET}\`) { return c.text('Unauthorized', 401); } }`)).toBe(true);
    expect(guardIn(`declare class Receiver { constructor(o: unknown); verify(o: unknown): Promise<boolean> }
const receiver = new Receiver({ currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY });
function h(c: any) { const ok = receiver.verify({ signature: c.req.header('Upstash-Signature') }); if (!ok) return c.text('Unauthorized', 401); }`)).toBe(true);
    // Look-alikes: a comparison with a request value, a verifier without the deployment's secret.
    expect(guardIn(`function h(c: any) { if (c.req.header('x-team') !== c.req.param('team')) return 401; }`)).toBe(false);
    expect(guardIn(`declare const verifier: { verify(o: unknown): boolean };
function h(c: any) { const ok = verifier.verify({ signature: 'x' }); if (!ok) return 401; }`)).toBe(false);
  });
});
