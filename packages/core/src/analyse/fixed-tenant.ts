import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { accessPath, contains, enclosingFunctions, endsInExit, isFunctionLike, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { isTenantName } from '../recognise/tenant.js';

/** `DUB_WORKSPACE_ID`, `process.env.STAFF_ORG_ID`, `'ws_internal'`, `prefix(OPERATOR_ID)`: one tenant fixed in code or config. */
function isFixedTenant(e: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const x = unwrap(ts, e);
  if (ts.isStringLiteralLike(x)) return x.text.length > 0;
  if (ts.isIdentifier(x)) return /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(x.text);
  if (ts.isPropertyAccessExpression(x)) {
    const target = unwrap(ts, x.expression);
    return ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'process' && target.name.text === 'env';
  }
  if (ts.isCallExpression(x)) return x.arguments.length > 0 && x.arguments.every((a) => isFixedTenant(a, env));
  return false;
}

/** `workspaceId`, `workspace.id`, `ctx.org.id`: a plain path that names the tenant (not a call, not a literal). */
function namesTenant(e: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const x = unwrap(ts, e);
  if (ts.isIdentifier(x)) return isTenantName(x.text, env);
  const path = ts.isPropertyAccessExpression(x) ? accessPath(ts, x) : undefined;
  return !!path && !path.some((p) => p.endsWith('()')) && path.some((p) => isTenantName(p, env));
}

/**
 * `if (workspaceId !== DUB_WORKSPACE_ID) throw new Error('Not authorized')` before the use: past that
 * line the code runs for one tenant fixed in code or config, the operator's own (a staff tool such as
 * editing the integrations catalogue), so the rows it reads are not picked by another tenant.
 */
export function onlyForFixedTenant(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn) return false;
  const ts = env.ts;
  for (const scope of enclosingFunctions(ts, node)) {
    let found = false;
    walk(ts, scope, (n) => {
      if (found || n.pos >= node.pos) return false;
      // A check inside another callback guards that callback, not this use.
      if (n !== scope && isFunctionLike(ts, n) && !contains(n, node)) return false;
      if (!ts.isIfStatement(n) || contains(n, node)) return undefined;
      const cond = unwrap(ts, n.expression);
      if (!ts.isBinaryExpression(cond) || !endsInExit(ts, n.thenStatement)) return undefined;
      const op = cond.operatorToken.kind;
      if (op !== ts.SyntaxKind.ExclamationEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsToken) return undefined;
      if ((namesTenant(cond.left, env) && isFixedTenant(cond.right, env)) || (namesTenant(cond.right, env) && isFixedTenant(cond.left, env))) found = true;
      return undefined;
    });
    if (found) return true;
  }
  return false;
}
