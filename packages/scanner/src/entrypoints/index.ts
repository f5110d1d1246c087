import type { FunctionLike } from '@tenant-audit/core';
import type { CallGraph } from '../analysis/callgraph/graph.js';
import type { Resolver } from '../analysis/callgraph/resolve.js';
import type { FileIndex } from '../analysis/callgraph/syntax-index.js';
import type { FileUnit, ProgramContext } from '../analysis/context.js';
import { callEntries, graphqlEntries } from './calls.js';
import { nestEntries, nextEntries } from './frameworks.js';
import { httpEntries } from './http.js';
import type { EntryPoint } from './types.js';

export type { EntryPoint } from './types.js';

/** Every entry point of the program by handler function (the first registration wins). */
export function findEntryPoints(ctx: ProgramContext, graph: CallGraph, resolver: Resolver, indexes: ReadonlyMap<FileUnit, FileIndex>): Map<FunctionLike, EntryPoint> {
  const extra = ctx.env.config.entryPoints;
  const all: EntryPoint[] = [
    ...httpEntries(graph.allCalls, resolver),
    ...callEntries(graph.allCalls, graph.news, resolver, extra),
  ];
  for (const unit of ctx.files) {
    const ix = indexes.get(unit);
    if (!ix) continue;
    all.push(...nestEntries(ix.decoratedClasses, extra), ...nextEntries(unit.sf, unit.rel, ix.serverFunctions), ...graphqlEntries(ix.rootTypes));
  }
  const byFn = new Map<FunctionLike, EntryPoint>();
  for (const e of all) if (!byFn.has(e.fn)) byFn.set(e.fn, e);
  return byFn;
}
