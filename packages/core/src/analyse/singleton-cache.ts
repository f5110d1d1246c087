import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { findLocalDeclaration, isFunctionLike, localInitializer, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { isTenantName } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';
import { fitSummary } from './summary.js';

/** `let instance` declared at the top of the module: one value for the whole process, every tenant's. */
function moduleLet(ts: AnalysisEnv['ts'], id: TS.Identifier): TS.VariableDeclaration | undefined {
  const decl = findLocalDeclaration(ts, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) !== 0) return undefined;
  return ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent) ? decl : undefined;
}

/** `if (instance) return instance`, `if (instance !== null) { return instance }`, `return instance ??= build()`. */
function earlyReturnOf(ts: AnalysisEnv['ts'], st: TS.Statement): TS.Identifier | undefined {
  if (!ts.isIfStatement(st)) return undefined;
  const then = ts.isBlock(st.thenStatement) ? st.thenStatement.statements[0] : st.thenStatement;
  if (!then || !ts.isReturnStatement(then) || !then.expression) return undefined;
  const returned = unwrap(ts, then.expression);
  if (!ts.isIdentifier(returned)) return undefined;
  let tested = false;
  walk(ts, st.expression, (n) => {
    if (ts.isIdentifier(n) && n.text === returned.text) tested = true;
    return tested ? false : undefined;
  });
  return tested ? returned : undefined;
}

/** Whether `expr` depends on one of the names, directly or through locals of the function (`const sp = await createSp(platformId)`). */
function dependsOn(ts: AnalysisEnv['ts'], expr: TS.Node, names: ReadonlySet<string>, depth = 0): boolean {
  let found = false;
  walk(ts, expr, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n)) {
      if (names.has(n.text)) found = true;
      else if (depth < 3) {
        const init = localInitializer(ts, n);
        if (init && dependsOn(ts, init, names, depth + 1)) found = true;
      }
    }
    return undefined;
  });
  return found;
}

function parameterNames(ts: AnalysisEnv['ts'], fn: FunctionLike): string[] {
  const out: string[] = [];
  for (const p of fn.parameters) {
    if (ts.isIdentifier(p.name)) out.push(p.name.text);
    else if (ts.isObjectBindingPattern(p.name)) for (const el of p.name.elements) if (ts.isIdentifier(el.name)) out.push(el.name.text);
  }
  return out;
}

/**
 * A module-level memo that ignores the tenant it is built for: a function that takes a tenant
 * (`createSamlClient(platformId, provider)`) returns the one cached instance when it exists, and
 * otherwise builds it from its arguments and caches it. The first tenant's client (its IdP, its
 * keys) is then handed to every tenant after it.
 */
export function analyseSingletonCaches(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const ts = env.ts;
  const out: LocalFinding[] = [];
  for (const fn of c.functions) {
    const params = parameterNames(ts, fn);
    const tenant = params.find((p) => isTenantName(p, env));
    if (!tenant || !fn.body || !ts.isBlock(fn.body)) continue;
    const early = fn.body.statements.map((st) => earlyReturnOf(ts, st)).find((id): id is TS.Identifier => id !== undefined);
    if (!early || !moduleLet(ts, early)) continue;
    const names = new Set(params);
    let built: TS.Node | undefined;
    walk(ts, fn.body, (n) => {
      if (built) return false;
      if (n !== fn && isFunctionLike(ts, n)) return false;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(unwrap(ts, n.left)) &&
          (unwrap(ts, n.left) as TS.Identifier).text === early.text && dependsOn(ts, n.right, names)) built = n;
      return undefined;
    });
    if (!built) continue;
    out.push({
      kind: 'shared-cache-keyspace', messageId: 'singletonIgnoresTenant', node: built, fn,
      message: `${early.text} is built from the ${tenant} it is called with but cached once for the whole process: every later tenant gets the first tenant's instance; cache per tenant (a Map keyed by ${tenant}) or build it per call`,
      summary: fitSummary('shared-cache-keyspace', `${early.text} is built for one ${tenant} but cached for the whole process`, `cache it per ${tenant} or build it per call`),
    });
  }
  return out;
}
