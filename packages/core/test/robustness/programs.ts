/**
 * fast-check generators of TypeScript programs that mix the shapes the analysers care about: ORM
 * calls with and without tenant filters (Prisma, Drizzle, Knex, raw SQL), Redis keys, Maps keyed by
 * ids, spans, createCipheriv, log reads, platform fallbacks, fail-open checks, optional tenant
 * parameters, nested functions, classes, decorators, async arrows and JSX. Shared by the core,
 * ESLint and scanner robustness suites (imported by relative path; not a published module).
 *
 * The programs are syntactically valid (a generator that mostly produced parse errors would test
 * the parser, not the analysers); the edge-input suites cover broken text separately.
 */
import fc from 'fast-check';

/** Runs per property: small and seeded in CI, `FUZZ_RUNS=2000 npm run fuzz` for a long run. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? '') || 0;
/** A fixed seed keeps CI reproducible; `FUZZ_SEED` replays a failure reported by a long run. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? '') || 20261128;

/** fast-check parameters: fixed seed, `ciRuns` runs unless FUZZ_RUNS asks for more. */
export function fuzzParams(ciRuns: number): { seed: number; numRuns: number; endOnFailure: true } {
  return { seed: FUZZ_SEED, numRuns: FUZZ_RUNS || ciRuns, endOnFailure: true };
}

export const SCHEMA = [
  'model Document {\n  id String @id\n  tenantId String\n  title String\n}',
  'model AuditLog {\n  id String @id\n  tenantId String\n  message String\n}',
  'model Plan {\n  id String @id\n  name String\n}',
  '',
].join('\n');

const model = fc.constantFrom('document', 'auditLog', 'plan', 'user', 'conversation');
const table = fc.constantFrom('documents', 'audit_logs', 'plans', 'messages');
const idName = fc.constantFrom('id', 'sessionId', 'traceId', 'conversationId', 'documentId', 'requestId');
const tenantName = fc.constantFrom('tenantId', 'orgId', 'workspaceId', 'tenant_id');
const scalar = fc.constantFrom('1', "'x'", 'null', 'undefined', 'true', 'input', 'req.body.id', 'req.params.id');

/** One expression with a data-access / cache / crypto / telemetry shape, optionally tenant-filtered. */
const sinkExpr: fc.Arbitrary<string> = fc.oneof(
  fc.record({ m: model, method: fc.constantFrom('findMany', 'findFirst', 'findUnique', 'update', 'deleteMany', 'create', 'count'), id: idName, t: tenantName, scoped: fc.boolean() })
    .map(({ m, method, id, t, scoped }) => `prisma.${m}.${method}({ where: { ${id}${scoped ? `, ${t}` : ''} } })`),
  fc.record({ m: model, method: fc.constantFrom('findMany', 'count') }).map(({ m, method }) => `prisma.${m}.${method}()`),
  fc.record({ t: table, id: idName, tn: tenantName, scoped: fc.boolean() })
    .map(({ t, id, tn, scoped }) => `db.select().from(${t}).where(${scoped ? `and(eq(${t}.id, ${id}), eq(${t}.${tn}, ${tn}))` : `eq(${t}.id, ${id})`})`),
  fc.record({ t: table, id: idName, tn: tenantName, scoped: fc.boolean() })
    .map(({ t, id, tn, scoped }) => `knex('${t}').where({ id: ${id}${scoped ? `, ${tn}` : ''} }).first()`),
  fc.record({ t: table, tn: tenantName, scoped: fc.boolean(), tagged: fc.boolean() }).map(({ t, tn, scoped, tagged }) =>
    tagged
      ? `sql\`SELECT * FROM ${t} WHERE id = \${id}${scoped ? ` AND ${tn} = \${${tn}}` : ''}\``
      : `pool.query('SELECT * FROM ${t} WHERE id = $1${scoped ? ` AND ${tn} = $2` : ''}', [id${scoped ? `, ${tn}` : ''}])`),
  fc.record({ cmd: fc.constantFrom('get', 'set', 'del', 'hget', 'expire'), id: idName, t: tenantName, scoped: fc.boolean() })
    .map(({ cmd, id, t, scoped }) => `redis.${cmd}(\`${scoped ? `tenant:\${${t}}:` : ''}session:\${${id}}\`${cmd === 'set' ? ', value' : ''})`),
  fc.constantFrom("redis.keys('*')", 'redis.flushall()', "redis.scan(0, 'MATCH', 'session:*')", "cache.get('k:' + id)"),
  fc.record({ id: idName, op: fc.constantFrom('get', 'set', 'has', 'delete') }).map(({ id, op }) => `sessions.${op}(${id}${op === 'set' ? ', value' : ''})`),
  fc.constantFrom(
    "tracer.startSpan('load')",
    "tracer.startActiveSpan('q', (span) => { span.setAttribute('tenant.id', tenantId); span.end(); })",
    "trace.getTracer('x').startSpan('y')",
  ),
  fc.constantFrom(
    "createCipheriv('aes-256-gcm', process.env.MASTER_KEY, iv)",
    'createCipheriv(ALGO, deriveTenantKey(masterKey, tenantId), iv)',
    "createDecipheriv('aes-256-gcm', KEY, iv)",
  ),
  fc.constantFrom('prisma.auditLog.findMany({ orderBy: { at: "desc" } })', 'logStore.query({ since })', 'fs.readFileSync("/var/log/app.log", "utf8")'),
  fc.record({ t: tenantName }).map(({ t }) => `${t} ?? PLATFORM`),
  fc.record({ t: tenantName }).map(({ t }) => `(row.meta?.${t} ?? ${t}) === ${t}`),
  fc.constantFrom('getCurrentTenant().tenantId', 'runAsPlatform("backfill", () => prisma.document.findMany())', 'runWithTenant(t, () => load(id))'),
  fc.record({ t: tenantName, scoped: fc.boolean() }).map(({ t, scoped }) => `vectorStore.similaritySearch(query, 5${scoped ? `, { ${t} }` : ''})`),
  scalar,
);

/** A statement inside a function body. */
const simpleStatement: fc.Arbitrary<string> = fc.oneof(
  sinkExpr.map((e) => `const r = await ${e};`),
  sinkExpr.map((e) => `return ${e};`),
  sinkExpr.map((e) => `${e};`),
  sinkExpr.map((e) => `if (!${e}) throw new Error('denied');`),
  fc.record({ t: tenantName, e: sinkExpr }).map(({ t, e }) => `if (row.${t} !== ${t}) { throw new Error('forbidden'); } else { void (${e}); }`),
  fc.record({ id: idName, t: tenantName, scoped: fc.boolean() }).map(({ id, t, scoped }) =>
    `const key = \`${scoped ? `\${${t}}:` : ''}conv:\${${id}}\`;`),
  fc.record({ id: idName, e: sinkExpr }).map(({ id, e }) => `for (const x of [${id}]) { await ${e}; }`),
  fc.record({ e: sinkExpr }).map(({ e }) => `try { await ${e}; } catch (err) { console.error(err); }`),
  fc.constant("logger.info({ msg: 'x' });"),
  fc.constant(''),
);

interface Shape {
  text: string;
}

/** Function / class / arrow wrappers around a body, nested up to `depth`. */
function declaration(depth: number, tsx: boolean): fc.Arbitrary<Shape> {
  const body: fc.Arbitrary<string[]> = depth <= 0
    ? fc.array(simpleStatement, { maxLength: 4 })
    : fc.array(fc.oneof({ weight: 3, arbitrary: simpleStatement }, { weight: 1, arbitrary: declaration(depth - 1, tsx).map((s) => s.text) }), { maxLength: 4 });
  const name = fc.constantFrom('load', 'getDocument', 'handler', 'listLogs', 'readSession', 'encrypt', 'run', 'resolveTenant');
  const param = fc.oneof(
    tenantName.map((t) => `${t}: string`),
    tenantName.map((t) => `${t}?: string`),
    tenantName.map((t) => `${t}: string | undefined`),
    idName.map((i) => `${i}: string`),
    fc.constant('req: any, res: any'),
    fc.constant('{ id, tenantId }: { id: string; tenantId?: string }'),
  );
  const params = fc.array(param, { maxLength: 2 }).map((ps) => ps.join(', '));
  const block = (lines: string[]): string => `{\n${lines.map((l) => `  ${l}`).join('\n')}\n}`;
  const shapes: fc.Arbitrary<string>[] = [
    fc.record({ exp: fc.boolean(), name, params, body }).map(({ exp, name, params, body }) =>
      `${exp ? 'export ' : ''}async function ${name}(${params}) ${block(body)}`),
    fc.record({ name, params, body }).map(({ name, params, body }) => `export const ${name} = async (${params}) => ${block(body)};`),
    fc.record({ name, params, body, deco: fc.constantFrom('', "@Get(':id')\n  ", '@UseGuards(AuthGuard)\n  ') }).map(({ name, params, body, deco }) =>
      `@Controller('docs')\nexport class ${name[0]?.toUpperCase()}${name.slice(1)}Controller {\n  constructor(private readonly prisma: any) {}\n  ${deco}async ${name}(${params}) ${block(body)}\n}`),
    fc.record({ route: fc.constantFrom('/documents/:id', '/logs', '/sessions/:sessionId'), method: fc.constantFrom('get', 'post', 'delete'), body })
      .map(({ route, method, body }) => `app.${method}('${route}', async (req: any, res: any) => ${block([...body, 'res.json(r);'])});`),
    fc.record({ name, body }).map(({ name, body }) => `export default { async ${name}(id: string) ${block(body)} };`),
  ];
  if (tsx) {
    shapes.push(fc.record({ name, body, id: idName }).map(({ name, body, id }) =>
      `export async function ${name[0]?.toUpperCase()}${name.slice(1)}View({ ${id} }: { ${id}: string }) {\n  const r = await prisma.document.findUnique({ where: { id: ${id} } });\n  ${body.join('\n  ')}\n  return <div title={String(r)}>{${id}}<span>{'x'}</span></div>;\n}`));
  }
  return fc.oneof(...shapes).map((text) => ({ text }));
}

const PRELUDE = [
  "import { createCipheriv, createDecipheriv } from 'node:crypto';",
  "import { trace } from '@opentelemetry/api';",
  'declare const prisma: any, db: any, knex: any, pool: any, sql: any, redis: any, cache: any, tracer: any, vectorStore: any;',
  'declare const logStore: any, logger: any, fs: any, app: any, row: any, req: any, input: any, value: any, iv: any, query: any, since: any, masterKey: any, t: any;',
  'declare const documents: any, audit_logs: any, plans: any, messages: any, eq: any, and: any, ALGO: any, KEY: any, PLATFORM: any;',
  'declare const id: any, sessionId: any, traceId: any, conversationId: any, documentId: any, requestId: any;',
  'declare const tenantId: any, orgId: any, workspaceId: any, tenant_id: any, r: any;',
  'declare function getCurrentTenant(): { tenantId: string };',
  'declare function runAsPlatform(reason: string, fn: () => unknown): unknown;',
  'declare function runWithTenant(t: unknown, fn: () => unknown): unknown;',
  'declare function deriveTenantKey(k: unknown, t: string): Buffer;',
  'declare function load(id: string): unknown;',
  'declare function Controller(p: string): ClassDecorator; declare function Get(p: string): MethodDecorator; declare function UseGuards(g: unknown): MethodDecorator;',
  'declare const AuthGuard: unknown;',
  'const sessions = new Map<string, unknown>();',
];

export interface GeneratedProgram {
  /** `.ts` or `.tsx` */
  ext: '.ts' | '.tsx';
  text: string;
}

/** A whole file: the prelude of declarations, then 1–6 top-level declarations. */
export function programArb(options: { tsx?: boolean; depth?: number } = {}): fc.Arbitrary<GeneratedProgram> {
  const tsx = options.tsx ?? false;
  // Duplicate names are allowed on purpose (real code has overloads and redeclarations); the
  // prelude uses `declare` so the type checker the scanner may ask has something to bind.
  return fc.array(declaration(options.depth ?? 2, tsx), { minLength: 1, maxLength: 6 })
    .map((decls) => ({ ext: tsx ? '.tsx' : '.ts', text: `${PRELUDE.join('\n')}\n\n${decls.map((d) => d.text).join('\n\n')}\n` }));
}

/** Either flavour. */
export const anyProgram: fc.Arbitrary<GeneratedProgram> = fc.oneof(programArb(), programArb({ tsx: true }));

/** An unrelated statement to put at the top of a file: must not change any fingerprint. */
export const unrelatedPrefix: fc.Arbitrary<string> = fc.constantFrom(
  '\n',
  '\n\n\n',
  '// an unrelated comment\n',
  'function unrelatedHelper__(a: number): number {\n  return a * 2;\n}\n',
  'export const UNRELATED_CONSTANT__ = 42;\n',
  "type Unrelated__ = { a: string };\n",
);
