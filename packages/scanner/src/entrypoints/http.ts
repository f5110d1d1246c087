import { calleeName, findLocalDeclaration, type FunctionLike, type TypeScriptModule } from '@tenant-audit/core';
import { ts, type TS } from '../compiler.js';
import type { Resolver } from '../analysis/callgraph/resolve.js';
import { handlerFunctions, joinPath, stringValue } from './handlers.js';
import type { EntryPoint } from './types.js';

const tsm = ts;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head']);

/** `X.route('/x').get(…)` (possibly after other verbs): the path of the `.route()` call at the chain's root. */
/**
 * Links followed down a call chain to its root: route chains are a handful of verbs long, and every call
 * of a generated chain thousands of links long would otherwise walk all the links below it.
 */
const MAX_CHAIN_LINKS = 64;

function routeChainPath(call: TS.CallExpression): { path: string; root: TS.CallExpression } | undefined {
  let r: TS.Expression = call.expression;
  for (let links = 0; links < MAX_CHAIN_LINKS && ts.isPropertyAccessExpression(r) && ts.isCallExpression(r.expression); links++) {
    const inner = r.expression;
    if (ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === 'route' && inner.arguments.length === 1) {
      const path = stringValue(inner.arguments[0]);
      return path?.startsWith('/') ? { path, root: inner } : undefined;
    }
    r = inner.expression;
  }
  return undefined;
}

function receiverName(call: TS.CallExpression): string | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  let r = callee.expression;
  // Chains (`router.route('/x').get(…)`) are registered on the router at their root.
  for (let links = 0; ts.isCallExpression(r) && ts.isPropertyAccessExpression(r.expression); links++) {
    if (links === MAX_CHAIN_LINKS) return undefined;
    r = r.expression.expression;
  }
  if (ts.isIdentifier(r)) return r.text;
  if (ts.isPropertyAccessExpression(r)) return r.name.text;
  return undefined;
}

/** Receivers that are routers or apps by name (`router`, `documentsRouter`, `app`, `api`). */
const ROUTER_NAME = /(router|routes)$|^(app|api|server)$/i;
/** Constructors and factories of routers and apps (`new Router()`, `express.Router()`, `new Koa()`, `new Hono()`). */
const ROUTER_FACTORY = /^(Router|express|Koa|Hono|Elysia|createRouter|createApp)$/;

/** The receiver is a router or an app: named like one, or built by a router factory in this file. */
function isRouterReceiver(call: TS.CallExpression, name: string | undefined): boolean {
  if (name === undefined) return false;
  if (ROUTER_NAME.test(name)) return true;
  const callee = call.expression as TS.PropertyAccessExpression;
  if (!ts.isIdentifier(callee.expression)) return false;
  const decl = findLocalDeclaration(tsm, callee.expression);
  let init = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
  while (init && (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
  return !!init && (ts.isNewExpression(init) || ts.isCallExpression(init)) && ROUTER_FACTORY.test(calleeName(tsm, init) ?? '');
}

/** RPC-style route names (`'collections.update'`, `'documents.list'`): registered without a leading slash. */
const RPC_PATH = /^[\w-]+([.:/][\w-]+)+$/;

/**
 * Mount prefixes by router variable name: `app.use('/documents', documentsRouter)` (Express, Koa),
 * `app.route('/docs', docs)` (Hono). Matched by name, which is how routers are conventionally wired.
 */
export function mountPrefixes(calls: readonly TS.CallExpression[]): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const call of calls) {
    const name = calleeName(tsm, call);
    if (name !== 'use' && name !== 'route') continue;
    const prefix = stringValue(call.arguments[0]);
    if (!prefix?.startsWith('/')) continue;
    for (const a of call.arguments.slice(1)) {
      const id = ts.isIdentifier(a) ? a.text : ts.isPropertyAccessExpression(a) ? a.name.text : undefined;
      if (id && !prefixes.has(id)) prefixes.set(id, prefix);
    }
  }
  return prefixes;
}

/** Express / Koa / Hono / Fastify route registrations. */
export function httpEntries(calls: readonly TS.CallExpression[], resolver: Resolver): EntryPoint[] {
  const prefixes = mountPrefixes(calls);
  const out: EntryPoint[] = [];
  const add = (fns: FunctionLike[], note: string, site: TS.Node): void => {
    for (const fn of fns) out.push({ fn, note, site });
  };
  for (const call of calls) {
    const name = calleeName(tsm, call);
    if (!name || !ts.isPropertyAccessExpression(call.expression)) continue;
    const recv = receiverName(call);
    const prefix = recv ? prefixes.get(recv) ?? '' : '';
    const chained = routeChainPath(call);
    if (chained !== undefined && HTTP_METHODS.has(name.toLowerCase())) {
      // Express `router.route('/x').get(h).post(h2)`: the path sits on the `.route()` call.
      const method = name.toLowerCase() === 'del' ? 'DELETE' : name.toUpperCase();
      add(call.arguments.flatMap((a) => handlerFunctions(a, resolver)), `${method} ${joinPath(prefix, chained.path)}`, call);
    } else if (HTTP_METHODS.has(name.toLowerCase()) && call.arguments.length >= 2) {
      const path = stringValue(call.arguments[0]);
      if (path === undefined) continue;
      // Koa / Express routers also take RPC-style names (`router.post('collections.update', auth(), handler)`).
      if (!(path.startsWith('/') || path === '*') && !(RPC_PATH.test(path) && isRouterReceiver(call, recv))) continue;
      const method = name.toLowerCase() === 'del' ? 'DELETE' : name.toUpperCase();
      add(call.arguments.slice(1).flatMap((a) => handlerFunctions(a, resolver)), `${method} ${joinPath(prefix, path)}`, call);
    } else if (name === 'route' && call.arguments.length === 1 && ts.isObjectLiteralExpression(call.arguments[0] as TS.Expression)) {
      // fastify.route({ method: 'GET', url: '/x', handler })
      const obj = call.arguments[0] as TS.ObjectLiteralExpression;
      let method: string | undefined;
      let url: string | undefined;
      const fns: FunctionLike[] = [];
      for (const p of obj.properties) {
        const key = p.name && ts.isIdentifier(p.name) ? p.name.text : undefined;
        if (ts.isPropertyAssignment(p)) {
          if (key === 'method') method = stringValue(p.initializer) ?? (ts.isArrayLiteralExpression(p.initializer) ? p.initializer.elements.map((el) => stringValue(el) ?? '?').join('|') : undefined);
          if (key === 'url' || key === 'path') url = stringValue(p.initializer);
          if (key === 'handler') fns.push(...handlerFunctions(p.initializer, resolver));
        } else if (ts.isMethodDeclaration(p) && key === 'handler') fns.push(p);
        else if (ts.isShorthandPropertyAssignment(p) && key === 'handler') fns.push(...handlerFunctions(p.name, resolver));
      }
      if (url !== undefined) add(fns, `${(method ?? 'ROUTE').toUpperCase()} ${joinPath(prefix, url)}`, call);
    }
  }
  return out;
}
