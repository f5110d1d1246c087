import type * as TS from 'typescript';
import { STORED_URL_NAME, URL_PARSER } from '../sinks/storage.js';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { accessPath, calleeName, enclosingFunction, endsInExit, findLocalDeclaration, textOf, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { recogniseStorageCall, type StorageCall } from '../recognise/storage.js';
import type { SinkMatch } from '../recognise/sinks.js';
import { classifyValue, isTenantName, isVerifiedPrincipalValue, type ValueOrigin } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import { untrustedValueChecked } from './checked-against-caller.js';
import { refineBySameFileCallers } from './local-callers.js';
import { resultVariables } from './loaded-names.js';
import type { LocalFinding, SinkRecord } from './types.js';
import { hintFor } from './fix-options.js';
import { fitSummary } from './summary.js';

const ADVICE = "build the key from the loaded row's own id and tenant (`${row.tenantId}/${row.id}/…`), or delete only when the stored URL starts with that row's own prefix";

function lastName(ts: AnalysisEnv['ts'], e0: TS.Expression): string | undefined {
  const e = unwrap(ts, e0);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** A source worth the name: not a literal, not a deployment setting. */
function isStoredValue(ts: AnalysisEnv['ts'], e: TS.Expression | undefined): e is TS.Expression {
  if (!e) return false;
  const x = unwrap(ts, e);
  if (ts.isStringLiteralLike(x) || ts.isNoSubstitutionTemplateLiteral(x)) return false;
  return !(accessPath(ts, x) ?? []).some((p) => /^(env|process|config)$/.test(p) || /^[A-Z][A-Z0-9_]+$/.test(p));
}

/**
 * Where a key part was parsed out of a stored URL or path: `link.image.replace(`${BASE}/`, '')`,
 * `url.slice(BASE.length)`, `new URL(u).pathname`, `u.split('/')[1]`, or a field of
 * `parseStorageFileUrl(u)`. Returns the URL it was parsed from.
 */
export function parsedFromStoredUrl(expr: TS.Expression, env: AnalysisEnv, depth = 0): TS.Expression | undefined {
  const ts = env.ts;
  if (depth > 5) return undefined;
  const e = unwrap(ts, expr);
  const named = (src: TS.Expression | undefined, parser?: string): TS.Expression | undefined =>
    isStoredValue(ts, src) && (STORED_URL_NAME.test(lastName(ts, src) ?? '') || /url|uri|path/i.test(parser ?? '')) ? src : undefined;
  if (ts.isIdentifier(e)) {
    const decl = findLocalDeclaration(ts, e);
    if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer) return parsedFromStoredUrl(decl.initializer, env, depth + 1);
    // `const { storageId } = parseStorageFileUrl(url)`.
    if (decl && ts.isBindingElement(decl)) {
      let top: TS.Node = decl;
      while (ts.isBindingElement(top) || ts.isObjectBindingPattern(top) || ts.isArrayBindingPattern(top)) top = top.parent;
      if (ts.isVariableDeclaration(top) && top.initializer) return parsedFromStoredUrl(top.initializer, env, depth + 1);
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    // `storageFile.storageId` with `storageFile = parseStorageFileUrl(url)`; `new URL(u).pathname`.
    const holder = unwrap(ts, e.expression);
    if (ts.isNewExpression(holder) && calleeName(ts, holder) === 'URL') return named(holder.arguments?.[0], 'url');
    if (ts.isIdentifier(holder) || ts.isCallExpression(holder)) return parsedFromStoredUrl(holder, env, depth + 1);
    return undefined;
  }
  if (ts.isElementAccessExpression(e)) return parsedFromStoredUrl(e.expression, env, depth + 1);
  if (ts.isAwaitExpression(e)) return parsedFromStoredUrl(e.expression, env, depth + 1);
  if (!ts.isCallExpression(e)) return undefined;
  const name = calleeName(ts, e) ?? '';
  const receiver = ts.isPropertyAccessExpression(unwrap(ts, e.expression)) ? (unwrap(ts, e.expression) as TS.PropertyAccessExpression).expression : undefined;
  // `url.replace(`${BASE}/`, '')`: the base stripped off a stored link.
  if (/^replace(All)?$/.test(name) && receiver && e.arguments[1] && ts.isStringLiteralLike(unwrap(ts, e.arguments[1])) && (unwrap(ts, e.arguments[1]) as TS.StringLiteral).text === '') return named(receiver);
  if (/^(slice|substring|substr)$/.test(name) && receiver && e.arguments.some((a) => /\.length\b/.test(textOf(a, sourceFileOf(a, env))))) return named(receiver);
  if (name === 'split' && receiver) return named(receiver);
  if (/^decodeURI(Component)?$/.test(name) && e.arguments[0]) return parsedFromStoredUrl(e.arguments[0], env, depth + 1);
  if (URL_PARSER.test(name) && e.arguments[0]) return named(e.arguments[0], name);
  return undefined;
}

/**
 * The call runs only when the stored URL starts with the row's own prefix
 * (`link.image.startsWith(`${R2_URL}/images/${link.id}`) && storage.delete(…)`), in an enclosing
 * condition or an earlier exit: a check of "is it in our bucket" alone names no row.
 */
function guardedByOwnPrefix(node: TS.Node, source: TS.Expression, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const sf = sourceFileOf(node, env);
  const text = textOf(unwrap(ts, source), sf);
  const names = (cond: TS.Node): boolean => {
    let found = false;
    walk(ts, cond, (n) => {
      if (found) return false;
      if (ts.isCallExpression(n) && /^(startsWith|includes|match|test)$/.test(calleeName(ts, n) ?? '') && ts.isPropertyAccessExpression(unwrap(ts, n.expression))) {
        const on = textOf(unwrap(ts, (unwrap(ts, n.expression) as TS.PropertyAccessExpression).expression), sf);
        const prefix = n.arguments[0] ? unwrap(ts, n.arguments[0]) : undefined;
        const own = !!prefix && ts.isTemplateExpression(prefix) && prefix.templateSpans.some((s) => isStoredValue(ts, s.expression));
        if (on === text && own) found = true;
      }
      return undefined;
    });
    return found;
  };
  let child: TS.Node = node;
  for (let p = node.parent; p && p !== fn; child = p, p = p.parent) {
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && p.right === child && names(p.left)) return true;
    if (ts.isIfStatement(p) && p.thenStatement === child && names(p.expression)) return true;
    if (ts.isConditionalExpression(p) && p.whenTrue === child && names(p.condition)) return true;
    if (ts.isBlock(p)) {
      for (const st of p.statements) {
        if (st.pos >= child.pos) break;
        if (ts.isIfStatement(st) && (endsInExit(ts, st.thenStatement) || isContinue(ts, st.thenStatement)) && names(st.expression)) return true;
      }
    }
  }
  return false;
}

/**
 * The parsed segment was resolved to its owner and compared with the tenant before the call:
 * `const ws = await findWorkspace(file.storageId); if (ws?.id !== surveyWorkspaceId) return;`.
 */
function resolvedAndCompared(head: TS.Expression, node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn) return false;
  const ts = env.ts;
  const sf = sourceFileOf(node, env);
  const text = textOf(unwrap(ts, head), sf);
  const results: string[] = [];
  walk(ts, fn, (n) => {
    if (n.pos >= node.pos) return false;
    if (ts.isCallExpression(n) && n.arguments.some((a) => textOf(unwrap(ts, a), sf) === text)) results.push(...resultVariables(n, env));
    return undefined;
  });
  if (results.length === 0) return false;
  const readsResult = (x: TS.Node): boolean => {
    let hit = false;
    walk(ts, x, (m) => {
      if (ts.isIdentifier(m) && results.includes(m.text)) hit = true;
      return hit ? false : undefined;
    });
    return hit;
  };
  // The owner is compared with what the code knows the tenant to be: not a literal, not more request input.
  const tenantSide = (x: TS.Expression): boolean => {
    const e = unwrap(ts, x);
    if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) return false;
    return !readsResult(e) && classifyValue(e, env).kind !== 'untrusted';
  };
  let compared = false;
  walk(ts, fn, (n) => {
    if (compared || n.pos >= node.pos) return false;
    if (!ts.isIfStatement(n) || !(endsInExit(ts, n.thenStatement) || isContinue(ts, n.thenStatement))) return undefined;
    walk(ts, n.expression, (c) => {
      if (ts.isBinaryExpression(c) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(c.operatorToken.kind) &&
          ((readsResult(c.left) && tenantSide(c.right)) || (readsResult(c.right) && tenantSide(c.left)))) compared = true;
      return compared ? false : undefined;
    });
    return undefined;
  });
  return compared;
}

function isContinue(ts: AnalysisEnv['ts'], st: TS.Statement): boolean {
  const last = ts.isBlock(st) ? st.statements[st.statements.length - 1] : st;
  return !!last && ts.isContinueStatement(last);
}

function match(sc: StorageCall, env: AnalysisEnv, idValues: TS.Expression[], tenant: TS.Expression | undefined): SinkMatch {
  return {
    library: 'storage', category: 'query', operation: sc.operation, model: undefined, node: sc.node as TS.CallExpression, description: sc.description,
    evidence: tenant ? { status: 'tenant', value: tenant } : { status: 'none', detail: 'picks a stored object by key', idValues },
    external: { what: 'a stored object', advice: ADVICE },
  };
}

/**
 * Judges a storage call by its key's first segment, where the tenant usually is: parsed out of a
 * stored link the client can set (a gap unless guarded by the row's own prefix), a tenant value from
 * request input, or a tenant parameter for the callers to answer.
 */
function judgeStorage(sc: StorageCall, env: AnalysisEnv): SinkRecord | undefined {
  const ts = env.ts;
  const head = sc.keyParts[0];
  if (!head) return undefined;
  const fn = enclosingFunction(ts, sc.node);
  const record = (m: SinkMatch, verdict: SinkRecord['verdict'], reason: string, origin?: ValueOrigin): SinkRecord => ({ match: m, fn, verdict, reason, origin, inBackup: false });
  const source = sc.operation === 'write' ? parsedFromStoredUrl(head, env) : undefined;
  if (source) {
    const field = ts.isPropertyAccessExpression(unwrap(ts, source)) ? lastName(ts, source) : undefined;
    const m = { ...match(sc, env, [head], undefined), ...(field ? { storedLinkField: field } : {}) };
    const text = textOf(unwrap(ts, source), sourceFileOf(source, env));
    if (guardedByOwnPrefix(sc.node, source, fn, env) || resolvedAndCompared(head, sc.node, fn, env) || untrustedValueChecked(head, fn, env, undefined, true)) return record(m, 'scoped', `key parsed from ${text}, checked against the row's own prefix`);
    return record(m, 'unscoped', `its key is parsed from a stored link (${text}) the client can set, and nothing ties it to the row's own id or tenant`);
  }
  const named = lastName(ts, head);
  if (!named || !isTenantName(named, env)) return undefined;
  const m = match(sc, env, [], head);
  if (isVerifiedPrincipalValue(head, env)) return record(m, 'scoped', 'tenant segment from the verified caller');
  const origin = classifyValue(head, env);
  if (origin.kind === 'untrusted') {
    return untrustedValueChecked(head, fn, env) ? record(m, 'scoped', 'request tenant checked', origin) : record(m, 'untrusted', 'tenant segment from request input', origin);
  }
  if (origin.kind === 'parameter') return record(m, 'parameter', 'tenant segment from a parameter', origin);
  return record(m, 'scoped', `tenant segment from ${origin.kind}`, origin);
}

function findingFor(rec: SinkRecord, env: AnalysisEnv): LocalFinding | undefined {
  const { match: m } = rec;
  if (rec.verdict === 'unscoped') {
    return { kind: 'unscoped-query', messageId: 'storageKeyFromStoredLink', node: m.node, fn: rec.fn, sink: rec,
      message: `${m.description} ${rec.reason}: a link pointing at another tenant's object deletes or overwrites it; ${ADVICE}`,
      summary: fitSummary('unscoped-query', `${m.description} takes its key from a stored link the client can set`, hintFor(env, 'storageKeyFromRow')) };
  }
  if (rec.verdict === 'untrusted') {
    const path = rec.origin && 'path' in rec.origin ? rec.origin.path : 'the request';
    return { kind: 'unscoped-query', messageId: 'storageKeyUntrustedTenant', node: m.node, fn: rec.fn, sink: rec,
      message: `${m.description} puts a tenant taken from request input (${path}) at the head of an object key, not checked against the caller; ${hintFor(env, 'tenantFromVerified')}`,
      summary: fitSummary('unscoped-query', `${m.description} keys an object by a tenant from request input (${path})`, hintFor(env, 'tenantFromVerified')) };
  }
  return undefined;
}

/** Object-storage calls whose key's tenant segment the client can choose. */
export function analyseStorageKeys(c: Candidates, env: AnalysisEnv): { sinks: SinkRecord[]; findings: LocalFinding[] } {
  const sinks: SinkRecord[] = [];
  for (const node of [...c.calls, ...c.news]) {
    const sc = recogniseStorageCall(node, env);
    const rec = sc ? judgeStorage(sc, env) : undefined;
    if (rec) sinks.push(refineBySameFileCallers(rec, c, env));
  }
  return { sinks, findings: sinks.map((rec) => findingFor(rec, env)).filter((f): f is LocalFinding => f !== undefined) };
}

