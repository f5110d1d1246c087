import { classifyValue, type AnalysisEnv, type FunctionLike } from '@tenant-audit/core';
import { ts } from 'ts-morph';
import { argumentFor, defaultValue } from './arguments.js';

/** A flag parameter of the function around a call that must be truthy for the call to run. */
export interface CallGuard {
  fn: FunctionLike;
  index: number;
  property: string | undefined;
  name: string;
}

/** `includeBounties` → the parameter (or destructured property) of `fn` it names, if any. */
function flagParameter(fn: FunctionLike, id: ts.Identifier): CallGuard | undefined {
  const params = (fn as unknown as ts.SignatureDeclaration).parameters;
  for (let index = 0; index < params.length; index++) {
    const p = params[index] as ts.ParameterDeclaration;
    if (ts.isIdentifier(p.name) && p.name.text === id.text) return { fn, index, property: undefined, name: id.text };
    if (ts.isObjectBindingPattern(p.name)) {
      for (const el of p.name.elements) {
        if (ts.isIdentifier(el.name) && el.name.text === id.text) {
          const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : id.text;
          return { fn, index, property: key, name: id.text };
        }
      }
    }
  }
  return undefined;
}

/**
 * The flag a call runs under: `...(includeBounties && { bounties: await getSummaries(…) })`,
 * `includeX ? await load() : undefined`, `if (includeX) { … load() … }`, where `includeX` is a
 * parameter of the function the call sits in.
 */
export function guardOf(call: ts.Node, fn: FunctionLike | undefined): CallGuard | undefined {
  if (!fn) return undefined;
  let child: ts.Node = call;
  for (let p = call.parent; p && p !== (fn as unknown as ts.Node); child = p, p = p.parent) {
    let cond: ts.Expression | undefined;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && p.right === child) cond = p.left;
    else if (ts.isConditionalExpression(p) && p.whenTrue === child) cond = p.condition;
    else if (ts.isIfStatement(p) && p.thenStatement === child) cond = p.expression;
    const flag = cond && ts.isParenthesizedExpression(cond) ? cond.expression : cond;
    if (flag && ts.isIdentifier(flag)) {
      const guard = flagParameter(fn, flag);
      if (guard) return guard;
    }
  }
  return undefined;
}

function isFalsy(e: ts.Expression | undefined): boolean {
  return !e || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(e) && e.text === 'undefined') || (ts.isNumericLiteral(e) && e.text === '0');
}

/**
 * This call site cannot reach the guarded call: it leaves the flag out (and the flag defaults to
 * false) or passes `false`. The route that calls `getGroupOrThrow({ programId, groupId })` without
 * `includeBounties` never runs the bounty query below it.
 */
export function guardClosedAt(call: ts.CallExpression, guard: CallGuard | undefined, env: AnalysisEnv): boolean {
  if (!guard) return false;
  const arg = argumentFor(call, guard.index, guard.property, guard.name);
  if (arg.kind === 'omitted') return isFalsy(defaultValue(guard.fn, guard.index, guard.property));
  if (arg.kind !== 'value' || arg.wholeObject) return false;
  return isFalsy(arg.expr) || classifyValue(arg.expr as never, env).kind === 'undefined';
}
