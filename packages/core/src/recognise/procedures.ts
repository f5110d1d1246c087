import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from './env.js';
import { isFunctionLike, unwrap } from './ast.js';
import { middlewareChecksTenant } from './middleware.js';

/**
 * tRPC procedures named for the tenant they guard (`protectedProjectProcedure`,
 * `protectedOrganizationProcedure`, `workspaceProcedure`): by convention their middleware checks that
 * the caller belongs to the tenant named in the input before the handler runs, so the input's tenant
 * field is verified. Only the tenant field is: other ids in the input stay client-chosen.
 */
const TENANT_PROCEDURE = /^\w*(Project|Org|Organi[sz]ation|Workspace|Team|Tenant|Account)\w*Procedure\w*$/;
const HANDLER_METHODS = new Set(['query', 'mutation', 'subscription']);

/** The procedure a handler is registered on: `protectedProjectProcedure.input(s).query(handler)` → its root name. */
export function tenantProcedureOf(fn: TS.Node, env: AnalysisEnv): string | undefined {
  const ts = env.ts;
  for (let f: TS.Node | undefined = fn; f; f = f.parent) {
    if (!isFunctionLike(ts, f)) continue;
    const call = f.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(f as TS.Expression)) continue;
    const callee = unwrap(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !HANDLER_METHODS.has(callee.name.text)) continue;
    let root: TS.Expression = callee.expression;
    for (let i = 0; i < 32; i++) {
      const x = unwrap(ts, root);
      if (ts.isCallExpression(x)) root = x.expression;
      else if (ts.isPropertyAccessExpression(x)) root = x.expression;
      else { root = x; break; }
    }
    if (ts.isIdentifier(root) && isTenantProcedure(root.text, sourceFileOf(fn, env), env)) return root.text;
  }
  return undefined;
}

function isTenantProcedure(name: string, sf: TS.SourceFile, env: AnalysisEnv): boolean {
  if (TENANT_PROCEDURE.test(name)) return true;
  // The scanner hands over the whole program's set (this file's procedures included); ESLint reads the file.
  return env.verifiedProcedures ? env.verifiedProcedures.has(name) : tenantCheckingProcedures(sf, env).has(name);
}

const perFile = new WeakMap<TS.SourceFile, Set<string>>();

/**
 * Procedures a file defines whose `.use(…)` chain checks the input's tenant against the caller
 * (`export const protectedGetSessionProcedure = base.use(withErrorHandling).use(enforceSessionAccess)`,
 * see middleware.ts), also through a base procedure that does (`tenantProc.use(logging)`). The scanner
 * collects them over the whole program; ESLint sees the procedures of the file it lints.
 */
export function tenantCheckingProcedures(sf: TS.SourceFile, env: AnalysisEnv, known: ReadonlySet<string> = new Set()): Set<string> {
  const cached = known.size === 0 ? perFile.get(sf) : undefined;
  if (cached) return cached;
  const ts = env.ts;
  const found = new Set<string>();
  const definitions: { name: string; init: TS.Expression }[] = [];
  if (sf.text.includes('.use(')) {
    for (const stmt of sf.statements) {
      if (!ts.isVariableStatement(stmt)) continue;
      for (const d of stmt.declarationList.declarations) {
        // Any name: `export const p2 = protectedGetSessionProcedure.use(logging)` is a procedure too.
        if (ts.isIdentifier(d.name) && d.initializer) definitions.push({ name: d.name.text, init: d.initializer });
      }
    }
  }
  for (let changed = true, rounds = 0; changed && rounds < 4; rounds++) {
    changed = false;
    for (const def of definitions) {
      if (found.has(def.name)) continue;
      const { root, uses } = procedureChain(def.init, env);
      const base = root !== undefined && (TENANT_PROCEDURE.test(root) || known.has(root) || found.has(root) || !!env.verifiedProcedures?.has(root));
      if (base || uses.some((u) => middlewareChecksTenant(u, env))) {
        found.add(def.name);
        changed = true;
      }
    }
  }
  if (known.size === 0) perFile.set(sf, found);
  return found;
}

/** `base.use(a).use(b).meta(m)` → root `base`, uses [a, b]. */
function procedureChain(init: TS.Expression, env: AnalysisEnv): { root: string | undefined; uses: TS.Expression[] } {
  const ts = env.ts;
  const uses: TS.Expression[] = [];
  let x: TS.Expression = unwrap(ts, init);
  for (let i = 0; i < 32; i++) {
    if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) {
      if (x.expression.name.text === 'use' && x.arguments[0]) uses.push(x.arguments[0]);
      x = unwrap(ts, x.expression.expression);
    } else if (ts.isPropertyAccessExpression(x)) {
      x = unwrap(ts, x.expression);
    } else break;
  }
  return { root: ts.isIdentifier(x) ? x.text : undefined, uses };
}
