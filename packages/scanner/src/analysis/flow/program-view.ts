import { calleeName, enclosingFunction, functionName, type FunctionLike, type TypeScriptModule } from '@tenant-audit/core';
import { ts } from 'ts-morph';
import type { EntryPoint } from '../../entrypoints/index.js';
import type { CallGraph } from '../callgraph/graph.js';
import type { ProgramContext, FileUnit } from '../context.js';
import { lineOf } from '../raw-finding.js';
import type { TraceStep } from '../../model.js';

export const tsm = ts as unknown as TypeScriptModule;

/** Everything the whole-program passes share: the graph, the entry points and node → file lookups. */
export interface ProgramView {
  ctx: ProgramContext;
  graph: CallGraph;
  entries: Map<FunctionLike, EntryPoint>;
  unitOf: (node: ts.Node) => FileUnit | undefined;
  /** Lower-cased models some query filters by a tenant column (what the code says of tables no schema declares). */
  tenantFilteredModels: ReadonlySet<string>;
}

export function nameOfFn(fn: FunctionLike): string | undefined {
  return functionName(tsm, fn);
}

export function enclosingFn(node: ts.Node): FunctionLike | undefined {
  return enclosingFunction(tsm, node as never) as FunctionLike | undefined;
}

export function callersOf(view: ProgramView, fn: FunctionLike): ts.CallExpression[] {
  return view.graph.callersOf(fn, nameOfFn(fn));
}

export function stepAt(view: ProgramView, node: ts.Node, note: string): TraceStep | undefined {
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
  const holder = (fn as unknown as ts.Node).parent;
  const handedTo = holder && ts.isCallExpression(holder) ? calleeName(tsm, holder as never) : undefined;
  return handedTo ? `the ${handedTo} callback` : 'function';
}

export function callStep(view: ProgramView, call: ts.CallExpression): TraceStep | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
  const name = calleeName(tsm, call as never) ?? (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee) ? labelOfFn(callee as unknown as FunctionLike) : 'function');
  return stepAt(view, call, `calls ${name}`);
}
