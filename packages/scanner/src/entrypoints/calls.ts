import { accessPath, calleeName, mentionsName, type FunctionLike, type ResolvedConfig, type TypeScriptModule } from '@tenant-audit/core';
import { ts, type TS } from '../compiler.js';
import type { Resolver } from '../analysis/callgraph/resolve.js';
import { handlerFunctions, stringValue } from './handlers.js';
import type { EntryPoint } from './types.js';

const tsm = ts;

/** Middleware that authenticates the caller (`t.procedure.use(requireUser)`, `.use(isAuthed)`). */
const SIGNED_IN_MIDDLEWARE = /auth|user|session|member|signedIn|loggedIn/i;

/** Whether a procedure chain admits only a signed-in user: by the builder's name or an authenticating `.use(…)`. */
function signedInChain(receiver: TS.Expression, config?: ResolvedConfig): boolean {
  if (mentionsName('signedInProcedures', chainText(receiver) || receiver.getText(), config)) return true;
  for (let e: TS.Expression = receiver; ts.isCallExpression(e) || ts.isPropertyAccessExpression(e);) {
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'use' && e.arguments.some((a) => SIGNED_IN_MIDDLEWARE.test(a.getText()))) return true;
      e = callee;
    } else e = e.expression;
  }
  return false;
}

function chainText(e: TS.Expression): string {
  return (accessPath(tsm, e) ?? []).join('.');
}

/** The property key a procedure is defined under (`list: publicProcedure.query(…)`). */
function ownerKey(node: TS.Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (ts.isSourceFile(p)) return undefined;
  }
  return undefined;
}

function fnArgs(call: TS.CallExpression | TS.NewExpression, resolver: Resolver): FunctionLike[] {
  return (call.arguments ?? []).flatMap((a) => (ts.isStringLiteralLike(a) || ts.isNumericLiteral(a) ? [] : handlerFunctions(a, resolver)));
}

/** tRPC procedures, queue/job/cron handlers, and calls named in config `entryPoints`. */
export function callEntries(calls: readonly TS.CallExpression[], news: readonly TS.NewExpression[], resolver: Resolver, extraNames: readonly string[], config?: ResolvedConfig): EntryPoint[] {
  const out: EntryPoint[] = [];
  const add = (fns: FunctionLike[], note: string, site: TS.Node, platform = false, tenantFacing = false): void => {
    for (const fn of fns) out.push({ fn, note, site, ...(platform ? { platform } : {}), ...(tenantFacing ? { tenantFacing } : {}) });
  };
  for (const call of calls) {
    const name = calleeName(tsm, call);
    if (!name) continue;
    const callee = call.expression;
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    // tRPC `.query/.mutation/.subscription(fn)` and oRPC `.handler(fn)` on a procedure chain.
    if ((name === 'query' || name === 'mutation' || name === 'subscription' || name === 'handler') && receiver && /procedure/i.test(chainText(receiver) || receiver.getText())) {
      // A procedure built on `adminProcedure` / `platformProcedure` is guarded for platform staff by its middleware.
      const platform = mentionsName('platformProcedures', chainText(receiver) || receiver.getText(), config);
      add(fnArgs(call, resolver), `${name === 'handler' ? 'rpc' : 'trpc'} ${name} ${ownerKey(call) ?? ''}`.trim(), call, platform, !platform && signedInChain(receiver, config));
    } else if (name === 'process' && receiver && call.arguments.length >= 1) {
      const jobName = stringValue(call.arguments[0]) ?? (ts.isIdentifier(receiver) ? receiver.text : 'queue');
      add(fnArgs(call, resolver), `job ${jobName}`, call);
    } else if ((name === 'schedule' || name === 'scheduleJob') && receiver && call.arguments.length >= 2) {
      add(fnArgs(call, resolver), `cron ${stringValue(call.arguments[0]) ?? '?'}`, call);
    } else if (name === 'define' && receiver && /agenda/i.test(receiver.getText()) && call.arguments.length >= 2) {
      add(fnArgs(call, resolver), `job ${stringValue(call.arguments[0]) ?? '?'}`, call);
    } else if (extraNames.includes(name)) {
      add(fnArgs(call, resolver), `${name} ${stringValue(call.arguments[0]) ?? ''}`.trim(), call);
    }
  }
  for (const n of news) {
    const name = calleeName(tsm, n);
    if (name === 'Worker' && (n.arguments?.length ?? 0) >= 2) add(fnArgs(n, resolver), `job ${stringValue(n.arguments?.[0]) ?? '?'}`, n);
    else if (name === 'CronJob' && (n.arguments?.length ?? 0) >= 2) add(fnArgs(n, resolver), `cron ${stringValue(n.arguments?.[0]) ?? '?'}`, n);
    else if (name && extraNames.includes(name)) add(fnArgs(n, resolver), `${name} ${stringValue(n.arguments?.[0]) ?? ''}`.trim(), n);
  }
  return out;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** GraphQL resolver maps: `{ Query: { docs: (parent, args, ctx) => … }, Mutation: { … } }`. */
export function graphqlEntries(rootTypes: readonly TS.PropertyAssignment[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const node of rootTypes) {
    if (ts.isIdentifier(node.name) && ROOT_TYPES.has(node.name.text) && ts.isObjectLiteralExpression(node.initializer)) {
      const root = node.name.text;
      for (const p of node.initializer.properties) {
        const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (!key) continue;
        if (ts.isMethodDeclaration(p)) out.push({ fn: p, note: `${root}.${key}`, site: p });
        else if (ts.isPropertyAssignment(p)) {
          let init = p.initializer;
          // `{ resolve: fn }` and `{ subscribe: fn }` shapes.
          if (ts.isObjectLiteralExpression(init)) {
            const inner = init.properties.find((q) => ts.isPropertyAssignment(q) && ts.isIdentifier(q.name) && /^(resolve|subscribe)$/.test(q.name.text));
            if (inner && ts.isPropertyAssignment(inner)) init = inner.initializer;
          }
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) out.push({ fn: init, note: `${root}.${key}`, site: p });
        }
      }
    }
  }
  return out;
}
