import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { calleeName, localInitializer, nameOf, unwrap, walk } from '../recognise/ast.js';
import { isCapabilityKey } from '../recognise/filter.js';
import type { SinkMatch } from '../recognise/sinks.js';
import { isOwnerKey, isTenantKey } from '../recognise/tenant.js';

/** Writes that change every row their filter matches (not one row picked by its unique key). */
const BULK_WRITE: Partial<Record<SinkMatch['library'], RegExp>> = {
  prisma: /^(updateMany|deleteMany|updateManyAndReturn)$/,
  typeorm: /^(update|delete|softDelete|restore)$/,
  sequelize: /^(update|destroy)$/,
  mongoose: /^(updateMany|deleteMany)$/,
};

/** Where the filter object of a bulk write sits. */
function filterObject(match: SinkMatch, env: AnalysisEnv): TS.ObjectLiteralExpression | undefined {
  const ts = env.ts;
  const call = match.node as TS.CallExpression;
  const objectOf = (e: TS.Expression | undefined): TS.ObjectLiteralExpression | undefined => {
    if (!e) return undefined;
    const u = unwrap(ts, e);
    const init = ts.isIdentifier(u) ? localInitializer(ts, u) : undefined;
    const o = init ? unwrap(ts, init) : u;
    return ts.isObjectLiteralExpression(o) ? o : undefined;
  };
  const whereOf = (e: TS.Expression | undefined): TS.ObjectLiteralExpression | undefined => {
    const o = objectOf(e);
    const where = o?.properties.find((p) => nameOf(ts, p.name) === 'where');
    return where && ts.isPropertyAssignment(where) ? objectOf(where.initializer) : undefined;
  };
  const name = calleeName(ts, call) ?? '';
  if (match.library === 'prisma') return whereOf(call.arguments[0]);
  if (match.library === 'sequelize') return name === 'update' ? whereOf(call.arguments[1]) : whereOf(call.arguments[0]);
  return objectOf(call.arguments[0]);
}

/** A column that picks or partitions rows: an id, a foreign key, the tenant, the owner, a secret. */
function isKeyColumn(key: string, env: AnalysisEnv): boolean {
  return /^(_?id|uid|uuid)$/i.test(key) || /(Id|ID|Uid|_id|_uid)$/.test(key) || isTenantKey(key, env) || isOwnerKey(key) ||
    isCapabilityKey(key) || env.dataModel.isAnchorField(key) || /^(OR|AND|NOT|\$or|\$and|\$nor)$/.test(key);
}

/** `loaded.orderIndex` where `loaded` holds what an (awaited) call returned: a value of one loaded row. */
function readsLoadedRow(ts: AnalysisEnv['ts'], value: TS.Node): boolean {
  let found = false;
  walk(ts, value, (n) => {
    if (found) return false;
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(unwrap(ts, n.expression))) {
      const init = localInitializer(ts, unwrap(ts, n.expression) as TS.Identifier);
      if (init && ts.isCallExpression(unwrap(ts, init))) found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * `tx.teamRequest.updateMany({ where: { orderIndex: { gte: request.orderIndex } }, data: { … } })`: a
 * bulk write whose filter holds only ordinary columns (no id, tenant, owner or parent key), one of them
 * a range bounded by a value read off one loaded row. It is meant for that row's siblings (shift the
 * order behind it), but it changes every tenant's rows past the bound. The columns it filters by, or
 * undefined when it is not such a write.
 */
export function bulkWriteWithoutPartition(match: SinkMatch, env: AnalysisEnv): string[] | undefined {
  const ts = env.ts;
  if (match.operation !== 'write' || !ts.isCallExpression(match.node)) return undefined;
  const bulk = BULK_WRITE[match.library];
  if (!bulk || !bulk.test(calleeName(ts, match.node) ?? '')) return undefined;
  const where = filterObject(match, env);
  if (!where || where.properties.length === 0) return undefined;
  const columns: string[] = [];
  let fromLoadedRow = false;
  for (const p of where.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return undefined;
    const key = nameOf(ts, p.name);
    if (!key || isKeyColumn(key, env)) return undefined;
    columns.push(key);
    if (ts.isPropertyAssignment(p) && isRange(ts, p.initializer) && readsLoadedRow(ts, p.initializer)) fromLoadedRow = true;
  }
  return fromLoadedRow ? columns : undefined;
}

const RANGE_KEY = /^\$?(gt|gte|lt|lte)$/;
const RANGE_CALL = /^(MoreThan|MoreThanOrEqual|LessThan|LessThanOrEqual|Between)$/;

/**
 * `{ gte: row.orderIndex }`, `{ [Op.gte]: … }`, `MoreThanOrEqual(row.position)`: a range, which spans
 * every row past a bound. A list of values (`{ in: slugs }`) or an equality picks its rows instead.
 */
function isRange(ts: AnalysisEnv['ts'], value: TS.Expression): boolean {
  const v = unwrap(ts, value);
  if (ts.isCallExpression(v)) return RANGE_CALL.test(calleeName(ts, v) ?? '');
  if (!ts.isObjectLiteralExpression(v)) return false;
  return v.properties.some((p) => {
    const name = p.name && ts.isComputedPropertyName(p.name) && ts.isPropertyAccessExpression(unwrap(ts, p.name.expression))
      ? (unwrap(ts, p.name.expression) as TS.PropertyAccessExpression).name.text : nameOf(ts, p.name);
    return RANGE_KEY.test(name ?? '');
  });
}
