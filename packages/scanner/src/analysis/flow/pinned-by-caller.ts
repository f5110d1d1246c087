import { classifyValue, isVerifiedPrincipalValue, type AnalysisEnv, type FunctionLike, type SinkRecord } from '@tenant-audit/core';
import type { ts } from 'ts-morph';
import { argumentFor } from './params.js';

/**
 * The other keys of a sink's filter that are parameters of its function (`{ partnerId, programId }`,
 * `and(eq(t.id, id), eq(t.email, email))`): when the call site passes the verified caller for one of
 * them (`partnerId: partner.id`, `email: session.user.email`), the rows are the caller's own, whatever
 * the client chose for the key being followed.
 */
export function pinnedByCaller(sink: SinkRecord, fn: FunctionLike, call: ts.CallExpression | undefined, env: AnalysisEnv): boolean {
  if (!call) return false;
  const ev = sink.match.evidence;
  const values = ev.status === 'tenant'
    ? [...(ev.values ?? [ev.value]), ...(ev.idValues ?? []), ...(ev.ownerValues ?? [])]
    : ev.status === 'none' ? ev.idValues : [];
  for (const v of values) {
    if (!v) continue;
    const origin = classifyValue(v, env);
    if (origin.kind !== 'parameter' || origin.fn !== fn) continue;
    const arg = argumentFor(call, origin.index, origin.property, origin.name);
    if (arg.kind === 'value' && !arg.wholeObject && isVerifiedPrincipalValue(arg.expr as never, env)) return true;
  }
  return false;
}
