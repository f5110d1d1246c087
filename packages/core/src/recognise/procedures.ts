import type * as TS from 'typescript';
import type { AnalysisEnv } from './env.js';
import { isFunctionLike, unwrap } from './ast.js';

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
    if (ts.isIdentifier(root) && TENANT_PROCEDURE.test(root.text)) return root.text;
  }
  return undefined;
}
