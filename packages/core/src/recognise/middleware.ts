import type * as TS from 'typescript';
import type { AnalysisEnv } from './env.js';
import { calleeName, endsInExit, isFunctionLike, mentionsIdentifier, localInitializer, unwrap, walk } from './ast.js';
import { isTenantName } from './tenant.js';
import { matchesName } from '../names/catalogue.js';


/** The function a `.use(…)` argument runs: `t.middleware(fn)`, a local holding one, a factory call `enforce('v3')`, or `fn` itself. */
function middlewareFunction(arg: TS.Expression, env: AnalysisEnv, depth = 0): TS.FunctionLikeDeclaration | undefined {
  const ts = env.ts;
  const x = unwrap(ts, arg);
  if (depth > 6) return undefined;
  if (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) {
    // `(mode) => t.middleware(async (opts) => …)`: a factory's body is the middleware.
    const body = ts.isArrowFunction(x) && !ts.isBlock(x.body) ? unwrap(ts, x.body) : undefined;
    if (body && ts.isCallExpression(body) && /middleware$/i.test(calleeName(ts, body) ?? '')) return middlewareFunction(body, env, depth + 1);
    return x;
  }
  if (ts.isIdentifier(x)) {
    const init = localInitializer(ts, x);
    return init ? middlewareFunction(init, env, depth + 1) : undefined;
  }
  if (ts.isCallExpression(x)) {
    const name = calleeName(ts, x) ?? '';
    if (/middleware$/i.test(name) || name === 'create') {
      const fn = x.arguments.find((a) => isFunctionLike(ts, unwrap(ts, a)));
      return fn ? middlewareFunction(fn, env, depth + 1) : undefined;
    }
    const callee = unwrap(ts, x.expression);
    if (ts.isIdentifier(callee)) return middlewareFunction(callee, env, depth + 1);
  }
  return undefined;
}

/** Names in `node` that carry the tenant or the caller, widened through the locals initialised from them. */
function taintedLocals(fn: TS.FunctionLikeDeclaration, env: AnalysisEnv, seed: (name: string) => boolean): Set<string> {
  const ts = env.ts;
  const tainted = new Set<string>();
  const declarations: { names: string[]; init: TS.Expression }[] = [];
  walk(ts, fn, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const names: string[] = [];
      walk(ts, n.name, (b) => {
        if (ts.isIdentifier(b)) names.push(b.text);
        return undefined;
      });
      declarations.push({ names, init: n.initializer });
    }
    return undefined;
  });
  const mentions = (node: TS.Node): boolean => mentionsIdentifier(ts, node, (n) => seed(n) || tainted.has(n));
  for (let changed = true, rounds = 0; changed && rounds < 6; rounds++) {
    changed = false;
    for (const d of declarations) {
      if (d.names.every((n) => tainted.has(n)) || !mentions(d.init)) continue;
      for (const n of d.names) if (!tainted.has(n)) { tainted.add(n); changed = true; }
    }
  }
  return tainted;
}

/**
 * A middleware that rejects the call unless the input's tenant belongs to the caller: an `if` that
 * throws, whose condition depends (directly or through locals) both on a tenant-named input value and
 * on the caller (`ctx.session.user.organizations.find(…)`). A middleware that only reads the tenant
 * (tracing) or only validates the input's shape is not a check.
 */
export function middlewareChecksTenant(arg: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const fn = middlewareFunction(arg, env);
  if (!fn || !fn.body) return false;
  const tenant = taintedLocals(fn, env, (n) => isTenantName(n, env));
  const principal = taintedLocals(fn, env, (n) => matchesName('membershipPrincipals', n, env.config));
  const onTenant = (n: string): boolean => isTenantName(n, env) || tenant.has(n);
  const onCaller = (n: string): boolean => matchesName('membershipPrincipals', n, env.config) || principal.has(n);
  // `ctx.session.user.organizations.find((p) => p.id === projectId)`, `isMember(user.id, projectId)`:
  // one expression that relates the two. `!ctx.session || !projectId` does not.
  const relates = (node: TS.Node): boolean => mentionsIdentifier(ts, node, onTenant) && mentionsIdentifier(ts, node, onCaller);
  const joint = new Set<string>();
  walk(ts, fn, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isIdentifier(n.name) && relates(n.initializer)) joint.add(n.name.text);
    return undefined;
  });
  let checks = false;
  walk(ts, fn.body, (n) => {
    if (checks) return false;
    if (!ts.isIfStatement(n) || !endsInExit(ts, n.thenStatement, true)) return undefined;
    walk(ts, n.expression, (c) => {
      if (checks) return false;
      if (ts.isIdentifier(c) && joint.has(c.text)) checks = true;
      else if ((ts.isCallExpression(c) || (ts.isBinaryExpression(c) && isEquality(ts, c.operatorToken.kind))) && relates(c)) checks = true;
      return undefined;
    });
    return undefined;
  });
  return checks;
}

function isEquality(ts: AnalysisEnv['ts'], kind: TS.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
}
