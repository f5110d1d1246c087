import { classifyValue, type AnalysisEnv, type FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import { argumentFor, defaultValue } from './arguments.js';

/** A flag parameter of the function around a call that must be truthy for the call to run. */
export interface CallGuard {
  fn: FunctionLike;
  index: number;
  property: string | undefined;
  name: string;
}

/** `includeBounties` → the parameter (or destructured property) of `fn` it names, if any. */
function flagParameter(fn: FunctionLike, id: TS.Identifier): CallGuard | undefined {
  const params = (fn).parameters;
  for (let index = 0; index < params.length; index++) {
    const p = params[index] as TS.ParameterDeclaration;
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
 * The flags a call runs under: `...(includeBounties && { bounties: await getSummaries(…) })`,
 * `includeX ? await load() : undefined`, `if (includeX) { … load() … }`, or an early
 * `if (!userId) return false;` before it in an enclosing block, where the flag is a parameter of the
 * function the call sits in.
 */
export function guardOf(call: TS.Node, fn: FunctionLike | undefined): CallGuard[] {
  if (!fn) return [];
  const out: CallGuard[] = [];
  let child: TS.Node = call;
  for (let p = call.parent; p && p !== (fn); child = p, p = p.parent) {
    let cond: TS.Expression | undefined;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && p.right === child) cond = p.left;
    else if (ts.isConditionalExpression(p) && p.whenTrue === child) cond = p.condition;
    else if (ts.isIfStatement(p) && p.thenStatement === child) cond = p.expression;
    const flag = cond && ts.isParenthesizedExpression(cond) ? cond.expression : cond;
    const guard = flag && ts.isIdentifier(flag) ? flagParameter(fn, flag) : undefined;
    if (guard) out.push(guard);
    if (ts.isBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
      for (const stmt of p.statements) {
        if (stmt.pos >= child.pos) break;
        const missing = ts.isIfStatement(stmt) && !stmt.elseStatement && exits(stmt.thenStatement) ? missingTest(stmt.expression) : undefined;
        const early = missing && flagParameter(fn, missing);
        if (early) out.push(early);
      }
    }
  }
  return out;
}

/** `return …` / `throw …`, alone or as the last statement of a block. */
function exits(stmt: TS.Statement): boolean {
  const last = ts.isBlock(stmt) ? stmt.statements[stmt.statements.length - 1] : stmt;
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/** `!x`, `x == null`, `x === undefined`: the identifier whose absence the condition tests. */
function missingTest(cond: TS.Expression): TS.Identifier | undefined {
  const e = ts.isParenthesizedExpression(cond) ? cond.expression : cond;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && ts.isIdentifier(e.operand)) return e.operand;
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken].includes(e.operatorToken.kind) && ts.isIdentifier(e.left) &&
      (e.right.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e.right) && e.right.text === 'undefined'))) return e.left;
  return undefined;
}

function isFalsy(e: TS.Expression | undefined): boolean {
  return !e || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(e) && e.text === 'undefined') || (ts.isNumericLiteral(e) && e.text === '0');
}

/**
 * This call site cannot reach the guarded call: it leaves a flag out (and the flag defaults to
 * false) or passes `false`. The route that calls `getGroupOrThrow({ programId, groupId })` without
 * `includeBounties` never runs the bounty query below it.
 */
export function guardClosedAt(call: TS.CallExpression, guards: readonly CallGuard[] | undefined, env: AnalysisEnv): boolean {
  return (guards ?? []).some((guard) => {
    const arg = argumentFor(call, guard.index, guard.property, guard.name);
    if (arg.kind === 'omitted') return isFalsy(defaultValue(guard.fn, guard.index, guard.property));
    if (arg.kind !== 'value' || arg.wholeObject) return false;
    return isFalsy(arg.expr) || classifyValue(arg.expr, env).kind === 'undefined';
  });
}

/**
 * The guards one level up: where the call site hands a flag on from its own parameter
 * (`isAuthorized({ userId })` inside `load({ userId })`), the caller's callers decide it; plus the
 * flags the call site itself runs under.
 */
export function guardsAbove(call: TS.CallExpression, guards: readonly CallGuard[] | undefined, caller: FunctionLike): CallGuard[] {
  const lifted: CallGuard[] = [];
  for (const guard of guards ?? []) {
    const arg = argumentFor(call, guard.index, guard.property, guard.name);
    if (arg.kind !== 'value' || arg.wholeObject) continue;
    const e = arg.expr as TS.Expression;
    const up = ts.isIdentifier(e) ? flagParameter(caller, e) : undefined;
    if (up) lifted.push(up);
  }
  return [...guardOf(call, caller), ...lifted];
}
