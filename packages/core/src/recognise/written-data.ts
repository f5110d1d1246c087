import type * as TS from 'typescript';
import type { AnalysisEnv } from './env.js';
import { accessPath, calleeName, calleeReceiver, localInitializer, nameOf, resolveObjectLiteral, returnedObjectLiteral, unwrap } from './ast.js';
import { normalizeFieldName, normalizeModelName } from '../model/names.js';
import { isTenantName } from './tenant.js';
import type { SinkMatch } from './sinks.js';

/**
 * Writes that take keys from the caller: the data of a create/update/upsert/insert/save, where a
 * tenant key or a foreign key to a tenant's rows (`domainId`, `permissionIds`, `connect: { id }`)
 * picks whose rows the new row belongs to or links to, or where the request input is written as a
 * whole (mass assignment: the client sets `workspaceId`, or an `id` that makes `save` overwrite
 * another tenant's row). Each such key is returned as a sink whose "ids" are the written values, so
 * the value's origin is judged like an id's: request input not checked against the tenant is a gap.
 */

const PRISMA_WRITES = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert']);
const PRISMA_CLIENT = /prisma|db|tx|trx|client|database|orm|conn/i;
const REPO = /repo(sitory)?$|Repo(sitory)?$/;
const TYPEORM_WRITES = new Set(['save', 'insert', 'create']);
/** Prisma relation writes: `tags: { connect: [...] }`. */
const RELATION_OPS = new Set(['connect', 'set', 'connectOrCreate']);

export interface WrittenKey {
  /** The key written (`domainId`), or `*` for input written as a whole. */
  key: string;
  /** The value (for an array mapped into rows, the array). */
  value: TS.Expression;
}

/**
 * `<x>Id` / `<x>Ids` naming a model that carries a tenant: a key into tenants' rows. With `relation`,
 * a Prisma relation field (`domain`, `tags`) names the model itself.
 */
function namesTenantRows(key: string, env: AnalysisEnv, relation = false): boolean {
  const base = key.replace(/_?ids?$/i, '');
  if (!base || (base === key && !relation)) return false;
  return env.dataModel.isTenantModel(normalizeModelName(base)) === true;
}

function isRiskyKey(key: string, model: string | undefined, env: AnalysisEnv): boolean {
  if (isTenantName(key, env)) return true;
  if (model && env.dataModel.tenantAnchors(model).some((a) => normalizeFieldName(a) === normalizeFieldName(key))) return true;
  return /ids?$/i.test(key) && namesTenantRows(key, env);
}

/** `arr.map((x) => ({ … }))`: the object each element becomes, and the array. */
function mappedRows(ts: AnalysisEnv['ts'], e: TS.Expression): { row: TS.ObjectLiteralExpression; array: TS.Expression; param: string } | undefined {
  if (!ts.isCallExpression(e) || calleeName(ts, e) !== 'map' || !ts.isPropertyAccessExpression(unwrap(ts, e.expression))) return undefined;
  const cb = e.arguments[0];
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return undefined;
  const p = cb.parameters[0];
  if (!p || !ts.isIdentifier(p.name)) return undefined;
  let body: TS.Node = cb.body;
  if (ts.isBlock(body)) {
    const ret = body.statements.find((s): s is TS.ReturnStatement => ts.isReturnStatement(s));
    if (!ret?.expression) return undefined;
    body = ret.expression;
  }
  const row = resolveObjectLiteral(ts, body as TS.Expression);
  return row ? { row, array: (unwrap(ts, e.expression) as TS.PropertyAccessExpression).expression, param: p.name.text } : undefined;
}

/** The ids a relation write connects: `{ id }`, `[{ id }, …]`, `ids.map((id) => ({ id }))` (then the array). */
function connectedIds(e0: TS.Expression, env: AnalysisEnv, depth = 0): TS.Expression[] {
  const ts = env.ts;
  const e = unwrap(ts, e0);
  if (depth > 2) return [];
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((el) => (ts.isSpreadElement(el) ? [] : connectedIds(el, env, depth + 1)));
  const mapped = mappedRows(ts, e);
  if (mapped) {
    return connectedIds(mapped.row, env, depth + 1).map((v) => (ts.isIdentifier(unwrap(ts, v)) && (unwrap(ts, v) as TS.Identifier).text === mapped.param ? mapped.array : v));
  }
  const obj = resolveObjectLiteral(ts, e);
  const id = obj?.properties.find((p) => p.name && nameOf(ts, p.name) === 'id');
  if (id && ts.isPropertyAssignment(id)) return [id.initializer];
  if (id && ts.isShorthandPropertyAssignment(id)) return [id.name];
  return [];
}

/** `c && { … }`, `c ? { … } : undefined`: the object literal written when the condition holds. */
function optionalObject(ts: AnalysisEnv['ts'], e0: TS.Expression): TS.ObjectLiteralExpression | undefined {
  const e = unwrap(ts, e0);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return resolveObjectLiteral(ts, e.right);
  if (ts.isConditionalExpression(e)) return resolveObjectLiteral(ts, e.whenTrue) ?? resolveObjectLiteral(ts, e.whenFalse);
  return undefined;
}

/** The written keys of one data expression (object, array of objects, rows mapped from an array). */
function keysOf(data: TS.Expression, model: string | undefined, env: AnalysisEnv, depth = 0): WrittenKey[] {
  const ts = env.ts;
  const e = unwrap(ts, data);
  if (depth > 3) return [];
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((el) => (ts.isSpreadElement(el) ? [] : keysOf(el, model, env, depth + 1)));
  const mapped = mappedRows(ts, e);
  if (mapped) {
    // Each row's value that is the element itself (`permissionId` in `ids.map((permissionId) => ({ permissionId }))`) comes from the array.
    return keysOf(mapped.row, model, env, depth + 1).map((k) =>
      ts.isIdentifier(unwrap(ts, k.value)) && (unwrap(ts, k.value) as TS.Identifier).text === mapped.param ? { key: k.key, value: mapped.array } : k);
  }
  // `data: buildResponseData(input)`: a same-file builder's returned object, in terms of its parameters.
  const built = ts.isCallExpression(e) ? returnedObjectLiteral(ts, e) : undefined;
  const obj = resolveObjectLiteral(ts, e) ?? built;
  if (!obj) return isWholeValue(ts, e) ? [{ key: '*', value: e }] : [];
  const out: WrittenKey[] = [];
  const explicit = new Set<string>();
  const properties = obj.properties.flatMap((p) => {
    // `...(webhookIds && { webhooks: { create: … } })`, `...(c ? { a } : {})`: the keys of the optional object.
    if (ts.isSpreadAssignment(p) && !isWholeValue(ts, p.expression)) {
      const optional = optionalObject(ts, p.expression);
      if (optional) return [...optional.properties];
    }
    return [p];
  });
  for (const p of properties) {
    if (ts.isSpreadAssignment(p)) {
      // `{ ...body, workspaceId: ws.id }`: keys written after the spread override what it carried.
      if (isWholeValue(ts, p.expression)) out.push({ key: '*', value: p.expression });
      continue;
    }
    const key = p.name ? nameOf(ts, p.name) : undefined;
    if (!key) continue;
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (!value) continue;
    explicit.add(key);
    // `display: displayId ? { connect: { id: displayId } } : undefined`: the object branch.
    const inner = resolveObjectLiteral(ts, value) ?? optionalObject(ts, value);
    // Rows created through a relation: `webhooks: { create: ids.map((webhookId) => ({ webhookId })) }`,
    // `groups: { createMany: { data: … } }`: their keys link the new rows to other rows as the row's own do.
    const nested = inner?.properties.find((q) => q.name && /^(create|createMany|connectOrCreate|upsert)$/.test(nameOf(ts, q.name) ?? ''));
    if (nested && ts.isPropertyAssignment(nested) && depth < 3) {
      const many = resolveObjectLiteral(ts, nested.initializer);
      const dataProp = many?.properties.find((q) => q.name && nameOf(ts, q.name) === 'data');
      const rows = dataProp && ts.isPropertyAssignment(dataProp) ? dataProp.initializer : nested.initializer;
      out.push(...keysOf(rows, undefined, env, depth + 1).filter((k) => k.key !== '*'));
    }
    const relationOp = inner?.properties.find((q) => q.name && RELATION_OPS.has(nameOf(ts, q.name) ?? ''));
    if (relationOp && ts.isPropertyAssignment(relationOp) && namesTenantRows(key, env, true)) {
      // `tags: { connect: ids.map((id) => ({ id })) }` / `domain: { connect: { id: input.domainId } }`.
      for (const value of connectedIds(relationOp.initializer, env)) out.push({ key, value });
      continue;
    }
    if (isRiskyKey(key, model, env)) out.push({ key, value });
  }
  // A spread followed by the tenant (or parent) key set explicitly still lets the client pick other
  // keys, but not whose rows these are.
  return out.filter((k) => k.key !== '*' || ![...explicit].some((x) => isTenantName(x, env) || (model !== undefined && env.dataModel.tenantAnchors(model).includes(x))));
}

/**
 * What can be the input written as a whole: a value read as it came (`req.body`, `body`, `await
 * request.json()`), not one a call built from it (`sanitizeData(data)`, `pick(body, [...])`).
 */
function isWholeValue(ts: AnalysisEnv['ts'], e0: TS.Expression): boolean {
  const e = unwrap(ts, e0);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return true;
  return ts.isCallExpression(e) && /^(json|formData|parseBody)$/.test(calleeName(ts, e) ?? '');
}

/** The data expressions a write call takes, and its model. */
function writeData(call: TS.CallExpression, env: AnalysisEnv): { library: SinkMatch['library']; model: string | undefined; data: TS.Expression[]; description: string } | undefined {
  const ts = env.ts;
  const name = calleeName(ts, call);
  if (!name) return undefined;
  const path = accessPath(ts, call.expression);
  const arg0 = call.arguments[0];
  if (PRISMA_WRITES.has(name) && path && path.length >= 3) {
    const model = path[path.length - 2] ?? '';
    const client = path[path.length - 3] ?? '';
    if (model.startsWith('$') || model.endsWith('()') || REPO.test(model)) return undefined;
    if (env.dataModel.isTenantModel(model) === undefined && !PRISMA_CLIENT.test(client)) return undefined;
    const obj = resolveObjectLiteral(ts, arg0);
    if (!obj) return undefined;
    const data = obj.properties.flatMap((p) => (ts.isPropertyAssignment(p) && /^(data|create|update)$/.test(nameOf(ts, p.name) ?? '') ? [p.initializer] : []));
    return { library: 'prisma', model, data, description: path.slice(-3).join('.') };
  }
  const receiver = calleeReceiver(ts, call);
  // Drizzle / Knex / Kysely: `db.insert(table).values(v)`, `db.update(table).set(v)`.
  if ((name === 'values' || name === 'set') && receiver && ts.isCallExpression(unwrap(ts, receiver))) {
    const head = unwrap(ts, receiver) as TS.CallExpression;
    const headName = calleeName(ts, head);
    if (!(name === 'values' ? /^(insert|insertInto)$/ : /^(update|updateTable)$/).test(headName ?? '')) return undefined;
    const table = head.arguments[0];
    const tablePath = table ? accessPath(ts, table) : undefined;
    const model = tablePath?.[tablePath.length - 1] ?? (table && ts.isStringLiteral(table) ? table.text : undefined);
    if (!model || !arg0) return undefined;
    return { library: 'drizzle', model, data: [arg0], description: `${headName}(${model}).${name}` };
  }
  // TypeORM: `repo.save(v)`, `getRepository(X).create(v)`, `repo.update(criteria, v)`, `repo.merge(entity, v)`.
  const recvPath = receiver ? accessPath(ts, receiver) : undefined;
  const recvName = recvPath?.[recvPath.length - 1] ?? '';
  const repoModel = (): string | undefined => {
    if (receiver && ts.isCallExpression(unwrap(ts, receiver)) && calleeName(ts, unwrap(ts, receiver) as TS.CallExpression) === 'getRepository') {
      return nameOf(ts, (unwrap(ts, receiver) as TS.CallExpression).arguments[0]);
    }
    return REPO.test(recvName) ? recvName.replace(REPO, '') || undefined : undefined;
  };
  if ((TYPEORM_WRITES.has(name) || name === 'update' || name === 'merge') && (REPO.test(recvName) || recvName === 'getRepository()')) {
    const model = repoModel();
    const data = name === 'update' || name === 'merge' ? call.arguments.slice(1) : call.arguments.slice(0, 1);
    return { library: 'typeorm', model, data: [...data], description: `${recvName}.${name}` };
  }
  // `Object.assign(entity, body)` onto an entity (`new Assistant()`, or a row a repository loaded).
  if (name === 'assign' && recvName === 'Object' && call.arguments.length >= 2) {
    const model = entityModel(call.arguments[0] as TS.Expression, env);
    if (!model) return undefined;
    return { library: 'typeorm', model, data: call.arguments.slice(1), description: `Object.assign(${model})` };
  }
  return undefined;
}

/** `new Assistant()` (a declared model), directly or through a local. */
function entityModel(target: TS.Expression, env: AnalysisEnv): string | undefined {
  const ts = env.ts;
  let e = unwrap(ts, target);
  if (ts.isIdentifier(e)) e = localInitializer(ts, e) ? unwrap(ts, localInitializer(ts, e) as TS.Expression) : e;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && env.dataModel.isTenantModel(e.expression.text) !== undefined) return e.expression.text;
  return undefined;
}

/** One sink per written key that needs a check: its value is judged like an id (see analyse/data-access.ts). */
export function recogniseWrittenKeys(call: TS.CallExpression, env: AnalysisEnv): SinkMatch[] {
  const write = writeData(call, env);
  if (!write) return [];
  const whole = (k: WrittenKey): boolean => k.key === '*';
  const out: SinkMatch[] = [];
  for (const data of write.data) {
    for (const k of keysOf(data, write.model, env)) {
      // Input written as a whole matters where the table carries a tenant (or a model we cannot see).
      if (whole(k) && write.model && env.dataModel.isTenantModel(write.model) === false) continue;
      out.push({
        library: write.library, category: 'query', operation: 'write', model: write.model, node: call,
        description: write.description,
        evidence: { status: 'none', detail: whole(k) ? 'writes the input as a whole' : `writes ${k.key}`, idValues: [k.value] },
        writtenKey: k.key,
        reportNode: k.value,
        namesTenantColumn: true,
      });
    }
  }
  return out;
}

/**
 * The keys a validated input may carry, read off its schema when the file declares it: the handler's
 * `.input(z.object({ … }))`, or the parameter's type `z.infer<typeof Schema>` with `Schema` a local
 * `z.object({ … })` (also `.extend({ … })`, `.merge(…)`). Undefined when the schema is not visible.
 */
export function validatedInputKeys(value: TS.Expression, env: AnalysisEnv): string[] | undefined {
  const ts = env.ts;
  const root = rootIdentifier(ts, value);
  const decl = root ? findParameterOf(ts, root) : undefined;
  const fn = decl?.parent;
  if (!decl || !fn) return undefined;
  const schemas: TS.Expression[] = [];
  // `z.infer<typeof Schema>` on the parameter (or on its `input` member).
  const typeRefs: TS.TypeQueryNode[] = [];
  const collect = (n: TS.Node): void => {
    if (ts.isTypeQueryNode(n)) typeRefs.push(n);
    n.forEachChild(collect);
  };
  if (decl.type) collect(decl.type);
  for (const q of typeRefs) {
    const name = ts.isIdentifier(q.exprName) ? q.exprName : undefined;
    const init = name ? localInitializer(ts, name) ?? topLevelInitializer(ts, name) : undefined;
    if (init) schemas.push(init);
  }
  // `.input(Schema).mutation(fn)`: the procedure chain the handler is passed to.
  for (let p: TS.Node | undefined = fn.parent; p && ts.isCallExpression(p); p = ts.isPropertyAccessExpression(p.expression) && ts.isCallExpression(p.expression.expression) ? p.expression.expression : undefined) {
    if (calleeName(ts, p) === 'input' && p.arguments[0]) {
      const a = unwrap(ts, p.arguments[0]);
      schemas.push(ts.isIdentifier(a) ? (localInitializer(ts, a) ?? topLevelInitializer(ts, a) ?? a) : a);
    }
  }
  if (schemas.length === 0) return undefined;
  const keys: string[] = [];
  for (const s of schemas) {
    const visit = (n: TS.Node): void => {
      if (ts.isCallExpression(n) && /^(object|extend|strictObject|looseObject)$/.test(calleeName(ts, n) ?? '')) {
        const obj = n.arguments[0] ? resolveObjectLiteral(ts, n.arguments[0]) : undefined;
        for (const p of obj?.properties ?? []) {
          const key = p.name ? nameOf(ts, p.name) : undefined;
          if (key) keys.push(key);
        }
      }
      n.forEachChild(visit);
    };
    visit(s);
  }
  return keys;
}

/** The keys of a validated input that pick whose rows a write touches (see isRiskyKey). */
export function riskyInputKeys(value: TS.Expression, model: string | undefined, env: AnalysisEnv): string[] {
  return (validatedInputKeys(value, env) ?? []).filter((k) => isRiskyKey(k, model, env));
}

function rootIdentifier(ts: AnalysisEnv['ts'], e0: TS.Expression): TS.Identifier | undefined {
  let e = unwrap(ts, e0);
  while (ts.isPropertyAccessExpression(e)) e = unwrap(ts, e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/** The parameter (possibly destructured: `({ input })`) that declares `id`. */
function findParameterOf(ts: AnalysisEnv['ts'], id: TS.Identifier): TS.ParameterDeclaration | undefined {
  for (let p: TS.Node | undefined = id.parent; p; p = p.parent) {
    if (ts.isArrowFunction(p) || ts.isFunctionExpression(p) || ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) {
      for (const param of p.parameters) {
        let hit = false;
        const visit = (n: TS.Node): void => {
          if (ts.isBindingElement(n) && ts.isIdentifier(n.name) && n.name.text === id.text) hit = true;
          n.forEachChild(visit);
        };
        if (ts.isIdentifier(param.name) ? param.name.text === id.text : (visit(param.name), hit)) return param;
      }
    }
  }
  return undefined;
}

/** A top-level `const Schema = …` of the file, by name (schemas are usually declared above the handler). */
function topLevelInitializer(ts: AnalysisEnv['ts'], id: TS.Identifier): TS.Expression | undefined {
  for (const st of id.getSourceFile().statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === id.text && d.initializer) return d.initializer;
  }
  return undefined;
}
