import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { calleeName, localInitializer, mentionsIdentifier, unwrap, walk } from '../recognise/ast.js';

/**
 * The variables a sink's result is stored in: `const doc = await sink`, `doc = await sink`, the names
 * of `const { program, ...submission } = await sink`, or the matching element of
 * `const [a, b] = await Promise.all([sinkA, sinkB])`.
 */
export function resultVariables(node: TS.Node, env: AnalysisEnv): string[] {
  const ts = env.ts;
  // `await find(…).catch((e) => { throw … })`: `.catch` / `.finally` hand the same rows on.
  const handsOn = (p: TS.Node): boolean => ts.isPropertyAccessExpression(p) && /^(catch|finally)$/.test(p.name.text) &&
    !!p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p;
  const climb = (n: TS.Node): TS.Node => {
    let p = n;
    for (;;) {
      if (p.parent && (ts.isAwaitExpression(p.parent) || ts.isParenthesizedExpression(p.parent) || ts.isNonNullExpression(p.parent) || ts.isAsExpression(p.parent))) p = p.parent;
      else if (p.parent && handsOn(p.parent)) p = p.parent.parent as TS.Node;
      else return p;
    }
  };
  let p = climb(node);
  let element: number | undefined;
  // `Promise.all([sinkA, sinkB])`: follow the array out to its destructuring.
  if (p.parent && ts.isArrayLiteralExpression(p.parent) && p.parent.parent && ts.isCallExpression(p.parent.parent) && calleeName(ts, p.parent.parent) === 'all') {
    element = p.parent.elements.indexOf(p as TS.Expression);
    p = climb(p.parent.parent);
  }
  const parent = p.parent;
  if (parent && ts.isVariableDeclaration(parent)) {
    if (element !== undefined) {
      if (!ts.isArrayBindingPattern(parent.name)) return [];
      const el = parent.name.elements[element];
      return el && ts.isBindingElement(el) ? bindingNames(el.name, env) : [];
    }
    return bindingNames(parent.name, env);
  }
  if (element === undefined && parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(parent.left)) return [parent.left.text];
  return [];
}

export function bindingNames(name: TS.BindingName, env: AnalysisEnv): string[] {
  const ts = env.ts;
  if (ts.isIdentifier(name)) return [name.text];
  if (ts.isObjectBindingPattern(name)) return name.elements.flatMap((el) => bindingNames(el.name, env));
  // `const [membership] = await db.select()…limit(1)`: the rows a builder returns, taken from its array.
  if (ts.isArrayBindingPattern(name)) return name.elements.flatMap((el) => (ts.isBindingElement(el) ? bindingNames(el.name, env) : []));
  return [];
}

export function readsVariable(expr: TS.Node, name: string, env: AnalysisEnv): boolean {
  return mentionsIdentifier(env.ts, expr, (n) => n === name);
}

/** Case and whitespace folding: `x.trim().toLowerCase()` compares `x`. */
const FOLDING = /^(trim|trimStart|trimEnd|toLowerCase|toUpperCase|toLocaleLowerCase|toLocaleUpperCase|normalize|toString)$/;

/** `inviteEmail` (`const inviteEmail = invite.email?.trim().toLowerCase()`) → `invite.email`: what a compared side stands for. */
function comparedValue(e: TS.Expression, env: AnalysisEnv, depth = 0): TS.Expression {
  const ts = env.ts;
  let x = unwrap(ts, e);
  for (let i = 0; i < 8; i++) {
    if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && FOLDING.test(x.expression.name.text)) x = unwrap(ts, x.expression.expression);
    else break;
  }
  if (ts.isIdentifier(x) && depth < 2) {
    const init = localInitializer(ts, x);
    if (init) return comparedValue(init, env, depth + 1);
  }
  return x;
}

/**
 * The values the loaded record `name` is compared with in `expr` (`if (invite.email !== session.user.email)`,
 * also through locals and case folding): each is what the record was checked against.
 */
export function comparedSides(expr: TS.Expression, name: string, env: AnalysisEnv): TS.Expression[] {
  const ts = env.ts;
  const out: TS.Expression[] = [];
  walk(ts, expr, (n) => {
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(n.operatorToken.kind)) {
      const sides = [comparedValue(n.left, env), comparedValue(n.right, env)];
      const ofRecord = sides.findIndex((side) => ts.isPropertyAccessExpression(side) && readsVariable(side, name, env));
      const other = ofRecord >= 0 ? sides[1 - ofRecord] : undefined;
      if (other && !readsVariable(other, name, env)) out.push(other);
    }
    return undefined;
  });
  return out;
}
