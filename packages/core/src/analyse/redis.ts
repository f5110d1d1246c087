import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { enclosingFunction, findLocalDeclaration, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { checkRedisCall } from '../recognise/redis.js';
import { isTenantName } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding, Suggestion } from './types.js';
import { hintFor } from './fix-options.js';
import { fitSummary } from './summary.js';
import { verifiedTenantInScope } from './verified-tenant.js';

/** A tenant identifier in scope of the node (parameter or local), to build a suggestion with. */
function tenantIdentifierInScope(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): string | undefined {
  if (!fn) return undefined;
  const ts = env.ts;
  let found: string | undefined;
  walk(ts, fn, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && isTenantName(n.text, env) && n.pos < node.pos && findLocalDeclaration(ts, n)) found = n.text;
    return undefined;
  });
  return found;
}

function keySuggestion(key: TS.Expression, fn: FunctionLike | undefined, env: AnalysisEnv): Suggestion[] {
  const ts = env.ts;
  const e = unwrap(ts, key);
  if (!ts.isTemplateExpression(e)) return [];
  // A tenant name the function holds, else the verified tenant as the function reads it, else (in a
  // code base that uses @tenant-audit/runtime) its context getter. Elsewhere there is nothing to insert
  // that would compile as it stands: no suggestion, the message says what to do.
  const tenant = tenantIdentifierInScope(key, fn, env) ?? verifiedTenantInScope(key, fn, env)?.text ?? (env.usesRuntime ? 'getCurrentTenant().tenantId' : undefined);
  if (tenant === undefined) return [];
  const head = e.head.text;
  const sf = sourceFileOf(key, env);
  // Insert after the first `prefix:` segment, or at the very start when the key has no prefix.
  const colon = head.indexOf(':');
  const headStart = e.head.getStart(sf) + 1; // after the backtick
  const at = colon >= 0 ? headStart + colon + 1 : headStart;
  return [{
    id: 'addTenantToKey',
    description: `Add the tenant (${tenant}) to the key`,
    changes: [{ start: at, end: at, text: `\${${tenant}}:` }],
  }];
}

export function analyseRedis(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const findings: LocalFinding[] = [];
  for (const call of c.calls) {
    const check = checkRedisCall(call, env);
    if (!check) continue;
    const fn = enclosingFunction(env.ts, call);
    if (check.kind === 'keyspace') {
      findings.push({
        kind: 'shared-cache-keyspace', messageId: 'keyspaceCommand', node: call, fn,
        message: `${check.command} runs over the whole keyspace that every tenant shares; ${hintFor(env, 'confineKeyspace')}`,
        summary: fitSummary('shared-cache-keyspace', `${check.command} runs over every tenant's keys`, hintFor(env, 'confineKeyspace')),
      });
    } else {
      findings.push({
        kind: 'shared-cache-keyspace', messageId: 'unscopedKey', node: call, fn,
        message: `Redis ${check.command.toUpperCase()} key has no tenant segment, so tenants share one keyspace; ${hintFor(env, 'tenantInKey')}`,
        summary: fitSummary('shared-cache-keyspace', `Redis ${check.command.toUpperCase()} key has no tenant segment`, hintFor(env, 'tenantInKey')),
        suggestions: keySuggestion(check.key, fn, env),
      });
    }
  }
  return findings;
}
