import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { accessPath, enclosingFunction, localInitializer, unwrap, walk } from '../recognise/ast.js';
import { classifyValue, isContextGetterCall, isTenantKey, isVerifiedPrincipalValue } from '../recognise/tenant.js';
import { checkedAfterLoad } from './checked-against-caller.js';
import { fetchedObjectCompared } from './external-access.js';
import { readThroughCall } from '../recognise/read-through.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';
import { matchesName } from '../names/catalogue.js';
import { hintFor } from './fix-options.js';
import { fitSummary } from './summary.js';


/** `{ where: … }`, `t.where`: a property name, not a value to look up. */
function namesProperty(ts: AnalysisEnv['ts'], id: TS.Identifier): boolean {
  const p = id.parent;
  return (ts.isPropertyAssignment(p) && p.name === id) || (ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isBindingElement(p) && p.propertyName === id);
}

/** Whether an expression names the tenant: a tenant key (`workspaceId`, `auth.authorizedWorkspaceId`), the verified caller, a context getter. */
function namesTenant(node: TS.Node, env: AnalysisEnv, depth = 0): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && (isTenantKey(n.text, env) || matchesName('ownerIds', n.text, env.config))) found = true;
    else if (ts.isCallExpression(n) && isContextGetterCall(n, env)) found = true;
    else if (ts.isPropertyAccessExpression(n) && isVerifiedPrincipalValue(n, env) && /id$/i.test(n.name.text)) found = true;
    else if (ts.isIdentifier(n) && depth < 3 && !namesProperty(ts, n)) {
      // `const key = \`${workspaceId}:${id}\``: a key built in a local.
      const init = localInitializer(ts, n);
      if (init && init !== node && namesTenant(init, env, depth + 1)) found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * The loader reads by a tenant field (`eq(t.workspaceId, ws)`, `{ teamId }`, `'tenant_id'`): a field
 * name, not an entity word (`account` is as often a bank account as the tenant).
 */
function readsByTenantField(body: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, body, (n) => {
    if (found) return false;
    const text = ts.isIdentifier(n) ? n.text : ts.isStringLiteralLike(n) ? n.text : undefined;
    if (text !== undefined && /id$/i.test(text) && isTenantKey(text, env)) found = true;
    return undefined;
  });
  return found;
}

/** Names of natural keys: unique inside one tenant only, so two tenants' rows share the value (`externalId: 'user_1'`). */
const NATURAL_KEY = /(external_?id|slug|name|email|handle|username|domain|identifier)$/i;

/** The names a key is built from: `key.externalId` → externalId; `${a}:${b.slug}` → a, slug. */
function keyNames(ts: AnalysisEnv['ts'], key: TS.Expression): TS.Expression[] {
  const e = unwrap(ts, key);
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...keyNames(ts, e.left), ...keyNames(ts, e.right)];
  return ts.isStringLiteralLike(e) ? [] : [e];
}

function lastName(ts: AnalysisEnv['ts'], e: TS.Expression): string {
  const path = accessPath(ts, unwrap(ts, e)) ?? [];
  return (path[path.length - 1] ?? '').replace(/\(\)$/, '');
}

/**
 * Whose entries can collide: a natural key (an external id, a slug) is shared by tenants without
 * anyone choosing it; a unique id collides only when the client picks another tenant's.
 */
function keyCollides(ts: AnalysisEnv['ts'], key: TS.Expression, env: AnalysisEnv): boolean {
  return keyNames(ts, key).some((part) => NATURAL_KEY.test(lastName(ts, part)) || classifyValue(part, env).kind === 'untrusted');
}

/**
 * `cache.identities.swr(externalId, () => db…findFirst({ where: and(eq(t.workspaceId, ws), eq(t.externalId, externalId)) }))`:
 * the loader reads under the tenant, the key does not carry it. The first tenant to ask fills the
 * entry, and every other tenant asking with the same key is served that tenant's row.
 */
export function analyseReadThroughCaches(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const ts = env.ts;
  const out: LocalFinding[] = [];
  for (const call of c.calls) {
    const rt = readThroughCall(call, env);
    if (!rt) continue;
    const key = unwrap(ts, rt.key);
    if (ts.isStringLiteralLike(key)) continue;
    if (namesTenant(rt.key, env)) continue;
    const loaderBody = (rt.loader as TS.ArrowFunction | TS.FunctionExpression).body;
    if (!loaderBody || !readsByTenantField(loaderBody, env) || !keyCollides(ts, rt.key, env)) continue;
    // `const { val: api } = await cache.apiById.swr(id, …); if (api.workspaceId !== ws) throw`: a hit is checked as the load was.
    const fn = enclosingFunction(ts, call);
    if (checkedAfterLoad(call, fn, env) || fetchedObjectCompared(call, fn, env)) continue;
    out.push({
      kind: 'shared-cache-keyspace', messageId: 'readThroughKeyWithoutTenant', node: rt.key, fn: enclosingFunction(ts, call),
      message: `${rt.description} caches what its loader reads under the tenant, but the key has no tenant segment: one tenant's entry is served to every tenant asking with the same key; ${hintFor(env, 'tenantInCacheKey')}`,
      summary: fitSummary('shared-cache-keyspace', `${rt.description} caches tenant rows under a key without the tenant`, hintFor(env, 'tenantInCacheKey')),
    });
  }
  return out;
}
