import type * as TS from 'typescript';
import type { AnalysisEnv } from './env.js';
import { accessPath, unwrap } from './ast.js';

/**
 * Read-through cache calls: `cache.<ns>.swr(key, loader)`, `cacheManager.wrap(key, loader)`,
 * `cache.getOrSet(key, loader)`, `cache.remember(key, ttl, loader)`. The loader runs on a miss with
 * the key (or nothing) and its result is stored under the key.
 */
const READ_THROUGH = /^(swr|wrap|getOrSet|getOrSetAsync|remember|rememberForever|getOrCreate|getOrLoad|getOrFetch|fetchOrSet|cached)$/;
const CACHE_RECEIVER = /cache|memo|swr|kv|store|redis/i;

export interface ReadThroughCall {
  key: TS.Expression;
  loader: TS.ArrowFunction | TS.FunctionExpression;
  description: string;
}

export function readThroughCall(call: TS.CallExpression, env: AnalysisEnv): ReadThroughCall | undefined {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !READ_THROUGH.test(callee.name.text)) return undefined;
  const path = accessPath(ts, callee.expression) ?? [];
  if (!path.some((p) => CACHE_RECEIVER.test(p))) return undefined;
  const key = call.arguments[0];
  const loader = call.arguments.slice(1).map((a) => unwrap(ts, a)).find((a): a is TS.ArrowFunction | TS.FunctionExpression => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  if (!key || ts.isSpreadElement(key) || !loader) return undefined;
  return { key, loader, description: [...path, callee.name.text].join('.') };
}

/**
 * The loader's first parameter, when the cache hands it the key (`swr(filters.externalId, async
 * (externalId) => …)`): it holds whatever the key held, so its origin is the key's.
 */
export function keyOfLoaderParameter(param: TS.ParameterDeclaration, env: AnalysisEnv): TS.Expression | undefined {
  const ts = env.ts;
  const fn = param.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== param) return undefined;
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] === fn) return undefined;
  const rt = readThroughCall(call, env);
  return rt && rt.loader === fn ? rt.key : undefined;
}
