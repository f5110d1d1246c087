import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from './env.js';
import { accessPath, calleeName, calleeReceiver, findLocalDeclaration, localInitializer, nameOf, unwrap } from './ast.js';
import { fileFacts, importsAny } from './file-facts.js';
import { isScopedReceiver, receiverOrigins } from './receiver.js';
import { classifyValue, mentionsTenant } from './tenant.js';
import { matchesName } from '../names/catalogue.js';

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
  const facts = fileFacts(ts, sourceFileOf(receiver, env));
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

/** Ids a caller picks and that name tenant data: a key built from one of these collides across tenants. */
const CALLER_CHOSEN_ID = /(session|trace|conversation|conv|thread|chat|context|ctx|document|doc|file|message|memory|agent|run|request|report|upload|workspace|project|item|record|entity|object)(_?id|_?key)?$|^id$/i;

/** Parts a key is assembled from: template substitutions or `+` operands. */
function keyParts(ts: AnalysisEnv['ts'], e: TS.Expression): TS.Expression[] | undefined {
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.PlusToken) return undefined;
  // An explicit stack, left operands first: generated `'k:' + 'k:' + …` keys nest thousands deep and
  // overflowed the recursion this replaces.
  const parts: TS.Expression[] = [];
  const stack: TS.Expression[] = [e.right, e.left];
  while (stack.length > 0) {
    const side = stack.pop() as TS.Expression;
    const x = unwrap(ts, side);
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) stack.push(x.right, x.left);
    else if (ts.isTemplateExpression(x)) parts.push(...x.templateSpans.map((s) => s.expression));
    else parts.push(side);
  }
  return parts.filter((x) => !ts.isStringLiteralLike(unwrap(ts, x)));
}

/** The last name of an expression: `conversationId`, `req.params.sessionId` → sessionId, `doc.id` → id. */
function lastName(ts: AnalysisEnv['ts'], e: TS.Expression): string | undefined {
  const x = unwrap(ts, e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return undefined;
}

/**
 * Whether a key expression carries the tenant. A template or concatenated key carries it when a part
 * names it (directly, or through a local variable such as a key prefix built with the tenant). It is
 * judged unscoped only when a part is an id a caller chooses (request input, or a session / conversation /
 * document id the function receives) and no part names the tenant or the owning user: keys of random tokens, OAuth state or
 * locks are not tenant data. Plain string literals are fixed global keys; unknown values are not guessed.
 */
export function keyCarriesTenant(key: TS.Expression, env: AnalysisEnv, depth = 0): boolean | undefined {
  const ts = env.ts;
  const e = unwrap(ts, key);
  if (depth > 4) return undefined;
  if (ts.isStringLiteralLike(e)) return undefined;
  const parts = keyParts(ts, e);
  if (parts) {
    let callerChosen = false;
    for (const part of parts) {
      const p = unwrap(ts, part);
      if (mentionsTenant(p, env)) return true;
      const name = lastName(ts, p);
      if (name && matchesName('ownerIds', name, env.config)) return true;
      if (ts.isIdentifier(p)) {
        const init = localInitializer(ts, p);
        if (init && keyCarriesTenant(init, env, depth + 1) === true) return true;
      }
      const origin = classifyValue(p, env);
      if (origin.kind === 'untrusted' || (origin.kind === 'parameter' && name !== undefined && CALLER_CHOSEN_ID.test(name))) callerChosen = true;
    }
    return callerChosen ? false : undefined;
  }
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
  if (!key || isLockFlag(call, name, env)) return undefined;
  return keyCarriesTenant(key, env) === false ? { kind: 'unscoped-key', command: name, key } : undefined;
}

/**
 * `SET key "1" NX EX 60` / `set(key, '1', { nx: true, ex: 60 })` / `SETNX key 1`: a lock. It stores a
 * constant, so nothing of one tenant can be read through it by another; what it guards is judged where
 * that work happens.
 */
function isLockFlag(call: TS.CallExpression, command: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (command !== 'set' && command !== 'setnx') return false;
  const value = call.arguments[1] && unwrap(ts, call.arguments[1]);
  const constant = !!value && (ts.isStringLiteralLike(value) || ts.isNumericLiteral(value) || value.kind === ts.SyntaxKind.TrueKeyword);
  if (!constant) return false;
  if (command === 'setnx') return true;
  return call.arguments.slice(2).some((arg) => {
    const a = unwrap(ts, arg);
    if (ts.isStringLiteralLike(a)) return a.text.toUpperCase() === 'NX';
    return ts.isObjectLiteralExpression(a) && a.properties.some((p) => ts.isPropertyAssignment(p) && nameOf(ts, p.name) === 'nx' &&
      p.initializer.kind === ts.SyntaxKind.TrueKeyword);
  });
}
