import type { FunctionLike } from '@tenant-audit/core';
import type { CallGraph } from '../analysis/callgraph/graph.js';
import type { Resolver } from '../analysis/callgraph/resolve.js';
import type { ProgramContext } from '../analysis/context.js';
import { callEntries, graphqlEntries } from './calls.js';
import { nestEntries, nextEntries } from './frameworks.js';
import { httpEntries } from './http.js';
import type { EntryPoint } from './types.js';

export type { EntryPoint } from './types.js';

/** Every entry point of the program by handler function (the first registration wins). */
export function findEntryPoints(ctx: ProgramContext, graph: CallGraph, resolver: Resolver): Map<FunctionLike, EntryPoint> {
  const extra = ctx.env.config.entryPoints;
  const all: EntryPoint[] = [
    ...httpEntries(graph.allCalls, resolver),
    ...callEntries(graph.allCalls, graph.news, resolver, extra),
  ];
  for (const unit of ctx.files) {
    all.push(...nestEntries(unit.sf, extra), ...nextEntries(unit.sf, unit.rel), ...graphqlEntries(unit.sf));
  }
  const byFn = new Map<FunctionLike, EntryPoint>();
  for (const e of all) if (!byFn.has(e.fn)) byFn.set(e.fn, e);
  return byFn;
}
