import { isPlatformGuardCall, isSessionGetterCall, isSharedSecretGuard, type FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../compiler.js';
import type { CallGraph } from '../analysis/callgraph/graph.js';
import type { Resolver } from '../analysis/callgraph/resolve.js';
import type { FileIndex } from '../analysis/callgraph/syntax-index.js';
import type { FileUnit, ProgramContext } from '../analysis/context.js';
import { callEntries, graphqlEntries } from './calls.js';
import { nestEntries, nextEntries } from './frameworks.js';
import { httpEntries } from './http.js';
import type { EntryPoint } from './types.js';

export type { EntryPoint } from './types.js';

/** Every entry point of the program by handler function (the first registration wins). */
export function findEntryPoints(ctx: ProgramContext, graph: CallGraph, resolver: Resolver, indexes: ReadonlyMap<FileUnit, FileIndex>): Map<FunctionLike, EntryPoint> {
  const extra = ctx.env.config.entryPoints;
  const all: EntryPoint[] = [
    ...httpEntries(graph.allCalls, resolver),
    ...callEntries(graph.allCalls, graph.news, resolver, extra, ctx.env.config),
  ];
  for (const unit of ctx.files) {
    const ix = indexes.get(unit);
    if (!ix) continue;
    all.push(...nestEntries(ix.decoratedClasses, extra), ...nextEntries(unit.sf, unit.rel, ix.serverFunctions, resolver), ...graphqlEntries(ix.rootTypes));
  }
  const byFn = new Map<FunctionLike, EntryPoint>();
  for (const e of all) {
    if (byFn.has(e.fn)) continue;
    const entry = e.platform ? e : guardedForPlatform(e, ctx);
    byFn.set(e.fn, entry.platform || entry.tenantFacing || !readsVerifiedCaller(entry.fn, ctx) ? entry : { ...entry, tenantFacing: true });
  }
  return byFn;
}

/** Verified sources that name the caller (`req.user`, `ctx.session`), not a bag that may hold anything (`auth`, `res.locals`). */
const CALLER_PATH = /^(req|request|ctx|context|c)\.(user|session|auth|state\.user|state\.auth|identity)$|^session\.user$/;

/**
 * A handler that reads its signed-in caller (`await getServerSession()`, `req.user`, `ctx.state.user`)
 * serves a tenant's user, whatever folder it sits in; an inbound webhook receiver has no such caller.
 */
function readsVerifiedCaller(fn: FunctionLike, ctx: ProgramContext): boolean {
  const body = (fn).body;
  if (!body) return false;
  const getters = ctx.env.config.contextGetters;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (isSessionGetterCall(n, ctx.env) || getters.includes(name)) found = true;
    } else if (ts.isPropertyAccessExpression(n) && CALLER_PATH.test(n.getText().replace(/\s+/g, ''))) found = true;
    // Callbacks inside the handler run for the same request: they count.
    if (!found) n.forEachChild(visit);
  };
  body.forEachChild(visit);
  return found;
}

/**
 * A handler whose own body calls a platform guard (`await AdminApiAuthService.handleAdminAuth(req, res)`,
 * `requirePlatformOperator()`) serves the platform's staff, not a tenant's users.
 */
function guardedForPlatform(entry: EntryPoint, ctx: ProgramContext): EntryPoint {
  const env = ctx.env;
  let guarded = false;
  const visit = (n: TS.Node): void => {
    if (guarded) return;
    if (ts.isCallExpression(n) && isPlatformGuardCall(n, env)) guarded = true;
    // Nested functions are callbacks with their own callers; only the handler's own statements count.
    else if (!(ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n))) n.forEachChild(visit);
  };
  const body = (entry.fn).body;
  if (body) body.forEachChild(visit);
  // `if (auth !== \`Basic ${env().CRON_SECRET}\`) return 401` among the handler's first statements.
  if (!guarded && body && ts.isBlock(body)) guarded = body.statements.slice(0, 6).some((st) => isSharedSecretGuard(st, env));
  return guarded ? { ...entry, platform: true } : entry;
}
