import rule from '../src/rules/no-context-free-data-access.js';
import type { Options } from '../src/util/options.js';
import { run } from './rule-tester.js';

/** The opt-in that reports by-id reads whose id is a parameter, as the rule did before one file's limits were drawn. */
const PARAMETER_IDS: Options = [{ reportParameterIds: true }];

run('no-context-free-data-access', rule, {
  valid: [
    // The tenant from the verified context is in the same filter.
    `export async function get(id: string) { return prisma.document.findFirst({ where: { id, tenantId: getCurrentTenant().tenantId } }); }`,
    // Loaded by id, then checked by an authorizer before use.
    `export async function get(user: User, id: string) { const doc = await prisma.document.findUnique({ where: { id } }); authorize(user, doc); return doc; }`,
    // Loaded by id, then its tenant compared with the caller's.
    `export async function get(id: string) { const doc = await prisma.document.findUnique({ where: { id } }); if (doc?.tenantId !== requireTenantId()) throw new Error('not found'); return doc; }`,
    // A global model (no tenant column in schema.prisma).
    `export async function plans() { return prisma.plan.findMany(); }`,
    // Configured as global through settings.
    { code: `export async function invoices() { return prisma.invoice.findMany(); }`, settings: { tenantIsolation: { globalModels: ['Invoice'] } } },
    // Inside a tenant-scoped RLS transaction.
    `export async function get(pool: Pool, tenantId: string, id: string) { return withTenantTransaction(pool, tenantId, (client) => client.query('SELECT * FROM documents WHERE id = $1', [id])); }`,
    // A tenant-scoped client from a factory.
    `export async function get(id: string) { const db = createTenantPrisma(getCurrentTenant()); return db.document.findUnique({ where: { id } }); }`,
    // Raw SQL with the tenant predicate.
    `export async function get(db: Db, id: string) { return db.query('SELECT * FROM documents WHERE id = $1 AND tenant_id = $2', [id, requireTenantId()]); }`,
    // Vector search with a mandatory tenant filter.
    `export async function ask(q: string) { return vectorStore.similaritySearch(q, 5, { tenantId: getCurrentTenant().tenantId }); }`,
    // Through the runtime's scoped retriever.
    `export async function ask(query: string) { const retriever = createScopedRetriever(backend); return retriever.search({ query, topK: 5 }); }`,
    // The factory's result used directly, without a variable: the same scoped client.
    `export async function ask(query: string) { return createScopedRetriever(backend).search({ query, topK: 5 }); }`,
    // Prisma compound unique key that contains the tenant.
    `export async function get(id: string, tenantId: string) { return prisma.document.findUnique({ where: { id_tenantId: { id, tenantId } } }); }`,
    // Creating rows is not a filtered read.
    `export async function make(title: string) { return prisma.document.create({ data: { title, tenantId: requireTenantId() } }); }`,
    // Relation filter through the tenant.
    `export async function list(orgId: string) { return prisma.invoice.findMany({ where: { project: { orgId } } }); }`,
    // A write by client-supplied ids after a tenant-scoped look-up of the same ids.
    `export async function remove(ids: string[]) { const owned = await prisma.document.findMany({ where: { id: { in: ids }, tenantId: requireTenantId() } }); if (owned.length !== ids.length) throw new Error('not found'); await prisma.document.deleteMany({ where: { id: { in: ids } } }); }`,
    // Buffer#toString is no vector search (look-alike fixed in core).
    `export function hex(iv: Buffer) { return iv.toString('base64'); }`,
    // A tRPC procedure whose middleware, in the same file, rejects the call unless input.projectId is one of the caller's projects.
    {
      code: [
        `declare const t: any;`,
        `const enforceSessionAccess = t.middleware(async (opts: any) => {`,
        `  const raw = await opts.getRawInput();`,
        `  const { projectId } = raw as { projectId: string };`,
        `  const member = opts.ctx.session?.user?.organizations.flatMap((o: any) => o.projects).find(({ id }: any) => id === projectId);`,
        `  if (!member) throw new Error('UNAUTHORIZED');`,
        `  return opts.next();`,
        `});`,
        `export const protectedSessionProcedure = t.procedure.use(enforceSessionAccess);`,
        `export const sessionsRouter = {`,
        `  byId: protectedSessionProcedure.input({}).query(async ({ input }: any) => prisma.traceSession.findFirst({ where: { id: input.sessionId, projectId: input.projectId } })),`,
        `};`,
      ].join('\n'),
      settings: { tenantIsolation: { tenantFields: ['projectId'], tenantModels: ['TraceSession'] } },
    },
    // A wrapper of the program's own code, called by a Mongoose-style name: its query is linted in its own file.
    `import { documentRepository } from '../repositories/document-repository.js';\nexport async function get(id: string) { return documentRepository.findById(id); }`,
    `import { runStore } from '@/stores/run-store';\nexport async function get(id: string) { return runStore.findBatchTaskRunById(id); }`,
    // By default, a by-id read whose id is a plain parameter is for the callers to answer (the scanner follows them).
    `export async function get(id: string) { return prisma.document.findUnique({ where: { id } }); }`,
    `export async function remove(ids: string[]) { await prisma.document.deleteMany({ where: { id: { in: ids } } }); }`,
    `export async function get(db: Db, id: string) { return db.query('SELECT * FROM documents WHERE id = $1', [id]); }`,
    `export const get = async ({ ctx, id }: Args) => { if (!ctx.session.orgId) throw new Error('no org'); return prisma.invoice.findFirst({ where: { id } }); };`,
    `export class DocumentService { async get(id: string) { return prisma.document.findUnique({ where: { id } }); } }`,
    // A route's own params are request input, but a helper's parameter that happens to hold them is not known here.
    `async function load(documentId: string) { return prisma.document.findUnique({ where: { id: documentId } }); }\nexport async function run(job: { documentId: string }) { return load(job.documentId); }`,
    // An ordinary callback's parameter is not the client's input either.
    `export async function touch(ids: string[]) { await Promise.all(ids.map((id) => prisma.document.update({ where: { id }, data: { seen: true } }))); }`,
  ],
  invalid: [
    // What one file decides stays reported by default: an id from request input read in this file,
    { code: `export async function GET(req: Request) { const id = new URL(req.url).searchParams.get('id')!; return prisma.document.findUnique({ where: { id } }); }`, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function handler(req: Request) { return prisma.document.findUnique({ where: { id: req.body.id } }); }`, errors: [{ messageId: 'unscopedQuery' }] },
    // a route handler's own params,
    { code: `export async function GET(req: Request, { params }: { params: { id: string } }) { return prisma.document.findUnique({ where: { id: params.id } }); }`, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function DELETE(req: Request, context: { params: { id: string } }) { await prisma.document.delete({ where: { id: context.params.id } }); }`, errors: [{ messageId: 'unscopedQuery' }] },
    // a server action's arguments (the file's directive, or the function's own),
    { code: `'use server';\nexport async function deleteDocument(id: string) { await prisma.document.delete({ where: { id } }); }`, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function deleteDocument(id: string) { 'use server'; await prisma.document.delete({ where: { id } }); }`, errors: [{ messageId: 'unscopedQuery' }] },
    // a tRPC procedure's input however the handler names its argument,
    { code: `export const router = { byId: publicProcedure.input(schema).query(async (opts: any) => prisma.document.findUnique({ where: { id: opts.input.id } })) };`, errors: [{ messageId: 'unscopedQuery' }] },
    // and a file-private helper handed request input by a caller in the same file.
    { code: `async function load(id: string) { return prisma.document.findUnique({ where: { id } }); }\nexport async function GET(req: Request, { params }: { params: { id: string } }) { return load(params.id); }`, errors: [{ messageId: 'unscopedQuery', line: 1 }] },
    // With reportParameterIds, every by-id read whose id is a parameter is reported, as before.
    { code: `export class DocumentService { async get(id: string) { return prisma.document.findUnique({ where: { id } }); } }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function touch(ids: string[]) { await Promise.all(ids.map((id) => prisma.document.update({ where: { id }, data: { seen: true } }))); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    // The same names on a wrapper from a package, whose code is not linted here, stay reported.
    { code: `import { integrationRepository } from '@acme/dal';\nexport async function get(id: string) { return integrationRepository.findById(id); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function get(id: string) { return prisma.document.findUnique({ where: { id } }); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function remove(id: string) { await prisma.document.delete({ where: { id } }); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function get(id: string) { return documentRepository.findOneBy({ id }); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function list(tenantId?: string) { return prisma.document.findMany({ where: { ...(tenantId ? { tenantId } : {}) } }); }`, errors: [{ messageId: 'conditionalTenantFilter' }] },
    { code: `export async function list(req: Request) { return prisma.document.findMany({ where: { tenantId: req.body.tenantId } }); }`, errors: [{ messageId: 'untrustedTenant' }] },
    { code: `export async function get(db: Db, id: string) { return db.query('SELECT * FROM documents WHERE id = $1', [id]); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function ask(q: string) { return vectorStore.similaritySearch(q, 5); }`, errors: [{ messageId: 'unscopedVectorSearch' }] },
    { code: `export async function ask(vector: number[]) { return index.query({ vector, topK: 5 }); }`, errors: [{ messageId: 'unscopedVectorSearch' }] },
    { code: `export async function remove(ids: string[]) { await prisma.document.deleteMany({ where: { id: { in: ids } } }); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function list() { return prisma.document.findMany({ where: { OR: [{ tenantId: requireTenantId() }, { shared: true }] } }); }`, errors: [{ messageId: 'unscopedQuery' }] },
    { code: `export async function backupAll() { return prisma.document.findMany(); }`, errors: [{ messageId: 'unscopedBackup' }] },
    {
      code: `import { createCipheriv } from 'node:crypto';\nexport function exportTenantArchive(tenantId: string, iv: Buffer) { return createCipheriv('aes-256-gcm', process.env.BACKUP_KEY!, iv); }`,
      errors: [{ messageId: 'backupSharedKey' }],
    },
    { code: `export async function get(id: string) { return prisma.document.findFirst({ where: { id, tenantId: undefined } }); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery' }] },
    {
      code: `export async function entries() { return prisma.auditEntry.findMany(); }`,
      settings: { tenantIsolation: { tenantModels: ['AuditEntry'] } },
      errors: [{ messageId: 'unscopedQuery' }],
    },
    // Reported on the call's exact range.
    {
      code: `export async function get(id: string) {\n  return prisma.invoice.findUnique({ where: { id } });\n}`,
      options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery', line: 2, column: 10, endLine: 2, endColumn: 54 }],
    },
    // The same procedure whose middleware only reads input.projectId for tracing: nothing rejects another project.
    {
      code: [
        `declare const t: any;`,
        `const withTracing = t.middleware(async (opts: any) => {`,
        `  const raw = await opts.getRawInput();`,
        `  const { projectId } = raw as { projectId: string };`,
        `  opts.ctx.span?.setAttribute('projectId', projectId);`,
        `  return opts.next();`,
        `});`,
        `export const tracedSessionProcedure = t.procedure.use(withTracing);`,
        `export const sessionsRouter = {`,
        `  byId: tracedSessionProcedure.input({}).query(async ({ input }: any) => prisma.traceSession.findFirst({ where: { id: input.sessionId, projectId: input.projectId } })),`,
        `};`,
      ].join('\n'),
      settings: { tenantIsolation: { tenantFields: ['projectId'], tenantModels: ['TraceSession'] } },
      errors: [{ messageId: 'untrustedTenant', line: 10 }],
    },
    // Suggestion: the verified tenant the function already reads goes into the where, under the model's column.
    {
      code: `export async function get(req: Request, id: string) { const { tenantId } = req.auth; return prisma.document.findUnique({ where: { id } }); }`,
      options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery', suggestions: [{ messageId: 'addVerifiedTenant',
        output: `export async function get(req: Request, id: string) { const { tenantId } = req.auth; return prisma.document.findUnique({ where: { id, tenantId } }); }` }] }],
    },
    {
      // Invoice's tenant column is orgId (schema.prisma of the fixture project).
      code: `export const get = async ({ ctx, id }: Args) => { if (!ctx.session.orgId) throw new Error('no org'); return prisma.invoice.findFirst({ where: { id } }); };`,
      options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery', suggestions: [{ messageId: 'addVerifiedTenant',
        output: `export const get = async ({ ctx, id }: Args) => { if (!ctx.session.orgId) throw new Error('no org'); return prisma.invoice.findFirst({ where: { id, orgId: ctx.session.orgId } }); };` }] }],
    },
    {
      code: `export async function remove(id: string) { const tenant = getCurrentTenant(); await prisma.document.delete({ where: { id } }); return tenant.tenantId; }`,
      options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery', suggestions: [] }],
    },
    {
      code: `export async function remove(id: string) { const tenantId = requireTenantId(); await prisma.document.delete({ where: { id } }); }`,
      options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery', suggestions: [{ messageId: 'addVerifiedTenant',
        output: `export async function remove(id: string) { const tenantId = requireTenantId(); await prisma.document.delete({ where: { id, tenantId } }); }` }] }],
    },
    // No suggestion without a verified tenant in scope: a tenant parameter, or the tenant from the request body.
    { code: `export async function get(tenantId: string, id: string) { void tenantId; return prisma.document.findUnique({ where: { id } }); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery', suggestions: [] }] },
    { code: `export async function get(req: Request, id: string) { const tenantId = req.body.tenantId; void tenantId; return prisma.document.findUnique({ where: { id } }); }`, options: PARAMETER_IDS, errors: [{ messageId: 'unscopedQuery', suggestions: [] }] },
  ],
});
