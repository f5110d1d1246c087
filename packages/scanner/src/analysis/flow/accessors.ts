import type { FunctionLike, SinkRecord } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { FileUnit } from '../context.js';
import { enclosingFn, nameOfFn, type ProgramView } from './program-view.js';

const cache = new WeakMap<ProgramView, { functions: Set<FunctionLike>; names: Set<string> }>();

/** Functions (and their names) that hold a recognised query of their own, directly or in a nested callback. */
function functionsWithQueries(view: ProgramView): { functions: Set<FunctionLike>; names: Set<string> } {
  let hit = cache.get(view);
  if (hit) return hit;
  hit = { functions: new Set(), names: new Set() };
  for (const unit of view.ctx.files as readonly FileUnit[]) {
    for (const sink of unit.analysis.sinks) {
      for (let fn = sink.fn; fn; fn = enclosingFn(fn)) {
        hit.functions.add(fn);
        // By name only real queries stand in: a routing store's method that hands the call on to
        // another store holds just another accessor.
        const name = sink.match.accessor ? undefined : nameOfFn(fn);
        if (name) hit.names.add(name);
      }
    }
  }
  cache.set(view, hit);
  return hit;
}

/**
 * A data-access wrapper called by name (`runStore.findBatchTaskRunById(id)`) is judged as a query
 * only while its code is out of sight. When the call resolves to a scanned method, that method's
 * own queries are judged (and followed back to this call); when it does not resolve, a scanned
 * method of the same name holding a query stands for it. The name of the method that answers, or
 * undefined when the call is the only thing to judge.
 */
export function accessorJudgedInside(view: ProgramView, sink: SinkRecord): string | undefined {
  const name = sink.match.accessor;
  if (!name) return undefined;
  const known = functionsWithQueries(view);
  // A tagged template (`sql`…``) is never a call of the program's own functions.
  const target = ts.isCallExpression(sink.match.node) ? view.graph.target(sink.match.node) : undefined;
  if (target) return known.functions.has(target) ? name : undefined;
  return known.names.has(name) ? name : undefined;
}
