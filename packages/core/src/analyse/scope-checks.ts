import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { calleeName, calleeReceiver, contains, enclosingFunction, enclosingFunctions, endsInExit, localInitializer, mentionsIdentifier, nameOf, readsPropertyOf, textOf, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { valueCheckedAgainstCaller } from './data-access.js';
import { gatesExit } from './check-gates.js';
import { hasFailOpenComparison } from './fail-open.js';
import { matchesName } from '../names/catalogue.js';
import { classifyValue, isAuthorizerCall, isOwnerKey, isTenantKey, isVerifiedPrincipalValue, mentionsTenant, type ValueOrigin } from '../recognise/tenant.js';

/** Whether `node` runs inside a callback handed to a tenant-scoped runner. */
export function insideScopedRunner(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  for (const fn of enclosingFunctions(ts, node)) {
    const parent = fn.parent;
    if (parent && ts.isCallExpression(parent) && parent.arguments.includes(fn as TS.Expression)) {
      const name = calleeName(ts, parent);
      if (name && matchesName('scopedRunners', name, env.config)) return true;
    }
  }
  return false;
}

/** A function that sets the RLS tenant setting itself (`set_config('app.tenant_id', …)` / `SET LOCAL`). */
export function setsRlsTenant(fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn) return false;
  // Asked once per sink: a function with many sinks would be walked once for each.
  const known = RLS_SETTERS.get(fn);
  if (known !== undefined) return known;
  const ts = env.ts;
  let found = false;
  walk(ts, fn, (n) => {
    if (found) return false;
    if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      if (/set_config\(\s*'[\w.]*tenant|set\s+(local\s+)?[\w.]*tenant[\w.]*\s*(=|to)/i.test(n.text)) found = true;
    }
    return undefined;
  });
  RLS_SETTERS.set(fn, found);
  return found;
}

const RLS_SETTERS = new WeakMap<FunctionLike, boolean>();

/**
 * The variables a sink's result is stored in: `const doc = await sink`, `doc = await sink`, the names
 * of `const { program, ...submission } = await sink`, or the matching element of
 * `const [a, b] = await Promise.all([sinkA, sinkB])`.
 */
export function resultVariables(node: TS.Node, env: AnalysisEnv): string[] {
  const ts = env.ts;
  // `await find(…).catch((e) => { throw … })`: `.catch` / `.finally` hand the same rows on.
  const handsOn = (p: TS.Node): boolean => ts.isPropertyAccessExpression(p) && /^(catch|finally)$/.test(p.name.text) &&
    !!p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p;
  const climb = (n: TS.Node): TS.Node => {
    let p = n;
    for (;;) {
      if (p.parent && (ts.isAwaitExpression(p.parent) || ts.isParenthesizedExpression(p.parent) || ts.isNonNullExpression(p.parent) || ts.isAsExpression(p.parent))) p = p.parent;
      else if (p.parent && handsOn(p.parent)) p = p.parent.parent as TS.Node;
      else return p;
    }
  };
  let p = climb(node);
  let element: number | undefined;
  // `Promise.all([sinkA, sinkB])`: follow the array out to its destructuring.
  if (p.parent && ts.isArrayLiteralExpression(p.parent) && p.parent.parent && ts.isCallExpression(p.parent.parent) && calleeName(ts, p.parent.parent) === 'all') {
    element = p.parent.elements.indexOf(p as TS.Expression);
    p = climb(p.parent.parent);
  }
  const parent = p.parent;
  if (parent && ts.isVariableDeclaration(parent)) {
    if (element !== undefined) {
      if (!ts.isArrayBindingPattern(parent.name)) return [];
      const el = parent.name.elements[element];
      return el && ts.isBindingElement(el) ? bindingNames(el.name, env) : [];
    }
    return bindingNames(parent.name, env);
  }
  if (element === undefined && parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(parent.left)) return [parent.left.text];
  return [];
}

function bindingNames(name: TS.BindingName, env: AnalysisEnv): string[] {
  const ts = env.ts;
  if (ts.isIdentifier(name)) return [name.text];
  if (ts.isObjectBindingPattern(name)) return name.elements.flatMap((el) => bindingNames(el.name, env));
  // `const [membership] = await db.select()…limit(1)`: the rows a builder returns, taken from its array.
  if (ts.isArrayBindingPattern(name)) return name.elements.flatMap((el) => (ts.isBindingElement(el) ? bindingNames(el.name, env) : []));
  return [];
}

function readsVariable(expr: TS.Node, name: string, env: AnalysisEnv): boolean {
  return mentionsIdentifier(env.ts, expr, (n) => n === name);
}

/**
 * A condition that relates the loaded record's tenant to something (`doc.teamId !== teamId`,
 * `!teamIds.includes(doc.teamId)`, `authorize(user, doc.team)`): a truthiness or flag test under the
 * tenant relation (`!doc.team.agentsEnabled`, `doc.team.plan === 'free'`) relates it to nothing.
 */
function comparesTenantOf(cond: TS.Node, name: string, env: AnalysisEnv, pending?: (origin: ValueOrigin) => void): boolean {
  const ts = env.ts;
  const inert = (e: TS.Expression): boolean => {
    const x = unwrap(ts, e);
    return ts.isStringLiteralLike(x) || ts.isNumericLiteral(x) || x.kind === ts.SyntaxKind.NullKeyword || x.kind === ts.SyntaxKind.TrueKeyword ||
      x.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || ts.isTypeOfExpression(x);
  };
  let found = false;
  walk(ts, cond, (n) => {
    if (found) return false;
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(n.operatorToken.kind)) {
      const [l, r] = [n.left, n.right];
      const other = readsTenantOf(l, name, env) && !inert(r) ? r : readsTenantOf(r, name, env) && !inert(l) ? l : undefined;
      // What the record's tenant is compared with decides what the comparison proves: the request's own
      // value proves nothing; a parameter of the function leaves it to the callers (`pending`).
      const origin = other && classifyValue(other, env);
      if (!origin) return undefined;
      // …unless that value was itself checked first (`throwIfNoOrganizationAccess({ organizationId: input.orgId })`,
      // a tenant procedure's input): then the record is compared with a tenant the caller holds.
      if (origin.kind === 'untrusted') {
        if (valueCheckedAgainstCaller(other as TS.Expression, enclosingFunction(ts, n), env)) found = true;
        return undefined;
      }
      if (origin.kind === 'parameter' && pending && !isVerifiedPrincipalValue(other as TS.Expression, env)) pending(origin);
      else found = true;
    } else if (ts.isCallExpression(n) && (/^(includes|has|some|every|find|findIndex|indexOf)$/.test(calleeName(ts, n) ?? '') || isAuthorizerCall(n, env)) &&
               (n.arguments.some((a) => readsTenantOf(a, name, env)) || (ts.isPropertyAccessExpression(n.expression) && readsTenantOf(n.expression.expression, name, env) && n.arguments.length > 0))) {
      found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * `v.tenantId`, `v?.orgId`, `v.project.organizationId`: a tenant field read off the variable. A variable
 * that is itself named for the tenant (`const { workspaceId } = lookup.data`, `const orgId = await
 * getOrgIdOf(id)`) holds the loaded record's tenant: reading it reads the tenant.
 */
function readsTenantOf(expr: TS.Node, name: string, env: AnalysisEnv): boolean {
  if (isTenantKey(name, env) && mentionsIdentifier(env.ts, expr, (n) => n === name)) return true;
  return readsTenantField(expr, name, env);
}

/** Only `v.tenantId`: where the variable itself appearing says nothing (inside a `filter` over other rows). */
function readsTenantField(expr: TS.Node, name: string, env: AnalysisEnv): boolean {
  return readsPropertyOf(env.ts, expr, name, (p) => isTenantKey(p, env));
}

/**
 * The names a loaded result is taken apart into after the load: `const { workspaceId } = result.data`,
 * `const owner = row.project` (property reads only, no calls): each still holds what was loaded.
 */
function derivedNames(names: readonly string[], after: TS.Node, fn: FunctionLike, env: AnalysisEnv): string[] {
  const ts = env.ts;
  const out = new Set(names);
  for (const n of initialisedDeclarations(fn, env)) {
    if (n.pos < after.end) continue;
    let root: TS.Expression = unwrap(ts, n.initializer);
    if (!ts.isPropertyAccessExpression(root) && !ts.isIdentifier(root)) continue;
    while (ts.isPropertyAccessExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
    // `const x = result` re-binds; `const { a } = result.data` takes it apart. Either way the binding holds the load.
    if (ts.isIdentifier(root) && out.has(root.text)) for (const b of bindingNames(n.name, env)) out.add(b);
  }
  return [...out];
}

/** A function's variable declarations with an initializer, in source order; collected once per function. */
function initialisedDeclarations(fn: FunctionLike, env: AnalysisEnv): readonly (TS.VariableDeclaration & { initializer: TS.Expression })[] {
  const known = DECLARATIONS.get(fn);
  if (known) return known;
  const ts = env.ts;
  const found: (TS.VariableDeclaration & { initializer: TS.Expression })[] = [];
  walk(ts, fn, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer) found.push(n as TS.VariableDeclaration & { initializer: TS.Expression });
  });
  DECLARATIONS.set(fn, found);
  return found;
}

const DECLARATIONS = new WeakMap<FunctionLike, readonly (TS.VariableDeclaration & { initializer: TS.Expression })[]>();

/**
 * The loaded record is checked against the caller after loading: passed to an authorizer, or its
 * tenant field compared in a condition, or filtered by tenant. The sink call itself may also sit
 * directly inside an authorizer call.
 */
export function checkedAfterLoad(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  return checkAfterLoad(node, fn, env).checked;
}

/**
 * As checkedAfterLoad, and when the record's tenant is only compared with a parameter of the function
 * (`if (!workspaceId || creds.workspaceId !== workspaceId) return null`), that parameter: whether the
 * comparison checks anything is for the callers to say (what they pass as `workspaceId`).
 */
export function checkAfterLoad(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): { checked: boolean; comparedParameter?: ValueOrigin } {
  const ts = env.ts;
  for (let p = node.parent; p && p !== fn; p = p.parent) {
    if (ts.isCallExpression(p) && isAuthorizerCall(p, env)) return { checked: true };
  }
  const loaded = resultVariables(node, env);
  if (loaded.length === 0 || !fn) return { checked: false };
  const names = derivedNames(loaded, node, fn, env);
  let comparedParameter: ValueOrigin | undefined;
  const checked = names.some((name) => checkedByName(node, name, fn, env, (o) => { comparedParameter ??= o; }));
  return checked || !comparedParameter ? { checked } : { checked, comparedParameter };
}

/** `{ id: row.flowId, projectId }`: a tenant key whose value is not the client's, nor read off the record itself. */
function namesTrustedTenant(arg: TS.Node, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, arg, (n) => {
    if (found) return false;
    let key: string | undefined;
    let value: TS.Expression | undefined;
    if (ts.isPropertyAssignment(n)) [key, value] = [nameOf(ts, n.name), n.initializer];
    else if (ts.isShorthandPropertyAssignment(n)) [key, value] = [n.name.text, n.name];
    if (!key || !value || !isTenantKey(key, env)) return undefined;
    if (readsVariable(value, name, env)) return undefined;
    const kind = classifyValue(value, env).kind;
    if (kind !== 'untrusted' && kind !== 'undefined') found = true;
    return undefined;
  });
  return found;
}

/** A call that loads rows: `getSurvey(response.surveyId)`, `db.project.findUnique({ where: { id } })`. */
export const LOAD_CALL = /^(find\w*|get\w*|load\w*|fetch\w*)$/;

function checkedByName(node: TS.Node, name: string, fn: FunctionLike, env: AnalysisEnv, pending?: (origin: ValueOrigin) => void, depth = 0): boolean {
  const ts = env.ts;
  let checked = false;
  walk(ts, fn, (n) => {
    if (checked) return false;
    // Only what runs after the load checks it: whole subtrees that end before it are skipped.
    if (n.end <= node.end) return false;
    if (n.pos < node.end) return undefined;
    // `const survey = await getSurvey(response.surveyId); if (!hasPermission(auth.perms, survey.workspaceId)) return`:
    // the record's parent, loaded through the record's own key and checked, checks the record.
    if (depth < 2 && ts.isCallExpression(n) && LOAD_CALL.test(calleeName(ts, n) ?? '') &&
        n.arguments.some((a) => readsPropertyOf(ts, a, name, () => true)) &&
        (resultVariables(n, env).some((parent) => parent !== name && checkedByName(n, parent, fn, env, undefined, depth + 1)) ||
         // `await flowService.getOneOrThrow({ id: flowVersion.flowId, projectId })`: the parent looked up in the
         // caller's tenant, failing when it is not there.
         (n.arguments.some((a) => namesTrustedTenant(a, name, env)) && gatesExit(n, env)))) {
      checked = true;
      return false;
    }
    if (ts.isCallExpression(n) && isAuthorizerCall(n, env) && n.arguments.some((a) => readsVariable(a, name, env))) checked = true;
    // `const ability = await abilities.forUser(user, page.spaceId); if (ability.cannot(Action.Edit, 'Page')) throw`.
    else if (ts.isCallExpression(n) && isAuthorizerCall(n, env) && abilityBuiltFrom(n, name, env)) checked = true;
    else if ((ts.isIfStatement(n) || ts.isConditionalExpression(n)) && comparesTenantOf(ts.isIfStatement(n) ? n.expression : n.condition, name, env, pending) &&
             !hasFailOpenComparison(ts.isIfStatement(n) ? n.expression : n.condition, env)) checked = true;
    // A filter whose comparison lets unmarked rows through (`(h.tenantId ?? tenantId) === tenantId`) checks nothing for them.
    else if (ts.isCallExpression(n) && calleeName(ts, n) === 'filter' && readsTenantField(n, name, env) && !hasFailOpenComparison(n, env)) checked = true;
    // `groups.filter((g) => g.programId !== programId)` / `.some(…)` / `.every(…)` over the loaded rows.
    else if (ts.isCallExpression(n) && /^(filter|some|every|find|findIndex)$/.test(calleeName(ts, n) ?? '') && ts.isPropertyAccessExpression(n.expression) &&
             readsVariable(n.expression.expression, name, env) && callbackReadsTenant(n, env) && !hasFailOpenComparison(n, env)) checked = true;
    else if (ts.isBinaryExpression(n) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken].includes(n.operatorToken.kind) &&
             readsTenantOf(n, name, env) && isGuardPosition(n, env)) checked = true;
    // `projectUsers.findUnique({ where: { userId_projectId: { userId: session.user.id, projectId: invoice.workspaceId } } })`:
    // the caller's membership in the loaded record's tenant is looked up.
    else if (ts.isCallExpression(n) && /^(find\w*|get\w*|count|exists|has\w*|is[A-Z]\w*|check\w*|verify\w*|can[A-Z]\w*|assert\w*|ensure\w*|authori[sz]e\w*)$/.test(calleeName(ts, n) ?? '') &&
             n.arguments.some((a) => readsTenantOf(a, name, env)) && n.arguments.some((a) => mentionsOwner(a, env))) checked = true;
    // `if (invite.email !== session.user.email) throw`: the record is bound to the verified caller.
    else if (ts.isIfStatement(n) && comparesWithCaller(n.expression, name, env)) checked = true;
    return undefined;
  });
  return checked;
}

/**
 * An ability object asked for a permission (`ability.cannot(…)`, `perms.can(…)`) that was built from the
 * loaded record and the verified caller (`createForUser(user, page.spaceId)`): the record's scope is checked.
 */
function abilityBuiltFrom(call: TS.CallExpression, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const receiver = calleeReceiver(ts, call);
  const holder = receiver ? unwrap(ts, receiver) : undefined;
  if (!holder || !ts.isIdentifier(holder)) return false;
  const init = localInitializer(ts, holder);
  const built = init ? unwrap(ts, init) : undefined;
  if (!built || !ts.isCallExpression(built)) return false;
  return built.arguments.some((a) => readsVariable(a, name, env)) && built.arguments.some((a) => isVerifiedPrincipalValue(a, env) || mentionsOwner(a, env));
}

function mentionsOwner(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && isOwnerKey(n.name.text) && isVerifiedPrincipalValue(n.initializer, env)) found = true;
    // `{ userId, teamId: envelope.teamId }` with `const userId = session.user.id`, or the user the
    // function receives (`deleteField({ userId, teamId, fieldId })`, whose callers pass the session's).
    else if (ts.isShorthandPropertyAssignment(n) && isOwnerKey(n.name.text) && (isVerifiedPrincipalValue(n.name, env) || classifyValue(n.name, env).kind === 'parameter')) found = true;
    return undefined;
  });
  return found;
}

function callbackReadsTenant(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const cb = call.arguments[0] ? unwrap(ts, call.arguments[0]) : undefined;
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return false;
  const param = cb.parameters[0];
  return !!param && ts.isIdentifier(param.name) && readsTenantField(cb.body, param.name.text, env);
}

function comparesWithCaller(expr: TS.Expression, name: string, env: AnalysisEnv): boolean {
  return comparedSides(expr, name, env).some((other) => isVerifiedPrincipalValue(other, env));
}

/** Case and whitespace folding: `x.trim().toLowerCase()` compares `x`. */
const FOLDING = /^(trim|trimStart|trimEnd|toLowerCase|toUpperCase|toLocaleLowerCase|toLocaleUpperCase|normalize|toString)$/;

/** `inviteEmail` (`const inviteEmail = invite.email?.trim().toLowerCase()`) → `invite.email`: what a compared side stands for. */
function comparedValue(e: TS.Expression, env: AnalysisEnv, depth = 0): TS.Expression {
  const ts = env.ts;
  let x = unwrap(ts, e);
  for (let i = 0; i < 8; i++) {
    if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && FOLDING.test(x.expression.name.text)) x = unwrap(ts, x.expression.expression);
    else break;
  }
  if (ts.isIdentifier(x) && depth < 2) {
    const init = localInitializer(ts, x);
    if (init) return comparedValue(init, env, depth + 1);
  }
  return x;
}

/**
 * The values the loaded record `name` is compared with in `expr` (`if (invite.email !== session.user.email)`,
 * also through locals and case folding): each is what the record was checked against.
 */
function comparedSides(expr: TS.Expression, name: string, env: AnalysisEnv): TS.Expression[] {
  const ts = env.ts;
  const out: TS.Expression[] = [];
  walk(ts, expr, (n) => {
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(n.operatorToken.kind)) {
      const sides = [comparedValue(n.left, env), comparedValue(n.right, env)];
      const ofRecord = sides.findIndex((side) => ts.isPropertyAccessExpression(side) && readsVariable(side, name, env));
      const other = ofRecord >= 0 ? sides[1 - ofRecord] : undefined;
      if (other && !readsVariable(other, name, env)) out.push(other);
    }
    return undefined;
  });
  return out;
}

/**
 * What a record loaded at `node` is compared with in a later `if` of the function (`if (inviteEmail !==
 * userEmail) throw`). A caller-supplied side (`params.userEmail`) is checked where the callers are
 * known: the scanner follows it up and accepts the record when a caller passes the verified caller.
 */
export function loadedRecordComparedWith(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): TS.Expression[] {
  if (!fn) return [];
  const ts = env.ts;
  const out: TS.Expression[] = [];
  for (const name of resultVariables(node, env)) {
    walk(ts, fn, (n) => {
      if (n.pos < node.end) return undefined;
      if (ts.isIfStatement(n) && endsInExit(ts, n.thenStatement)) out.push(...comparedSides(n.expression, name, env));
      return undefined;
    });
  }
  return out;
}

/** A comparison used to reject (`assert(x.tenantId === t)`, `invariant(…)`, `if (…) throw`). */
function isGuardPosition(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const parent = node.parent;
  return !!parent && ts.isCallExpression(parent) && /^(assert\w*|invariant|ok|expect\w*)$/.test(calleeName(ts, parent) ?? '');
}

/**
 * The ids a by-id write uses were proven to belong to the tenant earlier in the same function: an
 * authorizer got the same expression, or a tenant-filtered query used it.
 */
export function idsPreChecked(idValues: readonly TS.Expression[], node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn || idValues.length === 0) return false;
  const ts = env.ts;
  const sf = sourceFileOf(node, env);
  const wanted = new Set(idValues.map((v) => textOf(unwrap(ts, v), sf)));
  let proven = false;
  walk(ts, fn, (n) => {
    if (proven) return false;
    if (n.pos >= node.pos) return false;
    if (ts.isCallExpression(n) && !contains(n, node)) {
      const authorizer = isAuthorizerCall(n, env);
      const tenantScoped = !authorizer && mentionsTenant(n, env) && /find|get|load|fetch|select|where|exists|count|verify|check|assert|ensure|require|validate/i.test(calleeName(ts, n) ?? '');
      if (authorizer || tenantScoped) {
        walk(ts, n, (inner) => {
          if (proven) return false;
          if (ts.isExpression(inner) && wanted.has(textOf(inner, sf))) proven = true;
          return undefined;
        });
      }
    }
    return undefined;
  });
  return proven;
}

/** The function is, or sits inside, a backup / export / dump routine. */
export function inBackupRoutine(fn: FunctionLike | undefined, env: AnalysisEnv, name: (f: FunctionLike) => string | undefined): boolean {
  const ts = env.ts;
  let current: TS.Node | undefined = fn;
  while (current) {
    if (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current) || ts.isArrowFunction(current) || ts.isFunctionExpression(current)) {
      const n = name(current as FunctionLike);
      if (n && /backup|snapshot|dump|(^|[a-z])export(All|Tenant|Data|Everything|Archive)?\b|archive/i.test(n) && !/^(import|restore)/i.test(n)) return true;
    }
    current = current.parent;
  }
  return false;
}

/**
 * The loaded result is only tested (`if (existing) throw new Error('slug taken')`, `if (!row)`,
 * `count > 0 ? …`), never returned or passed on: the read answers "does it exist", it does not hand
 * another tenant's data to anyone. Whether existence itself is sensitive is a question for a person.
 */
export function resultOnlyTested(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let p: TS.Node = node;
  // `(await db.select({ count }).from(t).where(…))[0].count`: the row's count, read off the result.
  while (p.parent && (ts.isAwaitExpression(p.parent) || ts.isParenthesizedExpression(p.parent) ||
    (ts.isElementAccessExpression(p.parent) && p.parent.expression === p) || (ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p && /^(count|length|_count|exists)$/.test(p.parent.name.text)))) p = p.parent;
  if (inTestPosition(p, env)) return true;
  const names = resultVariables(p, env);
  if (names.length !== 1 || !fn) return false;
  return usesOnlyTested(names[0] as string, fn, node.end, filterKeys(node, env), env, 0);
}

/** The keys of a Prisma-style `where` (`{ where: { slug, verified: true } }`): reading them back echoes the caller's own input. */
function filterKeys(node: TS.Node, env: AnalysisEnv): Set<string> {
  const ts = env.ts;
  const keys = new Set<string>();
  const arg = ts.isCallExpression(node) ? node.arguments[0] : undefined;
  const obj = arg && unwrap(ts, arg);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return keys;
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || p.name.text !== 'where') continue;
    const where = unwrap(ts, p.initializer);
    if (!ts.isObjectLiteralExpression(where)) continue;
    // Scalar keys only: `where: { project: { slug } }` picks a project whose other fields are not the caller's input.
    for (const w of where.properties) {
      const scalar = ts.isShorthandPropertyAssignment(w) || (ts.isPropertyAssignment(w) && !ts.isObjectLiteralExpression(unwrap(ts, w.initializer)));
      if (scalar && ts.isIdentifier(w.name)) keys.add(w.name.text);
    }
  }
  return keys;
}

const ROW_TESTS = /^(find|findLast|filter|some|every|includes)$/;

/**
 * Every use of `name` after `after` only decides control flow: tested (`if (!row)`, `row.role === 'owner'`,
 * `switch (row.type)`), read back where it echoes a filter key (`row.slug` of `{ where: { slug } }`), or
 * narrowed into a local that is itself only tested (`const me = rows.find(…)`, `const owners = rows.filter(…).length`).
 */
function usesOnlyTested(name: string, fn: FunctionLike, after: number, keys: ReadonlySet<string>, env: AnalysisEnv, depth: number): boolean {
  const ts = env.ts;
  let uses = 0;
  let other = false;
  walk(ts, fn, (n) => {
    if (other) return false;
    if (n.pos < after) return undefined;
    if (!ts.isIdentifier(n) || n.text !== name) return undefined;
    if ((ts.isPropertyAssignment(n.parent) && n.parent.name === n) || (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) return undefined;
    uses++;
    if (inTestPosition(n, env)) return undefined;
    const parent = n.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === n && keys.has(parent.name.text)) return undefined;
    const derived = depth < 3 ? derivedLocal(n, env) : undefined;
    if (derived === 'tested' || (derived && usesOnlyTested(derived.name, fn, derived.end, new Set(), env, depth + 1))) return undefined;
    other = true;
    return undefined;
  });
  return uses > 0 && !other;
}

/** `const me = rows?.find(cb)`, `const n = rows.filter(cb).length`: the local that narrows the rows, or undefined. */
function derivedLocal(use: TS.Identifier, env: AnalysisEnv): { name: string; end: number } | 'tested' | undefined {
  const ts = env.ts;
  let p: TS.Node = use;
  const method = p.parent;
  if (!method || !ts.isPropertyAccessExpression(method) || method.expression !== p || !ROW_TESTS.test(method.name.text)) return undefined;
  const call = method.parent;
  if (!call || !ts.isCallExpression(call) || call.expression !== method) return undefined;
  p = call;
  if (inTestPosition(p, env)) return 'tested';
  while (p.parent && (ts.isParenthesizedExpression(p.parent) || ts.isNonNullExpression(p.parent) ||
    (ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p && p.parent.name.text === 'length'))) p = p.parent;
  const decl = p.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== p || !ts.isIdentifier(decl.name)) return undefined;
  return { name: decl.name.text, end: decl.end };
}

function inTestPosition(expr: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let p: TS.Node = expr;
  let boolean = false;
  for (;;) {
    const parent: TS.Node | undefined = p.parent;
    if (!parent) return false;
    // `return !!row`, `return count > 0`: only a yes/no leaves the function.
    if (boolean && (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === p))) return true;
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) boolean = true;
    // `row.role === 'owner'`, `rows.length`: a field read off the result and then tested is still a test.
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) ||
        (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) ||
        (ts.isPropertyAccessExpression(parent) && parent.expression === p)) {
      p = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      const other = parent.left === p ? parent.right : parent.left;
      const plain = ts.isLiteralExpression(unwrap(ts, other)) || unwrap(ts, other).kind === ts.SyntaxKind.NullKeyword ||
        (ts.isIdentifier(unwrap(ts, other)) && (unwrap(ts, other) as TS.Identifier).text === 'undefined');
      if (![ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(op)) boolean = true;
      if ([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(op) ||
          (plain && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
            ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
            ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken].includes(op))) {
        p = parent;
        continue;
      }
      return false;
    }
    if (ts.isIfStatement(parent) || ts.isSwitchStatement(parent)) return parent.expression === p;
    // ts-pattern's `match(row.type).with(…)`: a switch written as calls.
    if (ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.arguments[0] === p && calleeName(ts, parent) === 'match') return true;
    if (ts.isConditionalExpression(parent)) return parent.condition === p;
    return false;
  }
}
