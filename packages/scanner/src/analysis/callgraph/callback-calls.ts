import type { FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';

/** Read-through cache methods: `cache.x.swr(key, loader)`, `cache.wrap(key, loader)`, `cache.remember(key, ttl, loader)`. */
const READ_THROUGH = /^(swr|wrap|getOrSet|getOrCreate|remember|rememberForever|readThrough|fetch|getOrFetch)$/;
/** Names that say the method is the cache's own read-through, whatever the receiver is called. */
const CACHE_ONLY = /^(swr|getOrSet|remember|rememberForever|readThrough)$/;

function receiverText(call: TS.CallExpression): string {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) ? callee.expression.getText() : '';
}

/**
 * `cache.identityByExternalId.swr(filters.externalId, async (externalId) => db…findFirst(…externalId…))`:
 * on a miss the cache calls the loader with the key, so the loader's first parameter is the key the
 * caller passed. The call is synthesised as `loader(key)` (the loader and the key are the source's own
 * nodes) and handed to the call graph as the loader's one caller.
 */
export function loaderCall(call: TS.CallExpression): { loader: FunctionLike; call: TS.CallExpression } | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !READ_THROUGH.test(callee.name.text)) return undefined;
  if (!CACHE_ONLY.test(callee.name.text) && !/cache|cached|store|kv|redis|memo/i.test(receiverText(call))) return undefined;
  const key = call.arguments[0];
  const loader = call.arguments.slice(1).find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a)) as TS.ArrowFunction | TS.FunctionExpression | undefined;
  if (!key || !loader || ts.isArrowFunction(key) || ts.isFunctionExpression(key) || loader.parameters.length === 0) return undefined;
  const synthetic = ts.setTextRange(ts.factory.createCallExpression(loader, undefined, [key]), key);
  // Where the key is passed: the call sits in the function that asks the cache.
  (synthetic as { parent: TS.Node }).parent = call;
  return { loader: loader, call: synthetic };
}
