import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { accessPath, calleeName, calleeReceiver, findLocalDeclaration, isFunctionLike, localInitializer, nameOf, unwrap } from '../recognise/ast.js';
import { mentionsTenant } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';
import { hintFor } from './fix-options.js';
import { localFinding } from './local-finding.js';

const STORE_CONSTRUCTORS = /^(Map|LRUCache|LRU|NodeCache|QuickLRU|TTLCache|Cache)$/;
/** Ids a caller chooses: sessions, traces, conversations, threads, runs, requests. */
const CALLER_ID = /(session|trace|conversation|conv|thread|chat|run|request|correlation|agent|turn|span|memory)(_?id|_?key)?$/i;
const SESSION_STORE = /session|trace|conversation|thread|chat|run|memor|context|history|transcript/i;

function isStoreInitializer(ts: AnalysisEnv['ts'], init: TS.Expression | undefined, type: TS.TypeNode | undefined): boolean {
  const e = init ? unwrap(ts, init) : undefined;
  if (e && ts.isNewExpression(e)) return STORE_CONSTRUCTORS.test(calleeName(ts, e) ?? '');
  // `{}` typed as a dictionary: Record<string, T> or { [id: string]: T }
  if (e && ts.isObjectLiteralExpression(e) && e.properties.length === 0 && type) {
    return (ts.isTypeReferenceNode(type) && nameOf(ts, ts.isIdentifier(type.typeName) ? type.typeName : undefined) === 'Record') ||
      (ts.isTypeLiteralNode(type) && type.members.some((m) => ts.isIndexSignatureDeclaration(m)));
  }
  return false;
}

/** A long-lived store: a class property or a module-level variable (function locals die with the call). */
function storeDeclaration(target: TS.Expression, env: AnalysisEnv): { name: string; decl: TS.Node } | undefined {
  const ts = env.ts;
  const e = unwrap(ts, target);
  if (ts.isPropertyAccessExpression(e) && unwrap(ts, e.expression).kind === ts.SyntaxKind.ThisKeyword) {
    let cls: TS.Node | undefined = e.parent;
    while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
    if (!cls) return undefined;
    for (const m of (cls as TS.ClassLikeDeclaration).members) {
      if (ts.isPropertyDeclaration(m) && nameOf(ts, m.name) === e.name.text && isStoreInitializer(ts, m.initializer, m.type) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword && false)) {
        return { name: `this.${e.name.text}`, decl: m };
      }
    }
    return undefined;
  }
  if (ts.isIdentifier(e)) {
    const decl = findLocalDeclaration(ts, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !isStoreInitializer(ts, decl.initializer, decl.type)) return undefined;
    // Module level only.
    for (let p: TS.Node | undefined = decl.parent; p; p = p.parent) if (isFunctionLike(ts, p)) return undefined;
    return { name: e.text, decl };
  }
  return undefined;
}

function keyName(ts: AnalysisEnv['ts'], key: TS.Expression): string | undefined {
  const path = accessPath(ts, key);
  return path ? path[path.length - 1] : undefined;
}

/** Whether a key is a caller-chosen id without the tenant. */
function isUnscopedCallerKey(key: TS.Expression, storeName: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const e = unwrap(ts, key);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || mentionsTenant(e, env)) return false;
  // `const requestKey = JSON.stringify({ teamId, columns })`: the key built here already carries the tenant.
  const init = ts.isIdentifier(e) ? localInitializer(ts, e) : undefined;
  if (init && mentionsTenant(init, env)) return false;
  const name = keyName(ts, e);
  if (name && CALLER_ID.test(name)) return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.some((s) => CALLER_ID.test(keyName(ts, s.expression) ?? ''));
  return SESSION_STORE.test(storeName) && (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e));
}

export function analyseSessionKeys(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const ts = env.ts;
  const reported = new Set<TS.Node>();
  const findings: LocalFinding[] = [];
  const consider = (node: TS.Node, target: TS.Expression, key: TS.Expression | undefined): void => {
    if (!key) return;
    const store = storeDeclaration(target, env);
    if (!store || reported.has(store.decl) || !isUnscopedCallerKey(key, store.name, env)) return;
    reported.add(store.decl);
    findings.push(localFinding(env, 'unscoped-session-key', 'unscopedSessionKey', node,
      `${store.name} is keyed by a caller-chosen id without the tenant, so two tenants with the same id share an entry`, hintFor(env, 'sessionKeyWithTenant'),
      `${store.name} is keyed by a caller-chosen id without the tenant`));
  };
  // Source order, so the finding lands on the first access.
  const accesses: { node: TS.Node; target: TS.Expression; key: TS.Expression | undefined }[] = [];
  for (const call of c.calls) {
    const method = calleeName(ts, call);
    const receiver = calleeReceiver(ts, call);
    if (receiver && method && /^(set|get|has|delete|peek)$/.test(method)) accesses.push({ node: call, target: receiver, key: call.arguments[0] });
  }
  for (const access of c.elementAccesses) accesses.push({ node: access, target: access.expression, key: access.argumentExpression });
  accesses.sort((a, b) => a.node.pos - b.node.pos);
  for (const a of accesses) consider(a.node, a.target, a.key);
  return findings;
}
