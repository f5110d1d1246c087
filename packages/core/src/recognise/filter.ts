import type * as TS from 'typescript';
import type { AnalysisEnv } from './env.js';
import { calleeName, findLocalDeclaration, localInitializer, nameOf, returnedObjectLiteral, unwrap, walk } from './ast.js';
import { classifyValue, isOwnerKey, isTenantKey, mentionsTenant } from './tenant.js';

/** What a sink's filter says about the tenant. */
export type FilterEvidence =
  /** `values`: every tenant or parent-key value in the filter (`{ tenantId, programId }`); one verified value scopes it. */
  /** `ownerValues`: values compared with owner keys (`userId`) next to the tenant: a membership lookup. */
  | { status: 'tenant'; value: TS.Expression | undefined; values?: readonly (TS.Expression | undefined)[]; idValues?: readonly TS.Expression[]; ownerValues?: readonly TS.Expression[]; orBranchValues?: readonly (readonly TS.Expression[])[] }
  /** `ownerValues`: the values compared with owner keys (`userId`), also under relations (`partner: { users: { some: { userId } } }`). */
  /** `capability`: a secret the caller presents picks the rows (`token`, `recipients: { some: { token } }`). */
  | { status: 'owner'; value: TS.Expression | undefined; ownerValues?: readonly TS.Expression[]; capability?: boolean }
  | { status: 'conditional'; node: TS.Node }
  /** `orBranchValues`: the compared values of each branch of an `OR` that does not bind the tenant in every branch. */
  | { status: 'none'; detail: string; idValues: TS.Expression[]; orBranchValues?: readonly (readonly TS.Expression[])[] }
  | { status: 'unknown' };

const NONE = (detail: string, idValues: TS.Expression[] = []): FilterEvidence => ({ status: 'none', detail, idValues });

function isConstant(ts: AnalysisEnv['ts'], e: TS.Expression): boolean {
  return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword;
}

/** The object literals a conditional spread may add: `c && { … }`, `c ? { … } : {}`. Anything else: none. */
function optionalObjects(ts: AnalysisEnv['ts'], e: TS.Expression): TS.ObjectLiteralExpression[] {
  const x = unwrap(ts, e);
  const parts = ts.isConditionalExpression(x) ? [x.whenTrue, x.whenFalse] : ts.isBinaryExpression(x) ? [x.right] : [];
  const objects = parts.map((p) => unwrap(ts, p));
  return objects.every((o) => ts.isObjectLiteralExpression(o)) ? objects as TS.ObjectLiteralExpression[] : [];
}

function isConditionalSpread(ts: AnalysisEnv['ts'], e: TS.Expression): boolean {
  const x = unwrap(ts, e);
  return ts.isConditionalExpression(x) ||
    (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
      x.operatorToken.kind === ts.SyntaxKind.BarBarToken || x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken));
}

/**
 * Reads an object filter (Prisma `where`, TypeORM `findOneBy`, Mongoose filter): a tenant key at
 * the top, inside `AND`, inside a compound unique key or a relation filter scopes it; `OR` and `NOT`
 * branches do not (one branch without the tenant leaks); a tenant key only under a conditional
 * spread is `conditional`; an opaque spread makes the answer `unknown` (never guessed as a gap).
 */
/**
 * Sequelize's symbol operators (`{ id: { [Op.in]: ids } }`, `[Op.or]: [...]`) read as Mongo's named
 * ones (`$in`, `$or`), which the filter reader knows: an operator, not a column.
 */
function sequelizeOperator(ts: AnalysisEnv['ts'], name: TS.PropertyName): string | undefined {
  if (!ts.isComputedPropertyName(name)) return undefined;
  const e = unwrap(ts, name.expression);
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const holder = unwrap(ts, e.expression);
  const holderName = ts.isIdentifier(holder) ? holder.text : ts.isPropertyAccessExpression(holder) ? holder.name.text : '';
  return holderName === 'Op' ? `$${e.name.text}` : undefined;
}

export function objectFilterEvidence(obj: TS.ObjectLiteralExpression, env: AnalysisEnv, depth = 0): FilterEvidence {
  const ts = env.ts;
  let owner: FilterEvidence | undefined;
  let conditional: FilterEvidence | undefined;
  let opaque = false;
  let capability = false;
  const idValues: TS.Expression[] = [];
  const tenantValues: (TS.Expression | undefined)[] = [];
  const ownerValues: TS.Expression[] = [];
  let orBranchValues: TS.Expression[][] | undefined;
  const addTenant = (ev: Extract<FilterEvidence, { status: 'tenant' }>): void => {
    tenantValues.push(...(ev.values ?? [ev.value]));
    idValues.push(...(ev.idValues ?? []));
    ownerValues.push(...(ev.ownerValues ?? []));
  };
  for (const prop of obj.properties) {
    if (ts.isSpreadAssignment(prop)) {
      // `{ ...where, status }` with `const where = { programId: program.id, partnerId: partner.id }`: read the local.
      const spread = unwrap(ts, prop.expression);
      const init = ts.isIdentifier(spread) && depth < 4 ? localInitializer(ts, spread) : undefined;
      if (init && ts.isObjectLiteralExpression(unwrap(ts, init))) {
        const inner = objectFilterEvidence(unwrap(ts, init) as TS.ObjectLiteralExpression, env, depth + 1);
        if (inner.status === 'tenant') addTenant(inner);
        else if (inner.status === 'owner') owner ??= inner;
        else if (inner.status === 'conditional') conditional ??= inner;
        else if (inner.status === 'none') idValues.push(...inner.idValues);
        else opaque = true;
        continue;
      }
      if (isConditionalSpread(ts, prop.expression) && mentionsTenant(prop.expression, env)) {
        conditional ??= { status: 'conditional', node: prop };
      } else if (isConditionalSpread(ts, prop.expression) && optionalObjects(ts, prop.expression).length > 0) {
        // `...(q && { title: q })`: an optional extra condition; its values are compared, the rest is as visible as before.
        const alternatives = optionalObjects(ts, prop.expression).map((o) => objectFilterEvidence(o, env, depth + 1));
        for (const inner of alternatives) {
          if (inner.status === 'none') idValues.push(...inner.idValues);
          else if (inner.status === 'owner') owner ??= inner;
          else if (inner.status === 'unknown') opaque = true;
        }
        // `...(slug ? { slug, OR: [...] } : { OR: [...] })`: both alternatives' branches must hold.
        if (alternatives.length === 2 && alternatives.every((a) => a.status === 'none' && a.orBranchValues)) {
          orBranchValues = alternatives.flatMap((a) => (a.status === 'none' ? [...(a.orBranchValues ?? [])] : [])).map((b) => [...b]);
        }
      } else if (mentionsTenant(prop.expression, env)) {
        tenantValues.push(undefined);
      } else {
        opaque = true;
      }
      continue;
    }
    const key = ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop) ? (sequelizeOperator(ts, prop.name) ?? nameOf(ts, prop.name)) : undefined;
    if (!key) {
      opaque = true;
      continue;
    }
    const value: TS.Expression = ts.isPropertyAssignment(prop) ? prop.initializer : (prop as TS.ShorthandPropertyAssignment).name;
    const inner = unwrap(ts, value);
    if (key === 'OR' || key === '$or') {
      // `OR: [{ projectId }, { projectId: null }]`, `OR: [{ project: { orgId } }, { orgId }]`: when every
      // branch binds the tenant, so does the whole; one branch without it leaks, so it proves nothing.
      const branches = ts.isArrayLiteralExpression(inner) ? inner.elements.map((b) => unwrap(ts, b as TS.Expression)) : [];
      // A branch built by a helper (`buildTeamWhereQuery({ teamId, userId })`) is judged by what it returns or takes.
      const judgedBranch = (b: TS.Expression): FilterEvidence | undefined =>
        ts.isObjectLiteralExpression(b) ? objectFilterEvidence(b, env, depth + 1) : ts.isCallExpression(b) ? helperFilterEvidence(b, env, depth + 1) : undefined;
      const branchEvidence = branches.map(judgedBranch);
      const judged = branchEvidence.every((ev): ev is FilterEvidence => ev !== undefined) ? branchEvidence as FilterEvidence[] : [];
      if (branches.length > 0 && judged.length === 0) opaque = true;
      if (judged.length > 0 && !judged.every((ev) => ev.status === 'tenant')) {
        // Kept so that branches that each pin the verified caller (`partners: { some: { partnerId: partner.id } }`) can scope it.
        orBranchValues = judged.map((ev) => ev.status === 'none' ? ev.idValues : ev.status === 'tenant' ? [...(ev.idValues ?? []), ...((ev.values ?? [ev.value]).filter((v): v is TS.Expression => v !== undefined))] : []);
      }
      if (judged.length > 0 && judged.every((ev) => ev.status === 'tenant')) {
        // Judged by its weakest branch: a client-chosen or missing tenant in any branch is what leaks.
        const tenantBranches = judged as Extract<FilterEvidence, { status: 'tenant' }>[];
        const weak = (ev: Extract<FilterEvidence, { status: 'tenant' }>): boolean =>
          (ev.values ?? [ev.value]).some((v) => v !== undefined && ['untrusted', 'parameter', 'undefined'].includes(classifyValue(v, env).kind));
        addTenant(tenantBranches.find(weak) ?? (tenantBranches[0] as Extract<FilterEvidence, { status: 'tenant' }>));
      }
      continue;
    }
    if (key === 'NOT' || key === '$nor') continue;
    if (key === 'AND' || key === '$and') {
      const parts = ts.isArrayLiteralExpression(inner) ? inner.elements : [inner];
      for (const part of parts) {
        const p = unwrap(ts, part as TS.Expression);
        if (ts.isObjectLiteralExpression(p)) {
          const ev = objectFilterEvidence(p, env, depth + 1);
          if (ev.status === 'tenant') addTenant(ev);
          if (ev.status === 'owner') owner ??= ev;
          if (ev.status === 'conditional') conditional ??= ev;
          if (ev.status === 'unknown') opaque = true;
        } else {
          opaque = true;
        }
      }
      continue;
    }
    if (isTenantKey(key, env)) {
      if (ts.isObjectLiteralExpression(inner)) {
        // `id_tenantId: { id, tenantId }` or `tenantId: { equals: t }` or `tenant: { id: t }`.
        const nested = objectFilterEvidence(inner, env, depth + 1);
        if (nested.status === 'owner' && nested.capability) capability = true;
        if (nested.status === 'tenant') {
          addTenant(nested);
          continue;
        }
        // `tenant: { slug, members: { some: { userId: session.user.id } } }`: a tenant the caller belongs to.
        if (nested.status === 'owner') ownerValues.push(...(nested.ownerValues ?? []));
        const first = inner.properties.find((p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p));
        const v = first && ts.isPropertyAssignment(first) ? first.initializer : first && ts.isShorthandPropertyAssignment(first) ? first.name : undefined;
        tenantValues.push(v);
        continue;
      }
      if (ts.isIdentifier(inner) && inner.text === 'undefined') continue;
      tenantValues.push(value);
      continue;
    }
    if (isOwnerKey(key) || isCapabilityKey(key)) {
      if (isCapabilityKey(key) && !isConstant(ts, inner)) capability = true;
      owner ??= { status: 'owner', value };
      if (isOwnerKey(key)) ownerValues.push(value);
      // Also a compared value: next to a client-chosen tenant, `userId: session.user.id` pins the caller.
      idValues.push(value);
      continue;
    }
    // Deep enough for membership paths (`teamGroups: { some: { group: { members: { some: { member: { userId } } } } } }`).
    if (ts.isObjectLiteralExpression(inner) && depth < 8) {
      // Relation filters: `project: { organizationId }`, `members: { some: { userId } }`.
      const nested = objectFilterEvidence(inner, env, depth + 1);
      if (nested.status === 'owner' && nested.capability) capability = true;
      if (nested.status === 'tenant') {
        addTenant(nested);
        continue;
      }
      if (nested.status === 'owner') {
        owner ??= nested;
        // `partner: { users: { some: { userId } } }`: rows of a partner the user belongs to, a membership lookup.
        ownerValues.push(...(nested.ownerValues ?? []));
      }
      if (nested.status === 'conditional') conditional ??= nested;
      // `id: { in: ids }`: the ids stay visible, so a tenant-scoped pre-check of `ids` can prove the write.
      if (nested.status === 'none') idValues.push(...nested.idValues);
      continue;
    }
    // `status: 'open'`: a constant narrows rows, it does not pick them by id.
    if (!isConstant(ts, inner)) idValues.push(value);
  }
  // Holding the row's secret is the authorisation (a signing link, a QR token): the other keys only narrow it.
  if (capability && !orBranchValues) return { status: 'owner', value: undefined, capability: true };
  if (tenantValues.length > 0) return { status: 'tenant', value: tenantValues[0], values: tenantValues, idValues, ownerValues, ...(orBranchValues ? { orBranchValues } : {}) };
  if (owner) return ownerValues.length > 0 && owner.status === 'owner' ? { ...owner, ownerValues } : owner;
  if (conditional) return conditional;
  if (opaque) return { status: 'unknown' };
  const none = NONE(idValues.length > 0 ? 'filters by id only' : obj.properties.length > 0 ? 'filters without the tenant' : 'has no filter', idValues);
  return orBranchValues && none.status === 'none' ? { ...none, orBranchValues } : none;
}

/** Evidence from any filter expression: an object literal, a local const holding one, or opaque. */
export function expressionFilterEvidence(expr: TS.Expression | undefined, env: AnalysisEnv, depth = 0): FilterEvidence {
  const ts = env.ts;
  if (!expr) return NONE('has no filter');
  const e = unwrap(ts, expr);
  if (ts.isObjectLiteralExpression(e)) return objectFilterEvidence(e, env);
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    if (init && ts.isObjectLiteralExpression(unwrap(ts, init))) return objectFilterEvidence(unwrap(ts, init) as TS.ObjectLiteralExpression, env);
    // `const where = and(eq(t.workspaceId, w), …)` then `.where(where)`.
    if (init && depth < 2 && isFilterBuilder(ts, unwrap(ts, init))) return expressionFilterEvidence(init, env, depth + 1);
  }
  if (ts.isCallExpression(e) && depth < 2) {
    // `where: whereClause(folderId)` with a same-file helper returning the filter object.
    const returned = returnedObjectLiteral(ts, e);
    if (returned) return objectFilterEvidence(returned, env, depth + 1);
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isCallExpression(e)) {
    // Drizzle `(t, { eq }) => eq(t.orgId, x)`, `and(eq(t.tenantId, x), …)`.
    if (mentionsTenant(e, env) || conditionListMentionsTenant(e, env)) return { status: 'tenant', value: undefined };
    // `eq(subscriber.token, input.token)`: a secret token picks the row, like `{ token }` in an object filter.
    if (mentionsCapabilityColumn(e, env)) return { status: 'owner', value: undefined };
    // The compared values are the ids the rows are picked by: `eq(t.id, input.id)` → input.id.
    // `(users, { eq }) => eq(users.id, userId)`: an expression-bodied filter callback compares the same way.
    const body = (ts.isArrowFunction(e) && !ts.isBlock(e.body)) ? unwrap(ts, e.body) : undefined;
    return NONE('filters without the tenant', ts.isCallExpression(e) ? conditionValues([e], env) : body && ts.isCallExpression(body) ? conditionValues([body], env) : []);
  }
  return { status: 'unknown' };
}

/**
 * Columns that hold a secret the caller must present (`token`, `secretHash`, `inviteToken`): a row
 * picked by one is a capability lookup (signing links, invitations, unsubscribe links), where holding
 * the secret is the authorisation, not a by-id read across tenants.
 */
export function isCapabilityKey(name: string): boolean {
  // Also the key value a client authenticates with (`apiKey`, `accessKey`, `keyHash`), not the key record's id (`apiKeyId`),
  // and a share link's key (`resultShareKey`, `sharingKey`), the secret a public share URL carries.
  return /^(\w*token|\w*secret|\w*(token|secret)hash|hashed\w*(token|secret|key)|apikey|accesskey|\w*keyhash|hashedkey|\w*sharekey|\w*sharingkey)$/.test(name.toLowerCase().replace(/_/g, ''));
}

export function mentionsCapabilityColumn(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isPropertyAccessExpression(n) && ts.isCallExpression(n.parent) && isCapabilityKey(n.name.text) &&
        /^(eq|equals)$/.test(ts.isIdentifier(n.parent.expression) ? n.parent.expression.text : ts.isPropertyAccessExpression(n.parent.expression) ? n.parent.expression.name.text : '')) found = true;
    return undefined;
  });
  return found;
}

function isFilterBuilder(ts: AnalysisEnv['ts'], e: TS.Expression): boolean {
  return ts.isCallExpression(e) || ts.isArrowFunction(e) || ts.isFunctionExpression(e);
}

/**
 * Conditions collected in a local array first: `const conditions = [eq(t.id, id), eq(t.workspaceId, w)]`
 * then `and(...conditions)`, also when the tenant condition is pushed later (`conditions.push(eq(t.teamId, teamId))`).
 */
export function conditionListMentionsTenant(call: TS.Expression, env: AnalysisEnv, depth = 0): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, call, (n) => {
    if (found) return false;
    // `and(...conditions)`, `and(...conditions.filter(Boolean))`, `and(conditions)`.
    let outer: TS.Node | undefined = ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && /^(filter|concat|flat|slice)$/.test(n.parent.name.text) &&
      ts.isCallExpression(n.parent.parent) ? n.parent.parent.parent : undefined;
    while (outer && (ts.isParenthesizedExpression(outer) || ts.isAsExpression(outer) || ts.isNonNullExpression(outer))) outer = outer.parent;
    const listUse = outer !== undefined && ts.isSpreadElement(outer);
    if (!ts.isIdentifier(n) || !(listUse || ts.isSpreadElement(n.parent) || (ts.isCallExpression(n.parent) && n.parent.arguments.includes(n as TS.Expression)))) return undefined;
    if (listHoldsTenant(n, env, depth)) found = true;
    return undefined;
  });
  return found;
}

/** The local list `id` names holds a tenant condition: in its literal, pushed later, or in the list it was derived from. */
function listHoldsTenant(id: TS.Identifier, env: AnalysisEnv, depth: number): boolean {
  const ts = env.ts;
  const decl = findLocalDeclaration(ts, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const init = decl.initializer ? unwrap(ts, decl.initializer) : undefined;
  if (init && (ts.isArrayLiteralExpression(init) || ts.isCallExpression(init)) && mentionsTenant(init, env)) return true;
  if (init && ts.isArrayLiteralExpression(init) && pushesTenant(decl, id.text, env)) return true;
  // `const final = conditions.filter((c) => c !== undefined) as SQL[]`: the list it was derived from.
  if (init && depth < 3 && ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) &&
      /^(filter|concat|flat|slice|map)$/.test(init.expression.name.text)) {
    const source = unwrap(ts, init.expression.expression);
    return ts.isIdentifier(source) && listHoldsTenant(source, env, depth + 1);
  }
  return false;
}

/** `conditions.push(eq(t.teamId, teamId))` anywhere in the function that declares `conditions`. */
function pushesTenant(decl: TS.VariableDeclaration, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let scope: TS.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let found = false;
  walk(ts, scope, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'push' &&
        ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name && n.arguments.some((a) => mentionsTenant(a, env))) found = true;
    return undefined;
  });
  return found;
}

const COMPARISONS = /^(eq|ne|gt|gte|lt|lte|inArray|notInArray|like|ilike|isNull|isNotNull|between)$/;

/** Array methods that derive one list from another: a value of a filter, never a condition builder. */
const LIST_DERIVATION = /^(map|flatMap|filter|slice|concat)$/;

/**
 * The compared values of a builder filter: `.where('id', v)` / `.where('id', '=', v)` → v,
 * `.where({ id })` → id, `.where(eq(t.id, v))` → v, `and(eq(…), eq(…))` → each v. Column names
 * (strings, `table.column`) are not values.
 */
export function builderValues(call: TS.CallExpression, env: AnalysisEnv): TS.Expression[] {
  const ts = env.ts;
  const args = call.arguments;
  const firstIsColumn = args.length >= 2 && !!args[0] && ts.isStringLiteralLike(unwrap(ts, args[0]));
  return conditionValues(args, env, firstIsColumn);
}

/** The compared values inside filter conditions (see `builderValues`); `eq(t.id, v)` on its own → v. */
export function conditionValues(conditions: readonly TS.Expression[], env: AnalysisEnv, firstIsColumn = false): TS.Expression[] {
  const ts = env.ts;
  const out: TS.Expression[] = [];
  const visit = (e: TS.Expression, isColumn: boolean): void => {
    const x = unwrap(ts, e);
    if (ts.isStringLiteralLike(x) || ts.isArrowFunction(x) || ts.isFunctionExpression(x)) return;
    if (ts.isSpreadElement(x)) {
      // `and(...conditions)`: the elements of a local array of conditions; anything else is not a value.
      const list = unwrap(ts, x.expression);
      const init = ts.isIdentifier(list) ? localInitializer(ts, list) : undefined;
      if (init && ts.isArrayLiteralExpression(unwrap(ts, init))) for (const el of (unwrap(ts, init) as TS.ArrayLiteralExpression).elements) visit(el, false);
      return;
    }
    if (ts.isObjectLiteralExpression(x)) {
      for (const p of x.properties) {
        if (ts.isPropertyAssignment(p)) visit(p.initializer, false);
        else if (ts.isShorthandPropertyAssignment(p)) out.push(p.name);
      }
      return;
    }
    if (ts.isCallExpression(x)) {
      const name = calleeName(ts, x) ?? '';
      // `inArray(t.notificationId, rows.map((n) => n.id))`: a list the code derives is a value, judged by where the list comes from.
      if (!isColumn && ts.isPropertyAccessExpression(unwrap(ts, x.expression)) && LIST_DERIVATION.test(name)) {
        out.push(x);
        return;
      }
      x.arguments.forEach((a, i) => visit(a, COMPARISONS.test(name) && i === 0));
      return;
    }
    if (!isColumn) out.push(x);
  };
  conditions.forEach((a, i) => visit(a, firstIsColumn && i === 0));
  return out;
}

/**
 * A filter (or one OR branch) built by a helper: a same-file helper is read through to the object it
 * returns; another helper that is handed the tenant (`buildTeamWhereQuery({ teamId, userId, roles })`)
 * scopes by that value; anything else is opaque (not judged, never taken for "no tenant").
 */
function helperFilterEvidence(call: TS.CallExpression, env: AnalysisEnv, depth: number): FilterEvidence {
  const ts = env.ts;
  const returned = depth < 6 ? returnedObjectLiteral(ts, call) : undefined;
  if (returned) return objectFilterEvidence(returned, env, depth + 1);
  for (const arg of call.arguments) {
    const obj = unwrap(ts, arg);
    if (!ts.isObjectLiteralExpression(obj)) continue;
    for (const prop of obj.properties) {
      const key = ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop) ? nameOf(ts, prop.name) : undefined;
      if (key && isTenantKey(key, env)) return { status: 'tenant', value: ts.isPropertyAssignment(prop) ? prop.initializer : (prop as TS.ShorthandPropertyAssignment).name };
    }
  }
  return { status: 'unknown' };
}
