import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { calleeName, nameOf, resolveObjectLiteral, unwrap } from '../recognise/ast.js';
import type { SinkMatch } from '../recognise/sinks.js';
import { isTenantKey } from '../recognise/tenant.js';

/**
 * `select: { organizationId: true }`, `select: { environment: { select: { projectId: true } } }`,
 * `columns: { teamId: true }`: every field picked is the row's id or the key of the tenant that owns
 * it, and at least one is such a key.
 */
function picksOnlyOwner(obj: TS.ObjectLiteralExpression, env: AnalysisEnv, depth = 0): { only: boolean; owner: boolean } {
  const ts = env.ts;
  let owner = false;
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p)) return { only: false, owner };
    const name = nameOf(ts, p.name) ?? '';
    const value = unwrap(ts, p.initializer);
    if (value.kind === ts.SyntaxKind.TrueKeyword) {
      if (isTenantKey(name, env)) owner = true;
      else if (name !== 'id') return { only: false, owner };
      continue;
    }
    // A relation read for its own owner key: `environment: { select: { project: { select: { organizationId: true } } } }`.
    const nested = ts.isObjectLiteralExpression(value) && depth < 4 ? value : undefined;
    const inner = nested && nested.properties.length === 1 ? nested.properties[0] : undefined;
    const innerName = inner && ts.isPropertyAssignment(inner) ? nameOf(ts, inner.name) : undefined;
    const innerObj = inner && ts.isPropertyAssignment(inner) && (innerName === 'select' || innerName === 'columns') ? resolveObjectLiteral(ts, inner.initializer) : undefined;
    if (!innerObj) return { only: false, owner };
    const r = picksOnlyOwner(innerObj, env, depth + 1);
    if (!r.only) return { only: false, owner };
    owner ||= r.owner;
  }
  return { only: true, owner };
}

interface Picked {
  fields: TS.ObjectLiteralExpression;
  /** `select: { teamId: true }` (flags, relations nested) or Drizzle's `select({ teamId: t.teamId })` (columns). */
  form: 'flags' | 'columns';
}

/** The `select` / `columns` object of a Prisma or Drizzle relational read, or a Drizzle `db.select({…})` in its chain. */
function pickedFields(match: SinkMatch, env: AnalysisEnv): Picked | undefined {
  const ts = env.ts;
  const call = match.node as TS.Node;
  if (!ts.isCallExpression(call)) return undefined;
  const arg = resolveObjectLiteral(ts, call.arguments[0]);
  if (arg) {
    for (const p of arg.properties) {
      if (!ts.isPropertyAssignment(p) || !/^(select|columns)$/.test(nameOf(ts, p.name) ?? '')) continue;
      const fields = resolveObjectLiteral(ts, p.initializer);
      return fields ? { fields, form: 'flags' } : undefined;
    }
  }
  // `db.select({ teamId: t.teamId }).from(t).where(…)`: the builder's own select, down its chain.
  for (let e: TS.Expression = call; ts.isCallExpression(e) || ts.isPropertyAccessExpression(e); e = e.expression) {
    if (ts.isCallExpression(e) && calleeName(ts, e) === 'select' && e.arguments.length === 1) {
      const fields = resolveObjectLiteral(ts, e.arguments[0]);
      return fields ? { fields, form: 'columns' } : undefined;
    }
  }
  return undefined;
}

/** `{ teamId: t.teamId, id: t.id }`: each key names the column it holds, and the columns are the id and owner keys. */
function columnsOnlyOwner(fields: TS.ObjectLiteralExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let owner = false;
  for (const p of fields.properties) {
    if (!ts.isPropertyAssignment(p)) return false;
    const value = unwrap(ts, p.initializer);
    const column = ts.isPropertyAccessExpression(value) ? value.name.text : undefined;
    if (!column) return false;
    if (isTenantKey(column, env)) owner = true;
    else if (column !== 'id') return false;
  }
  return owner;
}

/**
 * A read that picks only which tenant owns a row (`findUnique({ where: { id }, select: { organizationId: true } })`),
 * the lookup an action makes to authorize the caller against the row's own tenant before touching it.
 * It returns no tenant data: the owner's id is what the caller is then checked against.
 */
export function readsOnlyOwner(match: SinkMatch, env: AnalysisEnv): boolean {
  if (match.operation !== 'read' || match.category !== 'query') return false;
  const picked = pickedFields(match, env);
  if (!picked || picked.fields.properties.length === 0) return false;
  if (picked.form === 'columns') return columnsOnlyOwner(picked.fields, env);
  const r = picksOnlyOwner(picked.fields, env);
  return r.only && r.owner;
}
