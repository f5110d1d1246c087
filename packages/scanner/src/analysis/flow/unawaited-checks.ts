import { unawaitedCheckShape, type AnalysisEnv } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { Resolver } from '../callgraph/resolve.js';

export interface UnawaitedCheck {
  call: TS.CallExpression;
  message: string;
}

/** A function that returns a Promise: declared `async`, or typed `Promise<…>`. */
function isAsyncFunction(fn: TS.Node): boolean {
  const f = fn as TS.FunctionLikeDeclaration;
  if (f.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return true;
  const type = f.type;
  return !!type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise';
}

/**
 * Checks imported from another file and used without `await` (core judges the ones declared in the
 * same file): `if (!hasEnvironmentAccess(…)) throw` tests a Promise, always truthy; `assertOwner(…);`
 * alone lets the request go on before the check settles, and its rejection reaches nobody.
 */
export function unawaitedChecks(calls: readonly TS.CallExpression[], resolver: Resolver, env: AnalysisEnv): UnawaitedCheck[] {
  const out: UnawaitedCheck[] = [];
  for (const call of calls) {
    const shape = unawaitedCheckShape(call, env);
    if (!shape) continue;
    const target = resolver.callTarget(call).fn;
    // Same-file callees are core's to report; only a resolved async callee elsewhere is judged here.
    if (!target || target.getSourceFile() === call.getSourceFile() || !isAsyncFunction(target)) continue;
    const name = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : call.expression.getText();
    out.push({
      call,
      message: shape === 'condition'
        ? `${name}() is async and is tested without await: a Promise is always truthy, so this check never fails; await it`
        : `${name}() is async and is called without await: the request goes on before the check settles and its rejection reaches nobody; await it`,
    });
  }
  return out;
}
