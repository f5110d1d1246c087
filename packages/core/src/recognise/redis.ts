import type * as TS from 'typescript';
import type { AnalysisEnv } from './env.js';
import { accessPath, calleeName, calleeReceiver, findLocalDeclaration, localInitializer, unwrap } from './ast.js';
import { fileFacts, importsAny } from './file-facts.js';
import { isScopedReceiver, receiverOrigins } from './receiver.js';
import { mentionsTenant } from './tenant.js';

/** Commands that take a key as their first argument (lower-cased; node-redis camelCase folds to these). */
export const KEY_COMMANDS = new Set([
  'get', 'set', 'setex', 'psetex', 'setnx', 'getdel', 'getex', 'getset', 'del', 'unlink', 'exists', 'expire', 'pexpire',
  'expireat', 'ttl', 'pttl', 'persist', 'incr', 'incrby', 'incrbyfloat', 'decr', 'decrby', 'append', 'strlen',
  'hget', 'hset', 'hsetnx', 'hgetall', 'hdel', 'hmget', 'hmset', 'hincrby', 'hkeys', 'hvals', 'hexists', 'hlen',
  'lpush', 'rpush', 'lpop', 'rpop', 'lrange', 'llen', 'ltrim', 'lindex', 'lrem', 'sadd', 'srem', 'smembers', 'sismember',
  'scard', 'zadd', 'zrem', 'zrange', 'zrangebyscore', 'zrevrange', 'zscore', 'zincrby', 'zcard', 'xadd', 'xrange',
  'xlen', 'mget', 'pfadd', 'pfcount', 'json.get', 'json.set', 'type', 'rename', 'copy',
]);

/** Commands that touch the whole keyspace of the connection. */
export const KEYSPACE_COMMANDS = new Set(['keys', 'scan', 'scanstream', 'scaniterator', 'flushdb', 'flushall']);

const REDIS_NAME = /redis|valkey|keydb|upstash|dragonfly/i;
const REDIS_FACTORIES = new Set(['Redis', 'IORedis', 'Cluster', 'createClient', 'createCluster', 'fromEnv']);

/** Whether a call's receiver is a Redis client (by name, by how it was made, or by its type). */
export function isRedisReceiver(receiver: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const path = accessPath(ts, receiver) ?? [];
  if (path.some((p) => REDIS_NAME.test(p))) return true;
  const facts = fileFacts(ts, receiver.getSourceFile());
  const origins = receiverOrigins(receiver, env);
  if (origins.some((o) => REDIS_NAME.test(o) || (REDIS_FACTORIES.has(o) && importsAny(facts, /redis|valkey/i)))) return true;
  if (env.checker) {
    try {
      const type = env.checker.getTypeAtLocation(receiver);
      const name = type.getSymbol()?.getName() ?? type.aliasSymbol?.getName() ?? '';
      if (/^(Redis|Cluster|RedisClient\w*|Commander)$/.test(name)) return true;
    } catch {
      // Broken code: keep the syntactic answer.
    }
  }
  return false;
}

export type RedisCheck =
  | { kind: 'keyspace'; command: string }
  | { kind: 'unscoped-key'; command: string; key: TS.Expression }
  | undefined;

/**
 * Whether a key expression carries the tenant. Template and concatenated keys must name it in a
 * substitution; key-builder calls must pass it (or be declared here with a body that uses it);
 * plain string literals are fixed, global keys and are not judged; unknown values are not guessed.
 */
export function keyCarriesTenant(key: TS.Expression, env: AnalysisEnv, depth = 0): boolean | undefined {
  const ts = env.ts;
  const e = unwrap(ts, key);
  if (depth > 4) return undefined;
  if (ts.isStringLiteralLike(e)) return undefined;
  if (ts.isTemplateExpression(e)) return e.templateSpans.some((s) => mentionsTenant(s.expression, env)) || mentionsTenant(e, env);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return mentionsTenant(e, env);
  if (ts.isCallExpression(e)) {
    if (mentionsTenant(e, env)) return true;
    const callee = unwrap(ts, e.expression);
    if (ts.isIdentifier(callee)) {
      const decl = findLocalDeclaration(ts, callee);
      if (decl && (ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl))) return mentionsTenant(decl, env);
    }
    return undefined;
  }
  if (ts.isIdentifier(e)) {
    if (mentionsTenant(e, env)) return true;
    const init = localInitializer(ts, e);
    return init ? keyCarriesTenant(init, env, depth + 1) : undefined;
  }
  return undefined;
}

export function checkRedisCall(call: TS.CallExpression, env: AnalysisEnv): RedisCheck {
  const ts = env.ts;
  const name = calleeName(ts, call)?.toLowerCase();
  if (!name) return undefined;
  const isKeyspace = KEYSPACE_COMMANDS.has(name);
  if (!isKeyspace && !KEY_COMMANDS.has(name)) return undefined;
  const receiver = calleeReceiver(ts, call);
  if (!receiver || !isRedisReceiver(receiver, env) || isScopedReceiver(receiver, env)) return undefined;
  if (isKeyspace) {
    if (name === 'flushdb' || name === 'flushall') return { kind: 'keyspace', command: name.toUpperCase() };
    // KEYS pattern / SCAN … MATCH pattern / scanStream({ match }): fine only when the pattern names the tenant.
    const args = name === 'keys' ? call.arguments.slice(0, 1) : call.arguments;
    return args.some((a) => mentionsTenant(a, env)) ? undefined : { kind: 'keyspace', command: name === 'keys' ? 'KEYS' : 'SCAN' };
  }
  const key = call.arguments[0];
  if (!key) return undefined;
  return keyCarriesTenant(key, env) === false ? { kind: 'unscoped-key', command: name, key } : undefined;
}
