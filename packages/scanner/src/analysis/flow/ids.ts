import type { FunctionLike, SinkRecord } from '@tenant-audit/core';
import type { ts } from 'ts-morph';
import { argumentOrigin, type ArgumentOrigin } from './argument-origin.js';
import { pinAtCall, type PathFacts } from './pinned-by-caller.js';
import { guardClosedAt, guardsAbove } from './guarded-call.js';
import { callerChecksRows, callResultOnlyTested } from './unexposed-result.js';
import { returnedBy } from './callers-check.js';
import { argumentFor } from './arguments.js';
import { callersOf, labelOfFn, nameOfFn, type ProgramView } from './program-view.js';

const MAX_DEPTH = 6;

export interface BadIdPath {
  /** e.g. "the id comes from req.params.id via getDocument". */
  reason: string;
  /** Call sites from the outermost bad caller down to the sink's function. */
  calls: ts.CallExpression[];
}

/**
 * Follows the id an `id-parameter` sink picks rows by to every call site of its function: an id
 * from request input that the caller does not check (or a parameter of an entry point, which is
 * request input too) is a cross-tenant read; an id from loaded data or the verified context is not;
 * an id that is the caller's own parameter is followed further up (bounded).
 */
export function findBadIdPath(view: ProgramView, fn: FunctionLike, index: number, property: string | undefined, paramName: string,
  depth = 0, seen = new Set<FunctionLike>(), along: PathFacts = {}): BadIdPath | undefined {
  return findBadIdPaths(view, fn, index, property, paramName, 1, depth, seen, along)[0];
}

/**
 * Every bad path up to `limit`, in call-site order: a helper shared by several handlers is reported
 * once, with the entry paths that reach it unchecked (the first is the finding's trace).
 */
export function findBadIdPaths(view: ProgramView, fn: FunctionLike, index: number, property: string | undefined, paramName: string,
  limit: number, depth = 0, seen = new Set<FunctionLike>(), along: PathFacts = {}): BadIdPath[] {
  const out: BadIdPath[] = [];
  if (depth > MAX_DEPTH || seen.has(fn)) return out;
  seen.add(fn);
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
    const arg = argumentFor(call, index, property, paramName);
    if (arg.kind === 'opaque') along.onOpaque?.();
    if (arg.kind !== 'value' && arg.kind !== 'forward') continue;
    // `inner(...args)`: the caller hands on its own parameter, followed like any other.
    const judged: ArgumentOrigin = arg.kind === 'forward'
      ? { kind: 'follow', fn: arg.fn, index: arg.index, property, name: arg.name } : argumentOrigin(view, call, arg, property, along.write);
    if (judged.kind === 'untrusted' && along.badInput && !along.badInput(judged.path)) continue;
    if (judged.kind === 'entry-input' && along.badInput) continue;
    if (judged.kind === 'untrusted') {
      out.push({ reason: `the id comes from ${judged.path} via ${calleeName}, chosen by the client and not checked against the tenant`, calls: [call] });
    } else if (judged.kind === 'entry-input') {
      out.push({ reason: `the id is a parameter of ${judged.note} (request input) passed to ${calleeName}, not checked against the tenant`, calls: [call] });
    } else if (judged.kind === 'follow') {
      const up = findBadIdPaths(view, judged.fn, judged.index, judged.property, judged.name, limit - out.length, depth + 1, seen,
        { pins: pinning.up.filter((p) => p.fn === judged.fn), guards: guardsAbove(call, along.guards, judged.fn), write: along.write ?? false,
          rowsReturned: !!along.rowsReturned && returnedBy(call, judged.fn), ...(along.badInput ? { badInput: along.badInput } : {}),
          ...(along.onOpaque ? { onOpaque: along.onOpaque } : {}) });
      for (const u of up) out.push({ reason: u.reason, calls: [...u.calls, call] });
    }
  }
  return out;
}

export function idParameterOrigin(sink: SinkRecord): { fn: FunctionLike; index: number; property: string | undefined; name: string } | undefined {
  const o = sink.origin;
  if (sink.verdict !== 'id-parameter' || !o || o.kind !== 'parameter') return undefined;
  return { fn: o.fn, index: o.index, property: o.property, name: o.name };
}
