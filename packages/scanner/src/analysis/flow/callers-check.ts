import { checkedAfterLoad, insideScopedRunner, type FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import { callersOf, enclosingFn, type ProgramView } from './program-view.js';

const MAX_DEPTH = 5;

/** Whether `node`'s value is what `fn` returns: `return sink`, an arrow body, or `const x = sink … return x`. */
export function returnedBy(node: TS.Node, fn: FunctionLike | undefined): boolean {
  if (!fn) return false;
  let p: TS.Node = node;
  while (p.parent && (ts.isAwaitExpression(p.parent) || ts.isParenthesizedExpression(p.parent) || ts.isNonNullExpression(p.parent) ||
    ts.isAsExpression(p.parent) || ts.isSatisfiesExpression(p.parent))) p = p.parent;
  const parent = p.parent;
  if (!parent) return false;
  if (ts.isReturnStatement(parent)) return enclosingFn(parent) === fn;
  if ((parent as TS.Node) === (fn)) return true; // concise arrow body
  // `const row = …`, `const [row] = …` (the first row of a builder's result).
  const name = ts.isVariableDeclaration(parent) ? boundName(parent.name) : undefined;
  if (name) {
    let found = false;
    const visit = (n: TS.Node): void => {
      if (found) return;
      if (n !== (fn) && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n))) return;
      if (ts.isReturnStatement(n) && n.expression && handsBack(n.expression, name)) found = true;
      ts.forEachChild(n, visit);
    };
    visit(fn);
    return found;
  }
  return false;
}

function boundName(name: TS.BindingName): string | undefined {
  if (ts.isIdentifier(name)) return name.text;
  const first = ts.isArrayBindingPattern(name) ? name.elements[0] : undefined;
  return first && ts.isBindingElement(first) && ts.isIdentifier(first.name) && !first.dotDotDotToken ? first.name.text : undefined;
}

/** `row`, `row ?? null`, `row || undefined`, `row ? toDto(row) : null`, `toDto(row)`: the row, as it is or mapped. */
function handsBack(expr: TS.Expression, name: string): boolean {
  let e = expr;
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) return e.text === name;
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) return handsBack(e.left, name);
  if (ts.isConditionalExpression(e)) return handsBack(e.whenTrue, name) || handsBack(e.whenFalse, name);
  if (ts.isCallExpression(e)) return e.arguments.some((a) => handsBack(a, name));
  return false;
}

/**
 * An unscoped load whose result the function returns is fine when every caller (there is at least
 * one) checks the returned record against the tenant, or calls it inside a tenant-scoped runner. A
 * caller that only returns it on defers to its own callers (up to five levels). For a write
 * (`checkAfter` false) only the scoped runner counts: a check of the returned row comes after the
 * other tenant's row was changed.
 */
export function excusedByCallers(view: ProgramView, fn: FunctionLike | undefined, checkAfter = true, depth = 0, seen = new Set<FunctionLike>()): boolean {
  if (!fn || depth > MAX_DEPTH || seen.has(fn)) return false;
  seen.add(fn);
  const calls = callersOf(view, fn);
  if (calls.length === 0) return false;
  const env = view.ctx.env;
  return calls.every((call) => {
    const caller = enclosingFn(call);
    if ((checkAfter && checkedAfterLoad(call, caller, env)) || insideScopedRunner(call, env)) return true;
    return returnedBy(call, caller) && excusedByCallers(view, caller, checkAfter, depth + 1, seen);
  });
}

