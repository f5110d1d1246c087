import { bodyResolvesOrFailsClosed, classifyValue, type FunctionLike, type SinkRecord } from '@tenant-audit/core';
import { ts } from 'ts-morph';
import { argumentFor, defaultValue } from './arguments.js';
import { argumentOrigin, type ArgumentOrigin } from './argument-origin.js';
import { pinAtCall, type PathFacts } from './pinned-by-caller.js';
import { guardClosedAt, guardsAbove } from './guarded-call.js';
import { callerChecksRows, callResultOnlyTested } from './unexposed-result.js';
import { returnedBy } from './callers-check.js';
import { callersOf, labelOfFn, enclosingFn, nameOfFn, tsm, type ProgramView } from './program-view.js';

const MAX_DEPTH = 5;

export interface BadPath {
  /** Why the tenant is wrong, e.g. "tenant comes from body.orgId via buildUsageReport". */
  reason: string;
  /** Call sites from the outermost bad caller down to the sink's function. */
  calls: ts.CallExpression[];
}

/** A missing tenant is fine when the callee fails closed on it, resolves it from context, or defaults it to a trusted value. */
function missingIsHandled(view: ProgramView, fn: FunctionLike, index: number, property: string | undefined, paramName: string): boolean {
  const env = view.ctx.env;
  if (bodyResolvesOrFailsClosed(fn as never, paramName, env)) return true;
  const init = defaultValue(fn, index, property);
  if (!init) return false;
  const kind = classifyValue(init as never, env).kind;
  return kind === 'context' || kind === 'verified' || kind === 'literal';
}

/**
 * Follows a parameter-scoped sink's tenant to every call site of its function: an omitted or
 * `undefined` tenant, or one taken from request input that the caller does not check, is a bad path;
 * a tenant that is itself the caller's parameter is followed further up (bounded). The first bad path
 * in file/position order is returned.
 */
export function findBadPath(view: ProgramView, fn: FunctionLike, index: number, property: string | undefined, paramName: string,
  depth = 0, seen = new Set<FunctionLike>(), along: PathFacts = {}): BadPath | undefined {
  return findBadPaths(view, fn, index, property, paramName, 1, depth, seen, along)[0];
}

/** Every bad path up to `limit`, in call-site order (see findBadIdPaths). */
export function findBadPaths(view: ProgramView, fn: FunctionLike, index: number, property: string | undefined, paramName: string,
  limit: number, depth = 0, seen = new Set<FunctionLike>(), along: PathFacts = {}): BadPath[] {
  const out: BadPath[] = [];
  if (depth > MAX_DEPTH || seen.has(fn)) return out;
  seen.add(fn);
  const env = view.ctx.env;
  const calleeName = labelOfFn(fn);
  for (const call of callersOf(view, fn)) {
    if (out.length >= limit) break;
    // A call site that pins the rows to the verified caller by another key is not a path (see pinned-by-caller.ts).
    const pinning = pinAtCall(call, along.pins ?? [], view.ctx.env);
    if (pinning.pinned) continue;
    // The function hands its rows back and this caller only tests them (see unexposed-result.ts), or
    // checks them against the tenant before using them: this call site reads nothing of another tenant's.
    if (along.rowsReturned && (callResultOnlyTested(call, view.ctx.env) || callerChecksRows(call, view.ctx.env))) continue;
    // The path below runs only under a flag this call site leaves false (see guarded-call.ts).
    if (guardClosedAt(call, along.guards, view.ctx.env)) continue;
    const caller = enclosingFn(call);
    const callerName = (caller && nameOfFn(caller)) ?? 'a caller';
    const arg = argumentFor(call, index, property, paramName);
    if (arg.kind === 'opaque') {
      along.onOpaque?.();
      continue;
    }
    if ((arg.kind === 'omitted' || (arg.kind === 'value' && classifyValue(arg.expr as never, env).kind === 'undefined')) &&
        missingIsHandled(view, fn, index, property, paramName)) continue;
    if (arg.kind === 'omitted') {
      out.push({ reason: `${callerName} calls ${calleeName} without ${arg.what}, so the filter is undefined and matches every tenant`, calls: [call] });
      continue;
    }
    // `inner(...args)`: the caller hands on its own parameter, followed like any other.
    const judged: ArgumentOrigin = arg.kind === 'forward'
      ? { kind: 'follow', fn: arg.fn, index: arg.index, property, name: arg.name } : argumentOrigin(view, call, arg, property, along.write);
    if (judged.kind === 'undefined') out.push({ reason: `${callerName} passes undefined as the tenant of ${calleeName}, so the filter matches every tenant`, calls: [call] });
    else if (judged.kind === 'untrusted') out.push({ reason: `tenant comes from ${judged.path} via ${calleeName}, client-controlled and not checked against the caller`, calls: [call] });
    else if (judged.kind === 'entry-input') out.push({ reason: `tenant is a parameter of ${judged.note} (request input) passed to ${calleeName}`, calls: [call] });
    else if (judged.kind === 'follow') {
      const up = findBadPaths(view, judged.fn, judged.index, judged.property, judged.name, limit - out.length, depth + 1, seen,
        { pins: pinning.up.filter((p) => p.fn === judged.fn), guards: guardsAbove(call, along.guards, judged.fn), write: along.write ?? false,
          rowsReturned: !!along.rowsReturned && returnedBy(call, judged.fn), ...(along.onOpaque ? { onOpaque: along.onOpaque } : {}) });
      for (const u of up) out.push({ reason: u.reason, calls: [...u.calls, call] });
    }
  }
  return out;
}

export function parameterOrigin(sink: SinkRecord): { fn: FunctionLike; index: number; property: string | undefined; name: string } | undefined {
  const o = sink.origin;
  if (sink.verdict !== 'parameter' || !o || o.kind !== 'parameter') return undefined;
  return { fn: o.fn, index: o.index, property: o.property, name: o.name };
}
