import { checkedAfterLoad, enclosingFunction, resultOnlyTested, type AnalysisEnv, type FunctionLike, type SinkRecord } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import { returnedBy } from './callers-check.js';

/**
 * The sink is a read whose rows its function hands back (`return db.select()…`, `return await
 * prisma.x.findMany(…)`, `const rows = …; return rows`): the builder chain around the sink is the
 * same rows, so the whole chain is what `returnedBy` is asked about.
 */
export function returnsReadRows(sink: SinkRecord, fn: FunctionLike): boolean {
  if (sink.match.operation !== 'read') return false;
  let p: TS.Node = sink.match.node;
  while (p.parent && ((ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p) || (ts.isCallExpression(p.parent) && p.parent.expression === p))) p = p.parent;
  return returnedBy(p, fn);
}

/**
 * The caller only tests what the call returns (`const members = await getMembers(db, input.teamId);
 * const me = members.find(…); if (me?.role === 'owner' && owners === 1) throw …`): the rows decide
 * control flow and reach nobody, so the client-chosen key does not leak them.
 */
export function callResultOnlyTested(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const caller = enclosingFunction(ts, call);
  return !!caller && resultOnlyTested(call, caller, env);
}

/**
 * The caller checks the row the call returns against the tenant before using it
 * (`const task = await getTask(id); if (task.workspaceId !== ctx.workspaceId) throw`): judged per
 * call site, so one checked caller does not excuse the others, nor they it.
 */
export function callerChecksRows(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const caller = enclosingFunction(ts, call);
  return !!caller && checkedAfterLoad(call, caller, env);
}
