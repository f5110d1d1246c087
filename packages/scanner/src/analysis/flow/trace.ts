import type { FunctionLike } from '@tenant-audit/core';
import type * as ts from 'typescript';
import type { EntryPoint } from '../../entrypoints/index.js';
import type { TraceStep } from '../../model.js';
import { callersOf, callStep, enclosingFn, nameOfFn, stepAt, type ProgramView } from './program-view.js';

const MAX_HOPS = 8;
const MAX_VISITS = 4000;

export interface EntryPath {
  entry: EntryPoint;
  /** Call sites from the entry's function down to the target, outermost first. */
  calls: ts.CallExpression[];
}

const memo = new WeakMap<ProgramView, Map<FunctionLike, EntryPath | null>>();

/**
 * The shortest chain of calls from an entry point down to `fn` (breadth-first over callers). An
 * anonymous callback (`startActiveSpan('x', async () => …)`, `withTenantTransaction(…, async (tx) => …)`)
 * is reached through the function it sits in.
 */
export function entryPathTo(view: ProgramView, fn: FunctionLike): EntryPath | undefined {
  let cache = memo.get(view);
  if (!cache) memo.set(view, (cache = new Map()));
  const hit = cache.get(fn);
  if (hit !== undefined) return hit ?? undefined;
  const queue: { fn: FunctionLike; calls: ts.CallExpression[] }[] = [{ fn, calls: [] }];
  const visited = new Set<FunctionLike>();
  let result: EntryPath | undefined;
  let visits = 0;
  search: while (queue.length > 0 && visits < MAX_VISITS) {
    const item = queue.shift() as { fn: FunctionLike; calls: ts.CallExpression[] };
    for (let f: FunctionLike | undefined = item.fn; f; f = enclosingFn(f)) {
      if (visited.has(f)) break;
      visited.add(f);
      visits++;
      const entry = view.entries.get(f);
      if (entry) {
        result = { entry, calls: item.calls };
        break search;
      }
      const callers = nameOfFn(f) !== undefined ? callersOf(view, f) : [];
      if (item.calls.length < MAX_HOPS) {
        for (const call of callers) {
          const caller = enclosingFn(call);
          if (caller && !visited.has(caller)) queue.push({ fn: caller, calls: [call, ...item.calls] });
        }
      }
      if (callers.length > 0) break;
    }
  }
  cache.set(fn, result ?? null);
  return result;
}

/** Trace steps: the entry, every call on the way, then the finding itself. */
export function traceSteps(view: ProgramView, path: EntryPath | undefined, extraCalls: readonly ts.CallExpression[], last: TraceStep): TraceStep[] {
  const steps: TraceStep[] = [];
  if (path) {
    const e = stepAt(view, path.entry.site, path.entry.note);
    if (e) steps.push({ ...e, entry: true });
    for (const c of path.calls) {
      const s = callStep(view, c);
      if (s) steps.push(s);
    }
  }
  for (const c of extraCalls) {
    const s = callStep(view, c);
    if (s) steps.push(s);
  }
  steps.push(last);
  return steps;
}

/** The trace of a finding located in `fn` (or at top level). */
export function traceFor(view: ProgramView, fn: FunctionLike | undefined, node: ts.Node, note: string): TraceStep[] {
  const last = stepAt(view, node, note);
  if (!last) return [];
  return traceSteps(view, fn ? entryPathTo(view, fn) : undefined, [], last);
}
