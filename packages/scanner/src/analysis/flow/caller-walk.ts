import type { FunctionLike, SinkRecord } from '@tenant-audit/core';
import type * as ts from 'typescript';
import { argumentOrigin, type ArgumentOrigin } from './argument-origin.js';
import type { ArgValue } from './arguments.js';
import { pinAtCall, type PathFacts } from './pinned-by-caller.js';
import { guardClosedAt, guardsAbove } from './guarded-call.js';
import { callerChecksRows, callResultOnlyTested } from './unexposed-result.js';
import { returnedBy } from './callers-check.js';
import { callersOf, type ProgramView } from './program-view.js';

/** A parameter of a function whose value its callers decide: the argument position, the property read from it, its name. */
export interface FollowedParam {
  fn: FunctionLike;
  index: number;
  property: string | undefined;
  name: string;
}

/** A bad path: why, and the call sites from the outermost bad caller down to the sink's function. */
export interface CallerPath {
  reason: string;
  calls: ts.CallExpression[];
}

/** What one call site says: a bad path starts here, the value is the caller's own parameter (followed up), or nothing. */
export type CallSiteVerdict = { kind: 'bad'; reason: string } | { kind: 'follow'; to: FollowedParam } | undefined;

/** What tells one follower from another: how far up it goes and how it judges a call site. */
export interface CallerWalk {
  maxDepth: number;
  judge: (view: ProgramView, call: ts.CallExpression, param: FollowedParam, along: PathFacts) => CallSiteVerdict;
}

/**
 * The walk the tenant and id followers share: every call site of the parameter's function, in call-site
 * order, up to `limit` bad paths. Call sites that cannot hand over another tenant's rows are skipped
 * before judging; a caller's own parameter is followed further up (bounded, each function once).
 */
export function walkCallers(view: ProgramView, param: FollowedParam, walker: CallerWalk, limit: number,
  depth = 0, seen = new Set<FunctionLike>(), along: PathFacts = {}): CallerPath[] {
  const out: CallerPath[] = [];
  if (depth > walker.maxDepth || seen.has(param.fn)) return out;
  seen.add(param.fn);
  for (const call of callersOf(view, param.fn)) {
    if (out.length >= limit) break;
    // A call site that pins the rows to the verified caller by another key is not a path (see pinned-by-caller.ts).
    const pinning = pinAtCall(call, along.pins ?? [], view.ctx.env);
    if (pinning.pinned) continue;
    // The function hands its rows back and this caller only tests them (see unexposed-result.ts), or
    // checks them against the tenant before using them: this call site reads nothing of another tenant's.
    if (along.rowsReturned && (callResultOnlyTested(call, view.ctx.env) || callerChecksRows(call, view.ctx.env))) continue;
    // The path below runs only under a flag this call site leaves false (see guarded-call.ts).
    if (guardClosedAt(call, along.guards, view.ctx.env)) continue;
    const verdict = walker.judge(view, call, param, along);
    if (verdict?.kind === 'bad') out.push({ reason: verdict.reason, calls: [call] });
    else if (verdict?.kind === 'follow') {
      const up = verdict.to;
      const above = walkCallers(view, up, walker, limit - out.length, depth + 1, seen,
        { pins: pinning.up.filter((p) => p.fn === up.fn), guards: guardsAbove(call, along.guards, up.fn), write: along.write ?? false,
          rowsReturned: !!along.rowsReturned && returnedBy(call, up.fn), ...(along.badInput ? { badInput: along.badInput } : {}),
          ...(along.onOpaque ? { onOpaque: along.onOpaque } : {}) });
      for (const u of above) out.push({ reason: u.reason, calls: [...u.calls, call] });
    }
  }
  return out;
}

/** Where a passed value comes from; `inner(...args)` hands on the caller's own parameter, followed like any other. */
export function passedOrigin(view: ProgramView, call: ts.CallExpression, arg: Extract<ArgValue, { kind: 'value' | 'forward' }>,
  property: string | undefined, write: boolean | undefined): ArgumentOrigin {
  return arg.kind === 'forward'
    ? { kind: 'follow', fn: arg.fn, index: arg.index, property, name: arg.name } : argumentOrigin(view, call, arg, property, write);
}

/** The parameter a sink of this verdict is scoped by, for its callers to decide. */
export function sinkParameter(sink: SinkRecord, verdict: 'parameter' | 'id-parameter'): FollowedParam | undefined {
  const o = sink.origin;
  if (sink.verdict !== verdict || !o || o.kind !== 'parameter') return undefined;
  return { fn: o.fn, index: o.index, property: o.property, name: o.name };
}
