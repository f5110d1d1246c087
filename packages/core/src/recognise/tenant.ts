import type * as TS from 'typescript';
import { normalizeFieldName } from '../model/names.js';
import { sourceFileOf, type AnalysisEnv } from './env.js';
import { accessPath, calleeName, endsInExit, findLocalDeclaration, isFunctionLike, unwrap, walk, type FunctionLike } from './ast.js';
import { keyOfLoaderParameter } from './read-through.js';

const normalizedFieldsCache = new WeakMap<readonly string[], Set<string>>();

function normalizedTenantFields(env: AnalysisEnv): Set<string> {
  let set = normalizedFieldsCache.get(env.config.tenantFields);
  if (!set) {
    set = new Set(env.config.tenantFields.map(normalizeFieldName));
    normalizedFieldsCache.set(env.config.tenantFields, set);
  }
  return set;
}

const entityNamesCache = new WeakMap<readonly string[], Set<string>>();

/**
 * The tenant entities the tenant fields point at (`workspaceId` → `workspace`, `orgId` → `org`):
 * `workspace.id` or `ctx.workspace` carry the tenant as surely as `workspaceId` does.
 */
function tenantEntityNames(env: AnalysisEnv): Set<string> {
  let set = entityNamesCache.get(env.config.tenantFields);
  if (!set) {
    set = new Set(env.config.tenantFields.map(normalizeFieldName).filter((f) => f.endsWith('id') && f.length > 4).map((f) => f.slice(0, -2)));
    entityNamesCache.set(env.config.tenantFields, set);
  }
  return set;
}

/** A name that carries the tenant: a tenant field (any casing), its entity (`workspace`), or anything named "tenant…". */
export function isTenantName(name: string, env: AnalysisEnv): boolean {
  const n = normalizeFieldName(name);
  const fields = normalizedTenantFields(env);
  // Anything named "tenant…" carries the tenant, unless the config names the tenant otherwise
  // (`tenantFields: ["workspaceId"]` in a code base where `tenantId` is a partner's external id).
  return fields.has(n) || (n.includes('tenant') && tenantWordMeansTenant(fields)) || tenantEntityNames(env).has(n);
}

function tenantWordMeansTenant(fields: Set<string>): boolean {
  for (const f of fields) if (f.includes('tenant')) return true;
  return false;
}

/**
 * A filter key that constrains by tenant: a tenant name, or a compound key that contains one
 * (Prisma's `id_tenantId`).
 */
export function isTenantKey(name: string, env: AnalysisEnv): boolean {
  if (isTenantName(name, env)) return true;
  const n = normalizeFieldName(name);
  for (const field of normalizedTenantFields(env)) if (n.includes(field)) return true;
  return false;
}

/** Fields that scope a row to its owner; a filter on the verified user is as good as one on the tenant. */
const OWNER_FIELDS = new Set(['userid', 'ownerid', 'authorid', 'createdbyid', 'createdby', 'memberid', 'creatorid']);

export function isOwnerKey(name: string): boolean {
  return OWNER_FIELDS.has(normalizeFieldName(name));
}

export function isContextGetterCall(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const name = calleeName(env.ts, call);
  return name !== undefined && env.config.contextGetters.includes(name);
}

/**
 * Built-in authorizer names: calls that check a loaded record or a client-supplied id against the
 * caller. Config `authorizers` adds to these.
 */
const AUTHORIZER_PATTERN =
  /^(authori[sz]e\w*|can|cannot|assert(Can|Access|Owner\w*|SameTenant|Tenant\w*|Belongs\w*|Member\w*|Permission\w*|Authori[sz]ed\w*)|ensure(Access|Owner\w*|SameTenant|Tenant\w*|Member\w*|Permission\w*|CanAccess\w*)|check(Access|Permission\w*|Ownership|Tenant\w*|Member\w*)|verify(Ownership|Access|Tenant\w*|Member\w*)|require(Permission\w*|Access|Member\w*|Ownership)|enforce\w*|has(Access|Permission)\w*|isMember\w*|is(Owner|Authori[sz]ed)\w*|throwIfNo\w*(Access|Permission|Membership|Entitlement)\w*|throwUnless\w*(Access|Permission|Member)\w*)$/;

export function isAuthorizerName(name: string, env: AnalysisEnv): boolean {
  return env.config.authorizers.includes(name) || AUTHORIZER_PATTERN.test(name);
}

export function isAuthorizerCall(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const name = calleeName(env.ts, call);
  return name !== undefined && isAuthorizerName(name, env);
}

/**
 * Guards named for the platform's own staff or secrets rather than a role inside a tenant:
 * `handleAdminAuth`, `requireAdminApiKey`, `assertSuperAdmin`, `ensurePlatformOperator`. A role check
 * inside the tenant (`requireRole('admin')`, `assertOrgAdmin`) names the tenant or takes the role as an
 * argument, and is not one of these.
 */
const PLATFORM_GUARD_PATTERN = /^(handle|require|check|verify|assert|ensure|authenticate|validate|is)(Super|Platform|Instance|Internal|Staff|Site|System)?(Admin(Api)?(Auth\w*|Key|ApiKey|Token|Secret)|(Super|Platform|Instance|Internal|Staff|Site)Admin\w*|Platform(Operator|Staff|Admin)\w*)$/;

/**
 * The scheduler's own signature (`verifyQstashSignature({ req, rawBody })`, `verifyVercelSignature(req)`,
 * `verifyCronSecret(req)`): only the platform's job runner can call past it, so the handler is a job.
 */
const SCHEDULER_GUARD_PATTERN = /^(verify|validate|check|require|assert|is)(Qstash|QStash|Upstash|Vercel|VercelCron|Cron|Scheduler)(Signature|Secret|Request|Auth|Token)\w*$/;

/**
 * Handler wrappers that admit only the platform's own staff (`withAdmin`, `withSuperAdmin`,
 * `withPlatformAdmin`, `requireStaff`) or its scheduler (`withCron`, `withQstash`: they verify the
 * scheduler's signature): handlers inside them are platform entry points. Express-style role
 * middleware (`requireRole('admin')`) checks a role inside the caller's tenant and is not one of these.
 */
const PLATFORM_WRAPPER = /^((with|require|ensure|only)(Super|Platform|Site|Internal|System)?(Admin|Staff|Internal|Platform)(Only|Auth|Access|Session)?|with(Cron|Qstash|QStash|Scheduler)\w*)$/;

export function isPlatformWrapperName(name: string | undefined): boolean {
  return name !== undefined && PLATFORM_WRAPPER.test(name);
}

/** An environment secret: `process.env.CRON_SECRET`, `env().CRON_SECRET`, `env.INTERNAL_API_TOKEN`, `c.env.SERVICE_KEY`. */
function isEnvSecret(e: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) && /(SECRET|TOKEN|KEY|PASSWORD)/.test(n.name.text) && /^[A-Z0-9_]+$/.test(n.name.text)) {
      const holder = accessPath(ts, n.expression)?.join('.').replace(/\(\)/g, '') ?? '';
      if (/(^|\.)env$/.test(holder)) found = true;
    }
    n.forEachChild(visit);
  };
  visit(e);
  return found;
}

/**
 * `if (auth !== \`Basic ${env().CRON_SECRET}\`) return c.text('Unauthorized', 401)`: only a holder of the
 * deployment's own secret (the scheduler, another internal service) gets past, so the handler is the
 * platform at work, not a tenant's user.
 */
export function isSharedSecretGuard(stmt: TS.Statement, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (!ts.isIfStatement(stmt) || !endsInExit(ts, stmt.thenStatement)) return false;
  const cond = unwrap(ts, stmt.expression);
  const differs = ts.isBinaryExpression(cond) && (cond.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || cond.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken);
  if (differs) return isEnvSecret((cond as TS.BinaryExpression).left, env) || isEnvSecret((cond as TS.BinaryExpression).right, env);
  // `const isValid = await receiver.verify({ signature, body }); if (!isValid) return 401`, where the
  // receiver was built with the deployment's own signing secret (`new Receiver({ currentSigningKey: env.… })`).
  if (!ts.isPrefixUnaryExpression(cond) || cond.operator !== ts.SyntaxKind.ExclamationToken) return false;
  let checked = unwrap(ts, cond.operand);
  if (ts.isIdentifier(checked)) {
    const decl = findLocalDeclaration(ts, checked);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
    checked = unwrap(ts, decl.initializer);
  }
  if (!ts.isCallExpression(checked) || !/^verify\w*$/.test(calleeName(ts, checked) ?? '') || !ts.isPropertyAccessExpression(checked.expression)) return false;
  const verifier = unwrap(ts, checked.expression.expression);
  const built = ts.isIdentifier(verifier) ? findLocalDeclaration(ts, verifier) : undefined;
  const init = built && ts.isVariableDeclaration(built) && built.initializer ? unwrap(ts, built.initializer) : undefined;
  return !!init && ts.isNewExpression(init) && (init.arguments ?? []).some((a) => isEnvSecret(a, env));
}

export function isPlatformGuardCall(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const name = calleeName(env.ts, call);
  return name !== undefined && (env.config.platformGuards.includes(name) || SCHEDULER_GUARD_PATTERN.test(name) || (PLATFORM_GUARD_PATTERN.test(name) && !isTenantName(name.replace(/^(handle|require|check|verify|assert|ensure|authenticate|validate|is)/, ''), env)));
}

/**
 * Identifiers that stand for all-tenants access: configured names, plus upper-case constants built
 * around PLATFORM / ALL_TENANTS / GOD_MODE / SUPERUSER, and ADMIN_/SYSTEM_ + CONTEXT/TENANT/SCOPE.
 */
const PLATFORM_PATTERN = /^(?:[A-Z0-9]+_)*(PLATFORM|ALL_TENANTS|GOD_MODE|SUPERUSER)(?:_[A-Z0-9]+)*$|^(ADMIN|SYSTEM|ROOT)_(CONTEXT|TENANT|TENANT_ID|SCOPE)$/;

export function isPlatformName(name: string, env: AnalysisEnv): boolean {
  return env.config.platformNames.includes(name) || PLATFORM_PATTERN.test(name);
}

/** A platform value: a platform identifier, `X.PLATFORM`, or a wildcard tenant string ('*', 'platform', 'all'). */
export function isPlatformValue(node: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const e = unwrap(ts, node);
  if (ts.isIdentifier(e)) return isPlatformName(e.text, env);
  // `PLATFORM_CONTEXT.tenantId`, `Scopes.PLATFORM`: a platform identifier anywhere in the access chain.
  if (ts.isPropertyAccessExpression(e)) return (accessPath(ts, e) ?? [e.name.text]).some((part) => isPlatformName(part, env));
  if (ts.isStringLiteralLike(e)) return /^(\*|platform|all|__all__|__platform__|all-tenants|global)$/i.test(e.text);
  return false;
}

/** Whether anything in the subtree names the tenant: identifiers, properties, context getters, string columns. */
export function mentionsTenant(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) {
      if (isTenantName(n.text, env)) found = true;
    } else if (ts.isStringLiteralLike(n)) {
      // Column references in builder strings: 'tenant_id', 'd.tenantId = :tenantId', 'org_id'.
      for (const word of n.text.split(/[^A-Za-z0-9_]+/)) if (word && isTenantKey(word, env)) found = true;
    } else if (ts.isCallExpression(n) && isContextGetterCall(n, env)) {
      found = true;
    }
    return undefined;
  });
  return found;
}

/** Calls that hand their input back validated or converted, not replaced: taint flows through them. */
const PASS_THROUGH = /^(parse|safeParse|parseAsync|safeParseAsync|validate|validateSync|assert|decode|cast|coerce|Number|String|BigInt|parseInt|parseFloat|trim|toLowerCase|toUpperCase|sanitize\w*)$/;

function isPassThroughCall(call: TS.CallExpression, env: AnalysisEnv): boolean {
  return PASS_THROUGH.test(calleeName(env.ts, call) ?? '');
}

export type ValueOrigin =
  | { kind: 'context' }
  | { kind: 'verified'; path: string }
  | { kind: 'untrusted'; path: string }
  | { kind: 'parameter'; fn: FunctionLike; index: number; name: string; property: string | undefined }
  | { kind: 'literal' }
  | { kind: 'undefined' }
  | { kind: 'unknown' };

function matchesPrefix(path: string[], prefixes: readonly string[]): string | undefined {
  const dotted = path.join('.').replace(/\(\)/g, '');
  return prefixes.find((p) => dotted === p || dotted.startsWith(`${p}.`));
}

/**
 * Where a tenant value comes from: the verified identity or context, caller-controlled input, a
 * parameter of the enclosing function (for the scanner to follow), a literal, or unknown.
 */
export function classifyValue(expr: TS.Expression, env: AnalysisEnv, depth = 0): ValueOrigin {
  const ts = env.ts;
  const e = unwrap(ts, expr);
  if (depth > 6) return { kind: 'unknown' };
  if (ts.isIdentifier(e) && e.text === 'undefined') return { kind: 'undefined' };
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return { kind: 'literal' };
  if (ts.isCallExpression(e) && isContextGetterCall(e, env)) return { kind: 'context' };
  if (ts.isCallExpression(e) && isPassThroughCall(e, env)) {
    // `schema.parse(req.body)`, `Number(req.params.id)`: validation keeps the value caller-controlled.
    for (const arg of e.arguments) {
      const origin = classifyValue(arg, env, depth + 1);
      if (origin.kind === 'untrusted' || origin.kind === 'parameter') return origin;
    }
  }
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    // `tenantId ?? requireTenantId()`: the value is whatever the left is, but resolved from context when missing.
    const right = classifyValue(e.right, env, depth + 1);
    const left = classifyValue(e.left, env, depth + 1);
    if (right.kind === 'context' && left.kind !== 'untrusted') return { kind: 'context' };
    return left;
  }
  if ((ts.isPropertyAccessExpression(e) || ts.isCallExpression(e) || ts.isElementAccessExpression(e)) && readsRequestInput(e, env)) {
    // Name the read (`c.req.param('id')`) when it is short enough to quote in a message.
    const text = e.getText(sourceFileOf(e, env)).replace(/\s+/g, ' ');
    return { kind: 'untrusted', path: text.length <= 60 ? text : 'the request URL / headers' };
  }
  const path = ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e) ? accessPath(ts, e) : undefined;
  if (path) {
    if (path.some((p) => p.endsWith('()') && env.config.contextGetters.includes(p.slice(0, -2)))) return { kind: 'context' };
    const untrusted = matchesPrefix(path, env.config.untrustedSources);
    if (untrusted && !untrusted.includes('.')) {
      // A bare `params` / `input` / `body` that is a helper's own plain parameter
      // (`getInboxAccount(db, params: GetParams)`) holds whatever its callers pass: follow them instead
      // of calling it request input. Handlers destructure (`({ params })`, `({ input, ctx })`) or read
      // it off the request (`req.params`), and those stay request input.
      const root = unwrapRoot(ts, e);
      const decl = root && ts.isIdentifier(root) ? findLocalDeclaration(ts, root) : undefined;
      if (decl && ts.isParameter(decl) && ts.isIdentifier(decl.name) && isFunctionLike(ts, decl.parent) && isNamedHelper(ts, decl.parent)) {
        return { kind: 'parameter', fn: decl.parent, index: decl.parent.parameters.indexOf(decl), name: decl.name.text, property: path.slice(1).join('.') };
      }
      // `const { tx, input } = params` or `const input = Schema.parse(args.input)` inside a helper, or
      // `function helper({ input })`: `input` is still what the helper's callers passed.
      if (decl && (ts.isBindingElement(decl) || ts.isVariableDeclaration(decl)) && root && ts.isIdentifier(root)) {
        let top: TS.Node = decl;
        while (ts.isBindingElement(top) || ts.isObjectBindingPattern(top) || ts.isArrayBindingPattern(top)) top = top.parent;
        // `async function getAllGenerations({ input })`: a named helper's destructured parameter, followed like a plain one.
        if (ts.isVariableDeclaration(top) || (ts.isParameter(top) && isFunctionLike(ts, top.parent) && isNamedHelper(ts, top.parent))) {
          const rootOrigin = classifyIdentifier(root, env, depth);
          if (rootOrigin.kind === 'parameter' && isNamedHelper(ts, rootOrigin.fn)) {
            return { ...rootOrigin, property: [...(rootOrigin.property ? [rootOrigin.property] : []), ...path.slice(1)].join('.') };
          }
        }
      }
    }
    if (untrusted) return { kind: 'untrusted', path: path.join('.') };
    const verified = matchesPrefix(path, env.config.verifiedSources);
    if (verified) return { kind: 'verified', path: path.join('.') };
    // `tenant.id` where `tenant` came from somewhere classifiable.
    const root = unwrapRoot(ts, e);
    if (root && ts.isIdentifier(root)) {
      const rootOrigin = classifyIdentifier(root, env, depth);
      // `const { ctx } = args; ctx.workspace.id` is `args.ctx.workspace.id`: keep the root's own property.
      // `const result = schema.safeParse(context); result.data.program.id` is `context.program.id`.
      const rest = path[1] === 'data' && isSafeParseResult(ts, root) ? path.slice(2) : path.slice(1);
      if (rootOrigin.kind === 'parameter') return { ...rootOrigin, property: [...(rootOrigin.property ? [rootOrigin.property] : []), ...rest].join('.') || undefined };
      return rootOrigin;
    }
    return { kind: 'unknown' };
  }
  if (ts.isIdentifier(e)) return handlerInputIdentifier(e, env) ?? classifyIdentifier(e, env, depth);
  return { kind: 'unknown' };
}

/**
 * A bare `params` / `parsedInput` / `body` that a handler destructured from its arguments
 * (`async ({ params, workspace }) => { const { folderId } = params; … }`) is request input, as
 * `params.folderId` is. A named helper's own parameter of that name is followed to its callers instead.
 */
function handlerInputIdentifier(id: TS.Identifier, env: AnalysisEnv): ValueOrigin | undefined {
  const ts = env.ts;
  if (!env.config.untrustedSources.includes(id.text)) return undefined;
  const decl = findLocalDeclaration(ts, id);
  if (!decl) return undefined;
  let node: TS.Node = decl;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  if (!ts.isParameter(node) || !isFunctionLike(ts, node.parent) || isNamedHelper(ts, node.parent)) return undefined;
  // `(params) => …` as a plain positional parameter of an anonymous callback says nothing about the request.
  if (node === decl) return undefined;
  return { kind: 'untrusted', path: id.text };
}

/** A named function declaration or a const-bound function that is not itself a route handler by name. */
function isNamedHelper(ts: AnalysisEnv['ts'], fn: FunctionLike): boolean {
  // `async #saveAccount(params)`, `private [key](params)`: a method's name may not be an identifier.
  const methodName = (n: TS.PropertyName | undefined): string | undefined => (n && (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) ? n.text : n ? 'method' : undefined);
  const name = ts.isFunctionDeclaration(fn) ? (fn.name && ts.isIdentifier(fn.name) ? fn.name.text : undefined) : ts.isMethodDeclaration(fn) ? methodName(fn.name)
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
  return name !== undefined && !/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|handler|default|loader|action)$/.test(name);
}

/** Request parts read through a chain the dotted paths cannot express: `new URL(req.url).searchParams.get('id')`, `headers().get(…)`. */
const REQUEST_INPUT_SEGMENTS = new Set(['searchParams', 'nextUrl', 'queryStringParameters', 'pathParameters']);

/**
 * The parts of a request object that carry what the client sent, read through a request object that
 * is not the chain's root: Hono's `c.req.param('id')`, `c.req.valid('json')`, `c.req.query()`, Koa's
 * `ctx.request.body`, `context.req.header(…)`.
 */
const REQUEST_PARTS = new Set(['param', 'params', 'query', 'queries', 'body', 'json', 'parseBody', 'formData', 'valid', 'header', 'headers', 'cookies', 'text']);
const REQUEST_OBJECTS = new Set(['req', 'request']);

function readsRequestPart(ts: AnalysisEnv['ts'], access: TS.PropertyAccessExpression): boolean {
  if (!REQUEST_PARTS.has(access.name.text)) return false;
  const holder = unwrap(ts, access.expression);
  return ts.isPropertyAccessExpression(holder) && REQUEST_OBJECTS.has(holder.name.text);
}

function readsRequestInput(expr: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let current: TS.Expression = expr;
  for (let i = 0; i < 32; i++) {
    const x = unwrap(ts, current);
    if (ts.isPropertyAccessExpression(x)) {
      if (REQUEST_INPUT_SEGMENTS.has(x.name.text) || readsRequestPart(ts, x)) return true;
      current = x.expression;
    } else if (ts.isElementAccessExpression(x) || ts.isCallExpression(x)) {
      if (ts.isCallExpression(x) && ts.isIdentifier(unwrap(ts, x.expression)) && /^(headers|cookies)$/.test((unwrap(ts, x.expression) as TS.Identifier).text)) return true;
      current = x.expression;
    } else if (ts.isNewExpression(x)) {
      // new URL(req.url): the URL is request input.
      return calleeName(ts, x) === 'URL' && (x.arguments ?? []).some((a) => /\b(req|request)\b/.test(a.getText(sourceFileOf(a, env))));
    } else {
      return false;
    }
  }
  return false;
}

/** `const result = schema.safeParse(x)`: its `data` is `x`, validated. */
function isSafeParseResult(ts: AnalysisEnv['ts'], root: TS.Identifier): boolean {
  const decl = findLocalDeclaration(ts, root);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return false;
  const init = unwrap(ts, decl.initializer);
  return ts.isCallExpression(init) && /^safeParse(Async)?$/.test(calleeName(ts, init) ?? '');
}

function unwrapRoot(ts: AnalysisEnv['ts'], e: TS.Expression): TS.Expression | undefined {
  let current = e;
  for (let i = 0; i < 64; i++) {
    const inner = unwrap(ts, current);
    if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) current = inner.expression;
    else if (ts.isCallExpression(inner)) return undefined;
    else return inner;
  }
  return undefined;
}

function classifyIdentifier(id: TS.Identifier, env: AnalysisEnv, depth: number): ValueOrigin {
  const ts = env.ts;
  const decl = findLocalDeclaration(ts, id);
  if (!decl) return { kind: 'unknown' };
  // Parameter, possibly destructured: `({ tenantId })` or `(tenantId)`.
  let node: TS.Node = decl;
  let property: string | undefined;
  if (ts.isBindingElement(node)) {
    // `({ ctx: { workspace } })`: the property path runs through every enclosing object pattern.
    const names: string[] = [];
    while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) {
      if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const key = node.propertyName && ts.isIdentifier(node.propertyName) ? node.propertyName.text : ts.isIdentifier(node.name) ? node.name.text : undefined;
        if (key) names.unshift(key);
      }
      node = node.parent;
    }
    property = names.length > 0 ? names.join('.') : id.text;
  }
  if (ts.isParameter(node) && isFunctionLike(ts, node.parent)) {
    // A read-through cache's loader is handed the key: `swr(input.externalId, async (externalId) => …)`.
    const key = node === decl ? keyOfLoaderParameter(node, env) : undefined;
    if (key) return classifyValue(key, env, depth + 1);
    const fn = node.parent;
    return { kind: 'parameter', fn, index: fn.parameters.indexOf(node), name: id.text, property };
  }
  if (ts.isVariableDeclaration(node) && node.initializer) {
    const origin = classifyValue(node.initializer, env, depth + 1);
    // `const { orgId } = req.body` keeps the source's trust; `const { tenantId } = getCurrentTenant()` too.
    if (property && (origin.kind === 'verified' || origin.kind === 'untrusted')) return { ...origin, path: `${origin.path}.${property}` };
    if (property && origin.kind === 'parameter') return { ...origin, property: origin.property ? `${origin.property}.${property}` : property };
    return origin;
  }
  return { kind: 'unknown' };
}

/** Parameter roots that hold the verified caller by convention (`ctx`, `session`, `auth`). */
const PRINCIPAL_ROOT = /^(ctx|context|session|auth|user|currentUser|identity|principal|claims|viewer|actor|me)$/;

/**
 * A value that identifies the verified caller: from the verified sources or context getters, or read
 * off a `ctx` / `session` parameter (`ctx.partner.id`, `session.user.id`), not off request input.
 * A filter pinned to it returns the caller's own rows, however the rows relate to tenants.
 */
export function isVerifiedPrincipalValue(expr: TS.Expression, env: AnalysisEnv): boolean {
  const origin = classifyValue(expr, env);
  if (origin.kind === 'verified' || origin.kind === 'context') return true;
  if (origin.kind !== 'parameter') return false;
  const segments = origin.property ? origin.property.split('.') : [];
  // `({ ctx }) => ctx.partner.id` keeps the destructured key first; `(ctx) => ctx.user.id` is rooted at the parameter.
  const param = origin.fn.parameters[origin.index];
  const destructured = param !== undefined && !env.ts.isIdentifier(param.name);
  const root = destructured && segments.length > 0 ? segments[0] as string : origin.name;
  if (segments.some((s) => env.config.untrustedSources.includes(s))) return false;
  if (PRINCIPAL_ROOT.test(root)) return true;
  // `withPartnerProfile(async ({ partner, params }) => …)`: what a wrapper hands its handler, other than
  // request parts, is what it verified.
  return destructured && segments.length > 0 && !env.config.untrustedSources.includes(root) && isWrappedHandler(origin.fn, env);
}

const WRAPPER_CALL = /^(with[A-Z]\w*|action|handler)$/;

function isWrappedHandler(fn: FunctionLike, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const call = fn.parent;
  return !!call && ts.isCallExpression(call) && call.arguments.includes(fn as TS.Expression) && WRAPPER_CALL.test(calleeName(ts, call) ?? '');
}
