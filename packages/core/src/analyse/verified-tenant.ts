import type * as TS from 'typescript';
import { normalizeFieldName } from '../model/names.js';
import { contains, findLocalDeclaration, isFunctionLike, textOf, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { classifyValue, isTenantName } from '../recognise/tenant.js';

/** A value the code already holds that is the caller's verified tenant, as written in the source. */
export interface VerifiedTenantValue {
  /** Source text to reuse (`ctx.session.organizationId`, `orgId`, `getCurrentTenant().tenantId`). */
  text: string;
  /** The name it is read under (`organizationId`), to prefer the one named like the column. */
  name: string;
}

/** A tenant id by name: a tenant field (any casing) or `…tenant…Id`; not the tenant entity (`workspace`) itself. */
function namesTenantId(name: string, env: AnalysisEnv): boolean {
  const n = normalizeFieldName(name);
  return env.config.tenantFields.some((f) => normalizeFieldName(f) === n) || /tenant\w*id$/.test(n);
}

/** The block, function or file a declaration is visible in. */
function scopeOf(ts: AnalysisEnv['ts'], decl: TS.Node): TS.Node | undefined {
  if (ts.isParameter(decl)) return decl.parent;
  for (let n: TS.Node | undefined = decl.parent; n; n = n.parent) {
    if (ts.isBlock(n) || ts.isSourceFile(n) || isFunctionLike(ts, n) || ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isCaseClause(n)) return n;
  }
  return undefined;
}

/** The identifier an access path starts from (`ctx` of `ctx.session.orgId`), or undefined for a call root. */
function rootIdentifier(ts: AnalysisEnv['ts'], e: TS.Expression): TS.Identifier | undefined {
  let cur = unwrap(ts, e);
  while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur)) cur = unwrap(ts, cur.expression);
  return ts.isIdentifier(cur) ? cur : undefined;
}

/** Whatever `id` names can be read at `at`: declared in a scope that holds `at` (a global or import when not local). */
function visibleAt(ts: AnalysisEnv['ts'], id: TS.Identifier, at: TS.Node): boolean {
  const decl = findLocalDeclaration(ts, id);
  if (!decl) return true;
  const scope = scopeOf(ts, decl);
  return scope !== undefined && contains(scope, at);
}

function verified(expr: TS.Expression, env: AnalysisEnv): boolean {
  const kind = classifyValue(expr, env).kind;
  return kind === 'verified' || kind === 'context';
}

/**
 * The caller's verified tenant as the function already reads it before `at`: a local or parameter
 * named for the tenant whose value core classifies as verified (`const { orgId } = ctx.session`), or
 * an access like `ctx.session.organizationId`, `getCurrentTenant().tenantId`, `workspace.id` of a
 * verified workspace. The one named like `prefer` (the model's column) wins. Nothing is invented: no
 * value in scope, no answer.
 */
export function verifiedTenantInScope(at: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv, prefer?: string): VerifiedTenantValue | undefined {
  if (!fn) return undefined;
  const ts = env.ts;
  const sf = sourceFileOf(at, env);
  const start = at.getStart(sf);
  const found: VerifiedTenantValue[] = [];
  const seen = new Set<string>();
  const add = (text: string, name: string): void => {
    if (seen.has(text)) return;
    seen.add(text);
    found.push({ text, name });
  };
  walk(ts, fn, (n) => {
    if (n.pos >= start) return false;
    // A declared name: `const orgId = …`, `({ organizationId }) => …`, `const { tenantId } = getCurrentTenant()`.
    if ((ts.isVariableDeclaration(n) || ts.isBindingElement(n) || ts.isParameter(n)) && ts.isIdentifier(n.name) && n.end <= start &&
        namesTenantId(n.name.text, env) && visibleAt(ts, n.name, at)) {
      // Classify a use of the name as the call would see it: the declaration's own identifier resolves to itself.
      if (verified(n.name, env)) add(n.name.text, n.name.text);
      return undefined;
    }
    if (ts.isPropertyAccessExpression(n) && n.end <= start && !(ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n) &&
        !(ts.isCallExpression(n.parent) && n.parent.expression === n)) {
      const last = n.name.text;
      const holder = unwrap(ts, n.expression);
      const holderName = ts.isPropertyAccessExpression(holder) ? holder.name.text : ts.isIdentifier(holder) ? holder.text : undefined;
      const tenantId = namesTenantId(last, env) || (last === 'id' && holderName !== undefined && isTenantName(holderName, env) && !namesTenantId(holderName, env));
      const root = rootIdentifier(ts, n);
      if (tenantId && (!root || visibleAt(ts, root, at)) && verified(n, env)) add(textOf(n, sf), last === 'id' ? `${holderName}Id` : last);
      return false;
    }
    return undefined;
  });
  if (found.length === 0) return undefined;
  const wanted = prefer ? normalizeFieldName(prefer) : undefined;
  return found.find((v) => normalizeFieldName(v.name) === wanted) ?? found[0];
}
