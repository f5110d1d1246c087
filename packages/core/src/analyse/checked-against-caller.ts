// Whether a value or a loaded record is checked against the verified caller. One module because the
// two questions ask each other: a loaded record's tenant compared with a request value counts when that
// value was checked first, and a value counts as checked when the record it loaded was.
import type * as TS from 'typescript';
import { type AnalysisEnv, sourceFileOf } from '../recognise/env.js';
import { calleeName, calleeReceiver, contains, enclosingFunction, type FunctionLike, isFunctionLike, localInitializer, mentionsIdentifier, mentionsText, nameOf, readsPropertyOf, textOf, unwrap, walk } from '../recognise/ast.js';
import { isCapabilityKey } from '../recognise/filter.js';
import { aliasesOf, allowListChecks, comparisonChecks, gatesExit } from './check-gates.js';
import { classifyValue, grantsOnlyReading, isAuthorizerCall, isOwnerKey, isTenantKey, isTenantName, isVerifiedPrincipalValue, type ValueOrigin } from '../recognise/tenant.js';
import { tenantProcedureOf } from '../recognise/procedures.js';
import { matchesName } from '../names/catalogue.js';
import { hasFailOpenComparison } from './fail-open.js';
import { bindingNames, comparedSides, readsVariable, resultVariables } from './loaded-names.js';

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

/** A comparison used to reject (`assert(x.tenantId === t)`, `invariant(…)`, `if (…) throw`). */
function isGuardPosition(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const parent = node.parent;
  return !!parent && ts.isCallExpression(parent) && /^(assert\w*|invariant|ok|expect\w*)$/.test(calleeName(ts, parent) ?? '');
}

/**
 * A value the function checks against the verified caller before handing it on: a lookup with the
 * tenant or the caller, a list the caller holds, an authorizer, or a comparison with the verified
 * principal. Stricter than untrustedValueChecked, where any comparison of a request value counts.
 */
export function valueCheckedAgainstCaller(value: TS.Expression, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  return untrustedValueChecked(value, fn, env, undefined, true);
}

/** An untrusted tenant value that the function checks (authorizer call, or a comparison) is accepted. */
export function untrustedValueChecked(value: TS.Expression, fn: FunctionLike | undefined, env: AnalysisEnv, property?: string, strict = false): boolean {
  if (!fn) return false;
  const ts = env.ts;
  const sf = sourceFileOf(value, env);
  const text = textOf(unwrap(ts, value), sf);
  // `input.projectId` in a handler of `protectedProjectProcedure`: its middleware checked membership.
  // A whole `input` handed to a helper that reads its `projectId` (`property`) is the same value.
  const read = property ? `${text}.${property}` : text;
  const last = read.split('.').pop() ?? read;
  if (isTenantName(last, env) && readsProcedureInput(value, read, env) && tenantProcedureOf(fn, env)) return true;
  let checked = false;
  // The check may sit in an enclosing function before the callback the use runs in
  // (`await authorize(body.projectId); return context.with(ctx, async () => sink(body.projectId))`).
  const scopes: FunctionLike[] = [fn];
  for (let outer = enclosingFunction(ts, fn); outer && scopes.length < 4; outer = enclosingFunction(ts, outer)) scopes.push(outer);
  // `const { monitorIds } = input` then `input.monitorIds`: one value, two spellings, also when the
  // destructuring sits in the function around a transaction callback the use runs in.
  const spellings = [...new Set([text, ...scopes.flatMap((scope) => aliasesOf(value, scope, sf, env))])];
  for (const scope of scopes) {
    for (const spelling of spellings) if (!checked) checked = checkedInScope(scope, value, spelling, sf, env, strict);
  }
  return checked;
}

/** The whole query chain a value sits in (`db.select(…).from(t).where(eq(t.id, value)).limit(1)`): not an earlier check of it. */
function chainOf(value: TS.Node, env: AnalysisEnv): TS.Node {
  const ts = env.ts;
  let top: TS.Node = value;
  for (let p = value.parent; p && !isFunctionLike(ts, p) && !ts.isStatement(p); p = p.parent) {
    if (ts.isCallExpression(p) || ts.isPropertyAccessExpression(p)) top = p;
  }
  return top;
}

function checkedInScope(fn: FunctionLike, value: TS.Expression, text: string, sf: TS.SourceFile, env: AnalysisEnv, strict = false): boolean {
  const ts = env.ts;
  let checked = false;
  const chain = chainOf(value, env);
  walk(ts, fn, (n) => {
    if (checked) return false;
    // Another method of the same service object or class is a definition, not a step before this use.
    if (n !== fn && isMemberDefinition(ts, n) && !contains(n, value)) return false;
    if (n !== chain && ts.isCallExpression(n) && contains(chain, n)) return undefined;
    // `if (!auth.workspaceIds.includes(workspaceId)) throw`: the value is one the verified caller holds.
    if (ts.isCallExpression(n) && n.end <= value.pos && inVerifiedList(n, text, sf, env)) {
      checked = true;
      return false;
    }
    if (ts.isCallExpression(n) && n.end <= value.pos && verifiedByEarlierCall(n, text, sf, env)) {
      checked = true;
      return false;
    }
    // `const project = await db.project.findUnique({ where: { id: body.projectId } }); if (project.orgId !== scope.orgId) throw`:
    // the value picked a record that was then checked against the caller's tenant.
    if (ts.isCallExpression(n) && n.end <= value.pos && LOAD_CALL.test(calleeName(ts, n) ?? '') && n.arguments.some((a) => mentionsText(ts, a, text, sf)) && checkedAfterLoad(n, fn, env)) {
      checked = true;
      return false;
    }
    const mentionsValue = (x: TS.Node): boolean => mentionsText(ts, x, text, sf);
    // `input.ids.filter((id) => !owned.has(id))` with `owned` built from rows loaded under the tenant.
    if (ts.isCallExpression(n) && allowListChecks(n, mentionsValue, env)) {
      checked = true;
      return false;
    }
    const compares = ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(n.operatorToken.kind);
    // A comparison checks the value only against tenant evidence: not `typeof x !== 'string'`, `x !== undefined`
    // or another request value (`newSlug !== slug`). Strict: only with the verified principal on the other side.
    const comparesWithCaller = compares && comparisonChecks(n as TS.BinaryExpression, mentionsValue, env) &&
      (!strict || [(n as TS.BinaryExpression).left, (n as TS.BinaryExpression).right].some((side) => isVerifiedPrincipalValue(side, env)));
    const isValue = (x: TS.Node): boolean => textOf(x, sf) === text;
    if (((ts.isCallExpression(n) && isAuthorizerCall(n, env, isValue)) || comparesWithCaller) && mentionsValue(n)) checked = true;
    return undefined;
  });
  return checked;
}


/** A method of an object literal or class (`async update() {…}`, `update: async () => …`). */
function isMemberDefinition(ts: AnalysisEnv['ts'], n: TS.Node): boolean {
  if (ts.isMethodDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n) || ts.isConstructorDeclaration(n)) return true;
  return (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && !!n.parent && (ts.isPropertyAssignment(n.parent) || ts.isPropertyDeclaration(n.parent));
}

/** `session.user.orgIds.includes(orgId)`, `ctx.memberships.some((m) => m.teamId === teamId)`, `auth.teams.has(teamId)`. */
function inVerifiedList(call: TS.CallExpression, text: string, sf: TS.SourceFile, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const name = calleeName(ts, call);
  if (!name || !/^(includes|has|some|find|findIndex|indexOf)$/.test(name)) return false;
  const list = calleeReceiver(ts, call);
  if (!list || !isVerifiedPrincipalValue(list, env)) return false;
  return call.arguments.some((a) => mentionsText(ts, a, text, sf));
}


/** Calls that look a record up or assert on it (not writes): `assertPageInWorkspace(…)`, `getBountyOrThrow(…)`, `….where(…)`. */
/** `input.projectId`, or `projectId` destructured from the handler's input (`({ input: { projectId } })`). */
function readsProcedureInput(value: TS.Expression, text: string, env: AnalysisEnv): boolean {
  if (/^(input|opts\.input|ctx\.input)\./.test(text)) return true;
  const origin = classifyValue(value, env);
  return (origin.kind === 'parameter' && (origin.property ?? '').startsWith('input.')) ||
    (origin.kind === 'untrusted' && /^(input|opts\.input)(\.|$)/.test(origin.path));
}


const LOOKUP_CALL = /^(find\w*|get\w*|select\w*|where|assert\w*|verify\w*|check\w*|ensure\w*|require\w*|fetch\w*|load\w*|has\w*|is[A-Z]\w*|can[A-Z]\w*)$/;

/**
 * An earlier call in the same function that takes the same client value together with the verified
 * tenant (`assertPageInWorkspace({ pageId: input.pageId, workspaceId: ctx.workspace.id })`, or a
 * select `where(and(eq(t.id, input.id), eq(t.workspaceId, ctx.workspace.id)))` followed by a not-found
 * throw): the value was checked against the tenant before this use.
 */
function verifiedByEarlierCall(call: TS.CallExpression, text: string, sf: TS.SourceFile, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const name = calleeName(ts, call);
  // `update({ where: { partnerId_programId: { partnerId: partner.id, programId } } })` throws when the
  // caller has no such row: a write keyed by the caller and the value checks it as a lookup does.
  const pinnedWrite = !!name && /^(update\w*|upsert|delete)$/.test(name);
  if (!name || (!LOOKUP_CALL.test(name) && !pinnedWrite)) return false;
  // `canViewWebsite(auth, id)` before a delete: a permission to read does not check a write.
  if (grantsOnlyReading(name, env)) return false;
  let hasValue = false;
  let hasTenant = false;
  let hasCaller = false;
  let hasUser = false;
  // `findFirst({ where: and(...conditions) })` with `const conditions = [eq(t.id, id), eq(t.teamId, teamId)]`:
  // the locals an argument names are part of the lookup.
  const parts: TS.Node[] = [...call.arguments];
  for (const arg of call.arguments) {
    walk(ts, arg, (inner) => {
      if (ts.isIdentifier(inner) && parts.length < 16) {
        const init = localInitializer(ts, inner);
        if (init && (ts.isArrayLiteralExpression(unwrap(ts, init)) || ts.isObjectLiteralExpression(unwrap(ts, init)) || ts.isCallExpression(unwrap(ts, init)))) parts.push(init);
      }
      return undefined;
    });
  }
  for (const arg of parts) {
    walk(ts, arg, (inner) => {
      if (hasValue && hasTenant) return false;
      // A key (`{ shortId: … }`) or a column (`t.shortId`) names a field; only a value position holds the value.
      const namesField = ts.isIdentifier(inner) && ((ts.isPropertyAssignment(inner.parent) && inner.parent.name === inner) ||
        (ts.isPropertyAccessExpression(inner.parent) && inner.parent.name === inner));
      if (!namesField && ts.isExpression(inner) && textOf(inner, sf) === text) {
        hasValue = true;
        return false;
      }
      // Keys name fields (`{ teamId: x }`); only values say where the tenant and the user come from.
      const isKey = ts.isIdentifier(inner) && ts.isPropertyAssignment(inner.parent) && inner.parent.name === inner;
      if (ts.isIdentifier(inner) && !isKey && isTenantName(inner.text, env)) hasTenant = true;
      // A parent key the code did not take from the request (`getCampaignOrThrow({ programId, campaignId })`).
      else if (ts.isIdentifier(inner) && !isKey && env.dataModel.isAnchorField(inner.text) && classifyValue(inner, env).kind !== 'untrusted') hasTenant = true;
      if (ts.isIdentifier(inner) && !isKey && (isOwnerKey(inner.text) || matchesName('verifiedUsers', inner.text, env.config))) hasUser = true;
      if (ts.isPropertyAssignment(inner) && isVerifiedPrincipalValue(inner.initializer, env)) hasCaller = true;
      // `findFirst({ where: { id: envelopeId, recipients: { some: { token } } } })`: the secret the caller presents.
      if ((ts.isPropertyAssignment(inner) || ts.isShorthandPropertyAssignment(inner)) && inner.name && isCapabilityKey(nameOf(ts, inner.name) ?? '')) hasCaller = true;
      return undefined;
    });
  }
  // `assertIdMatchesSession(body.customerId, req.user.customerId)`: the value handed over next to the
  // verified caller's own attribute, positionally.
  if (call.arguments.some((a) => isVerifiedPrincipalValue(a, env))) hasCaller = true;
  // The value is itself the tenant (`teamId` from the input): a lookup that takes it with the
  // caller's user (`getTeamById({ userId: user.id, teamId })`) is a membership check.
  // So is a parent key (`collectionID` of rows owned through their collection): a lookup that takes
  // it with the caller's user (`getUserCollection(collectionID, user.uid)`) checks the parent is theirs.
  const valueName = text.split('.').pop() ?? text;
  const valueIsTenant = isTenantName(valueName, env) || env.dataModel.isAnchorField(valueName);
  if (pinnedWrite) return hasValue && hasCaller && gatesExit(call, env);
  // The lookup decides whether the code goes on (not-found, a throw by contract): a result only counted
  // or built into data (empty for another tenant's id) checks nothing.
  return hasValue && (hasTenant || (valueIsTenant && hasUser) || hasCaller) && gatesExit(call, env);
}
