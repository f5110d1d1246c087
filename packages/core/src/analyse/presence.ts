import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { unwrap } from '../recognise/ast.js';

/**
 * `n` reads the value called `name`: an identifier of that name that is not a property name (`a.name`),
 * an object key (`{ name: … }`) or a declared name (`const name = …`).
 */
export function readsName(ts: AnalysisEnv['ts'], n: TS.Node, name: string): n is TS.Identifier {
  if (!ts.isIdentifier(n) || n.text !== name) return false;
  const p = n.parent;
  return !((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || (ts.isVariableDeclaration(p) && p.name === n));
}

/** `null` / `undefined`: what a presence test compares the value with. */
export function isMissingValue(ts: AnalysisEnv['ts'], x: TS.Expression): boolean {
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
}

/** `x`, `!!x`, `x !== undefined`, `x != null`, `Boolean(x)`: a test that is true only when the value is there. */
export function testsPresent(cond: TS.Expression, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const e = unwrap(ts, cond);
  if (ts.isIdentifier(e)) return e.text === name;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = unwrap(ts, e.operand);
    return ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken && testsPresent(inner.operand, name, env);
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Boolean' && e.arguments[0]) return testsPresent(e.arguments[0], name, env);
  if (ts.isBinaryExpression(e)) {
    if (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return testsPresent(e.left, name, env) || testsPresent(e.right, name, env);
    if ([ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(e.operatorToken.kind)) {
      const [l, r] = [unwrap(ts, e.left), unwrap(ts, e.right)];
      return (ts.isIdentifier(l) && l.text === name && isMissingValue(ts, r)) || (ts.isIdentifier(r) && r.text === name && isMissingValue(ts, l));
    }
  }
  return false;
}
