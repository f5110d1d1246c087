import { calleeName, enclosingFunction, functionName, type FunctionLike, type TypeScriptModule } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { EntryPoint } from '../../entrypoints/index.js';
import type { CallGraph } from '../callgraph/graph.js';
import type { ProgramContext, FileUnit } from '../context.js';
import { lineOf } from '../raw-finding.js';
import type { TraceStep } from '../../model.js';

export const tsm = ts;

/** Everything the whole-program passes share: the graph, the entry points and node → file lookups. */
export interface ProgramView {
  ctx: ProgramContext;
  graph: CallGraph;
  entries: Map<FunctionLike, EntryPoint>;
  unitOf: (node: TS.Node) => FileUnit | undefined;
  /** Lower-cased models some query filters by a tenant column (what the code says of tables no schema declares). */
  tenantFilteredModels: ReadonlySet<string>;
}

export function nameOfFn(fn: FunctionLike): string | undefined {
  return functionName(tsm, fn);
}

export function enclosingFn(node: TS.Node): FunctionLike | undefined {
  return enclosingFunction(tsm, node) as FunctionLike | undefined;
}

export function callersOf(view: ProgramView, fn: FunctionLike): TS.CallExpression[] {
  return view.graph.callersOf(fn, nameOfFn(fn));
}

export function stepAt(view: ProgramView, node: TS.Node, note: string): TraceStep | undefined {
  const unit = view.unitOf(node);
  return unit ? { file: unit.rel, line: lineOf(node, unit.sf), note } : undefined;
}

/**
 * A name for messages and traces: the function's own, or for a callback what it is handed to
 * (`the swr callback` for the loader of `cache.x.swr(key, async (id) => …)`).
 */
export function labelOfFn(fn: FunctionLike): string {
  const own = nameOfFn(fn);
  if (own) return own;
  const holder = (fn).parent;
  const handedTo = holder && ts.isCallExpression(holder) ? calleeName(tsm, holder) : undefined;
  return handedTo ? `the ${handedTo} callback` : 'function';
}

export function callStep(view: ProgramView, call: TS.CallExpression): TraceStep | undefined {
  let callee: TS.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
  const name = calleeName(tsm, call) ?? (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee) ? labelOfFn(callee) : 'function');
  return stepAt(view, call, `calls ${name}`);
}
