import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { enclosingFunction, localInitializer, unwrap, walk } from '../recognise/ast.js';
import { isContextGetterCall, isTenantKey, isVerifiedPrincipalValue } from '../recognise/tenant.js';
import { readThroughCall } from '../recognise/read-through.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';

/** Owner keys scope a per-user cache entry as the tenant does. */
const OWNER_ID = /^(user|owner|member|account)_?id$/i;

/** Whether an expression names the tenant: a tenant key (`workspaceId`, `auth.authorizedWorkspaceId`), the verified caller, a context getter. */
function namesTenant(node: TS.Node, env: AnalysisEnv, depth = 0): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && (isTenantKey(n.text, env) || OWNER_ID.test(n.text))) found = true;
    else if (ts.isCallExpression(n) && isContextGetterCall(n, env)) found = true;
    else if (ts.isPropertyAccessExpression(n) && isVerifiedPrincipalValue(n, env) && /id$/i.test(n.name.text)) found = true;
    else if (ts.isIdentifier(n) && depth < 3) {
      // `const key = \`${workspaceId}:${id}\``: a key built in a local.
      const init = localInitializer(ts, n);
      if (init && init !== node && namesTenant(init, env, depth + 1)) found = true;
    }
    return undefined;
  });
  return found;
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
    if (!loaderBody || !namesTenant(loaderBody, env)) continue;
    out.push({
      kind: 'shared-cache-keyspace', messageId: 'readThroughKeyWithoutTenant', node: rt.key, fn: enclosingFunction(ts, call),
      message: `${rt.description} caches what its loader reads under the tenant, but the key has no tenant segment: one tenant's entry is served to every tenant asking with the same key; put the tenant in the key (\`\${tenantId}:\${key}\`)`,
    });
  }
  return out;
}
