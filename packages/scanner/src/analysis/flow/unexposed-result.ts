import { enclosingFunction, resultOnlyTested, type AnalysisEnv, type FunctionLike, type SinkRecord } from '@tenant-audit/core';
import { ts } from 'ts-morph';

/** The sink is a read whose rows its function hands straight back (`return db.select()…`, `return await prisma.x.findMany(…)`). */
export function returnsReadRows(sink: SinkRecord, fn: FunctionLike): boolean {
  if (sink.match.operation !== 'read') return false;
  let p = sink.match.node as unknown as ts.Node;
  // The rest of a builder chain (`db.select(…).from(t).where(…).orderBy(…)`) is the same rows.
  while (p.parent && (ts.isAwaitExpression(p.parent) || ts.isParenthesizedExpression(p.parent) ||
    (ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p) || (ts.isCallExpression(p.parent) && p.parent.expression === p))) p = p.parent;
  const parent = p.parent;
  if (!parent) return false;
  if (ts.isReturnStatement(parent)) return enclosingFunction(ts as never, parent as never) === fn;
  return ts.isArrowFunction(parent) && parent.body === p && (parent as unknown) === fn;
}

/**
 * The caller only tests what the call returns (`const members = await getMembers(db, input.teamId);
 * const me = members.find(…); if (me?.role === 'owner' && owners === 1) throw …`): the rows decide
 * control flow and reach nobody, so the client-chosen key does not leak them.
 */
export function callResultOnlyTested(call: ts.CallExpression, env: AnalysisEnv): boolean {
  const caller = enclosingFunction(ts as never, call as never);
  return !!caller && resultOnlyTested(call as never, caller, env);
}
