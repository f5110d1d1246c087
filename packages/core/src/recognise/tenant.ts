import type * as TS from 'typescript';
import { normalizeFieldName } from '../model/names.js';
import { sourceFileOf, type AnalysisEnv } from './env.js';
import { accessPath, calleeName, endsInExit, findLocalDeclaration, isFunctionLike, unwrap, walk, type FunctionLike } from './ast.js';
import { keyOfLoaderParameter } from './read-through.js';
import { matchesName } from '../names/catalogue.js';

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
// `*Uid` spellings (`userUid`, `ownerUid`) are the same keys in code bases whose user ids are auth-provider uids.
const OWNER_FIELDS = new Set(['userid', 'ownerid', 'authorid', 'createdbyid', 'createdby', 'memberid', 'creatorid',
  'useruid', 'owneruid', 'creatoruid', 'authoruid']);

export function isOwnerKey(name: string): boolean {
  return OWNER_FIELDS.has(normalizeFieldName(name));
}

export function isContextGetterCall(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const name = calleeName(env.ts, call);
  return name !== undefined && env.config.contextGetters.includes(name);
}

/** Session getters by name: `requireUserId(request)`, `getServerSession(authOptions)`, `auth()`, `currentUser()`. */
/** What such a getter may take: the request or its parts, framework context, auth options, nothing chosen by the client. */
const REQUEST_HANDLE = /^(req|request|event|ctx|context|c|headers|cookies|res|response|authOptions|options|opts)$/;

/**
 * A call that returns the verified caller from the request's credentials: `await requireUserId(request)`,
 * `getServerSession(req, res, authOptions)`. Not `getUser(body.userId)`: every argument must be the
 * request (or its headers/cookies), framework context or auth options.
 */
export function isSessionGetterCall(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const name = calleeName(ts, call);
  if (!name || !matchesName('sessionGetters', name, env.config)) return false;
  return call.arguments.every((a) => {
    const x = unwrap(ts, a);
    if (ts.isIdentifier(x)) return REQUEST_HANDLE.test(x.text);
    if (ts.isPropertyAccessExpression(x)) return /^(headers|cookies|req|request|raw)$/.test(x.name.text);
    return ts.isCallExpression(x) && /^(headers|cookies)$/.test(calleeName(ts, x) ?? '');
  });
}

/** Verbs of reading: such a permission does not clear a write (`canViewWebsite` before a reset). */
const READ_VERB = /(View|Read|See|Get|List|Preview|Find)/;
const WRITE_VERB = /(Update|Edit|Write|Delete|Remove|Manage|Modify|Change|Create|Admin|Own|Mutate|Reset|Execute|Run|Publish|Access)/;

export function isAuthorizerName(name: string, env: AnalysisEnv): boolean {
  if (!(matchesName('authorizers', name, env.config) || matchesName('namedAuthorizers', name, env.config))) return false;
  // A use that writes is cleared only by a permission that covers writing.
  return !grantsOnlyReading(name, env);
}

/** In a write's env, a check named for reading only (`canViewWebsite`, `canReadReport`): it does not cover the write. */
export function grantsOnlyReading(name: string, env: AnalysisEnv): boolean {
  return !!env.forWrite && READ_VERB.test(name) && !WRITE_VERB.test(name) && !env.config.authorizers.includes(name);
}

/**
 * `checked`: the value being judged, when known; it does not count as the caller or tenant the
 * authorizer is handed (`assertPageInWorkspace({ pageId })` checks the page against nobody).
 */
export function isAuthorizerCall(call: TS.CallExpression, env: AnalysisEnv, checked?: (n: TS.Node) => boolean): boolean {
  const name = calleeName(env.ts, call);
  if (name === undefined || !isAuthorizerName(name, env)) return false;
  if (matchesName('authorizers', name, env.config)) return true;
  // A name that says what is guarded (`canViewWebsite`) checks it against someone only when it is handed
  // the caller or the tenant (`canViewWebsite(req.auth, id)`), not the object alone.
  return call.arguments.some((a) => takesCaller(a, env, checked));
}

function takesCaller(arg: TS.Expression, env: AnalysisEnv, checked?: (n: TS.Node) => boolean): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, arg, (n) => {
    if (found || checked?.(n)) return false;
    if (ts.isPropertyAssignment(n)) {
      // Keys name the slots (`{ pageId: … }`); only the values can be the caller or tenant.
      if (takesCaller(n.initializer, env, checked)) found = true;
      return false;
    }
    if (ts.isIdentifier(n) && (matchesName('principalRoots', n.text, env.config) || isTenantName(n.text, env)) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) found = true;
    else if ((ts.isPropertyAccessExpression(n) || ts.isCallExpression(n)) && isVerifiedPrincipalValue(n, env)) found = true;
    else if (ts.isPropertyAccessExpression(n) && isTenantName(n.name.text, env)) found = true;
    return undefined;
  });
  return found;
}

const writeEnvs = new WeakMap<AnalysisEnv, AnalysisEnv>();

/** The env for judging a use that writes (`forWrite`): read-only permissions no longer clear it. */
export function envForOperation(env: AnalysisEnv, operation: 'read' | 'write'): AnalysisEnv {
  if (operation === 'read' || env.forWrite) return env;
  let w = writeEnvs.get(env);
  if (!w) writeEnvs.set(env, (w = { ...env, forWrite: true }));
  return w;
}

export function isPlatformWrapperName(name: string | undefined, config?: AnalysisEnv['config']): boolean {
  return name !== undefined && matchesName('platformWrappers', name, config);
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
  return name !== undefined && (env.config.platformGuards.includes(name) || matchesName('schedulerGuards', name, env.config) || (matchesName('platformGuards', name, env.config) && !isTenantName(name.replace(/^(handle|require|check|verify|assert|ensure|authenticate|validate|is)/, ''), env)));
}

export function isPlatformName(name: string, env: AnalysisEnv): boolean {
  return matchesName('platformConstants', name, env.config);
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

/**
 * `ids.map((id) => parseInt(id))`, `ids.map(Number)`, `ids.filter(Boolean)`: the same values, each
 * converted or some left out; the list keeps the origin of `ids`. A map that builds something else
 * (`ids.map((id) => lookup[id])`) is not one of these.
 */
function elementwisePassThrough(call: TS.CallExpression, env: AnalysisEnv): TS.Expression | undefined {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  // Not `slice`: on a string it cuts a different value (a key's prefix), not a sub-list of ids.
  if (method === 'filter') return callee.expression;
  if (method !== 'map') return undefined;
  const cb = call.arguments[0] ? unwrap(ts, call.arguments[0]) : undefined;
  if (!cb) return undefined;
  if (ts.isIdentifier(cb) && /^(Number|String|BigInt|parseInt|parseFloat)$/.test(cb.text)) return callee.expression;
  if (!(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return undefined;
  const param = cb.parameters[0];
  if (!param || !ts.isIdentifier(param.name)) return undefined;
  const name = param.name.text;
  let body: TS.Node | undefined = cb.body;
  if (body && ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    body = only && ts.isReturnStatement(only) ? only.expression : undefined;
  }
  if (!body || !ts.isExpression(body)) return undefined;
  let e = unwrap(ts, body);
  // `(id) => parseInt(id)`, `(id) => String(id).trim()`, `(id) => id`.
  for (let i = 0; i < 3 && ts.isCallExpression(e) && isPassThroughCall(e, env); i++) {
    const inner = ts.isPropertyAccessExpression(unwrap(ts, e.expression)) && !e.arguments.length ? (unwrap(ts, e.expression) as TS.PropertyAccessExpression).expression : e.arguments[0];
    if (!inner) return undefined;
    e = unwrap(ts, inner);
  }
  return ts.isIdentifier(e) && e.text === name ? callee.expression : undefined;
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
  if (ts.isCallExpression(e) && isSessionGetterCall(e, env)) return { kind: 'verified', path: `${calleeName(ts, e)}()` };
  // `type === 'live' ? params.resultId : undefined`: as risky as its riskiest branch.
  if (ts.isConditionalExpression(e)) return riskiestBranch([e.whenTrue, e.whenFalse], env, depth);
  if (ts.isCallExpression(e)) {
    const list = elementwisePassThrough(e, env);
    if (list) {
      const origin = classifyValue(list, env, depth + 1);
      if (origin.kind === 'untrusted' || origin.kind === 'parameter') return origin;
    }
  }
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
    // `(await getServerSession(authOptions)).user.id`.
    const rootCall = innermostCall(ts, e);
    if (rootCall && isSessionGetterCall(rootCall, env)) return { kind: 'verified', path: path.join('.') };
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
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text
    // A service object's member written as an arrow (`export const svc = { import: async (params) => … }`);
    // not an options object handed to a call (`createRoute({ fn: async ({ body }) => … })`: the handler).
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyAssignment(fn.parent) && ts.isIdentifier(fn.parent.name) && heldByVariable(ts, fn.parent.parent) ? fn.parent.name.text : undefined;
  return name !== undefined && !/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|handler|default|loader|action)$/.test(name);
}

/** An object literal stored in a variable, directly or as what a factory arrow returns (`const svc = (log) => ({ … })`). */
function heldByVariable(ts: AnalysisEnv['ts'], obj: TS.Node): boolean {
  let holder: TS.Node | undefined = obj.parent;
  while (holder && (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder))) holder = holder.parent;
  if (holder && ts.isArrowFunction(holder)) holder = holder.parent;
  return !!holder && ts.isVariableDeclaration(holder);
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

/** `(await getSession(req)).user.id` → the `getSession(req)` call the property chain starts from. */
function innermostCall(ts: AnalysisEnv['ts'], e: TS.Expression): TS.CallExpression | undefined {
  let current = unwrap(ts, e);
  for (let i = 0; i < 64 && (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)); i++) current = unwrap(ts, current.expression);
  return ts.isCallExpression(current) ? current : undefined;
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

const RISK: Partial<Record<ValueOrigin['kind'], number>> = { untrusted: 3, parameter: 2, unknown: 1 };

/**
 * The origin of a value that is one of several expressions: the riskiest (request input over a
 * parameter over unknown). An `undefined` branch is no choice of rows; when every other branch is
 * safe the value stays unknown, as before.
 */
function riskiestBranch(branches: readonly TS.Expression[], env: AnalysisEnv, depth: number): ValueOrigin {
  let best: ValueOrigin | undefined;
  for (const b of branches) {
    const origin = classifyValue(b, env, depth + 1);
    if (origin.kind === 'undefined') continue;
    if (!best || (RISK[origin.kind] ?? 0) > (RISK[best.kind] ?? 0)) best = origin;
  }
  return best && (RISK[best.kind] ?? 0) > 1 ? best : { kind: 'unknown' };
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
  // `for (const r of input.ratelimits)`: each element comes from where the list came from.
  if (ts.isVariableDeclaration(node) && !node.initializer && ts.isVariableDeclarationList(node.parent) && ts.isForOfStatement(node.parent.parent)) {
    const origin = classifyValue(node.parent.parent.expression, env, depth + 1);
    if (origin.kind === 'untrusted') return { ...origin, path: `${origin.path}[]${property ? `.${property}` : ''}` };
    if (origin.kind === 'parameter') return { ...origin, property: [origin.property, property].filter(Boolean).join('.') || undefined };
    return origin;
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
  if (matchesName('principalRoots', root, env.config)) return true;
  // `withPartnerProfile(async ({ partner, params }) => …)`: what a wrapper hands its handler, other than
  // request parts, is what it verified.
  return destructured && segments.length > 0 && !env.config.untrustedSources.includes(root) && isWrappedHandler(origin.fn, env);
}

const WRAPPER_CALL = /^(with[A-Z]\w*|action|handler)$/;

/** A handler passed to a wrapper that calls it (`withWorkspace(async (…) => …)`, `client.action(…)`). */
export function isWrappedHandler(fn: FunctionLike, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const call = fn.parent;
  return !!call && ts.isCallExpression(call) && call.arguments.includes(fn as TS.Expression) && WRAPPER_CALL.test(calleeName(ts, call) ?? '');
}
