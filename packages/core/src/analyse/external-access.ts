import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { calleeName, enclosingFunction, endsInExit, localInitializer, mentionsIdentifier, readsPropertyOf, textOf, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { recogniseExternalCall } from '../recognise/external.js';
import type { SinkMatch } from '../recognise/sinks.js';
import { classifyValue, isTenantKey, isVerifiedPrincipalValue, mentionsTenant, type ValueOrigin } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import { untrustedValueChecked } from './checked-against-caller.js';
import { gatesExit } from './check-gates.js';
import { refineBySameFileCallers } from './local-callers.js';
import { checkedAfterLoad } from './checked-against-caller.js';
import { resultVariables } from './loaded-names.js';
import type { LocalFinding, SinkRecord } from './types.js';
import { hintFor } from './fix-options.js';
import { fitSummary } from './summary.js';

/** A property of a fetched object that says whose it is: the tenant key, or metadata the platform tagged it with. */
function namesOwner(name: string, env: AnalysisEnv): boolean {
  return isTenantKey(name, env) || /tenant|organi[sz]ation|org|team|workspace|project|account|owner|customer/i.test(name);
}

/** `run.metadata?.teamId`, `membership.organizationId`, `dir.data.tenant`: an owner field read off the variable. */
function readsOwnerOf(expr: TS.Node, name: string, env: AnalysisEnv): boolean {
  return readsPropertyOf(env.ts, expr, name, (p) => namesOwner(p, env), true);
}

/** `===`, `!==`, `==`, `!=` (SyntaxKind numbers differ between compiler versions: read them off the env's module). */
function isComparison(ts: AnalysisEnv['ts'], n: TS.Node): n is TS.BinaryExpression {
  if (!ts.isBinaryExpression(n)) return false;
  const k = n.operatorToken.kind;
  return k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken;
}

function inert(ts: AnalysisEnv['ts'], e: TS.Expression): boolean {
  const x = unwrap(ts, e);
  return ts.isStringLiteralLike(x) || ts.isNumericLiteral(x) || x.kind === ts.SyntaxKind.NullKeyword || x.kind === ts.SyntaxKind.TrueKeyword ||
    x.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || ts.isTypeOfExpression(x);
}

/**
 * The object a call fetched is tied to the caller before anything uses it: its tenant or metadata
 * (read directly or through a local, `const runTeamId = run.metadata?.teamId`) is compared in a
 * condition that exits (`if (dir.data.tenant !== workspace.id) throw`, `if (!teamIds.includes(runTeamId)) return 403`).
 */
export function fetchedObjectCompared(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn) return false;
  const ts = env.ts;
  const names = resultVariables(node, env);
  if (names.length === 0) return false;
  // Locals holding the object's owner field: `const t = run.metadata?.teamId`, `orgId = membership.organizationId`.
  const owners = new Set<string>();
  walk(ts, fn, (n) => {
    if (n.pos < node.end) return undefined;
    const bind = ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer ? { name: n.name.text, value: n.initializer }
      : ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) ? { name: n.left.text, value: n.right } : undefined;
    if (bind && names.some((name) => readsOwnerOf(bind.value, name, env))) owners.add(bind.name);
    return undefined;
  });
  const ownerRead = (x: TS.Node): boolean => names.some((name) => readsOwnerOf(x, name, env)) || mentionsIdentifier(ts, x, (id) => owners.has(id));
  let checked = false;
  walk(ts, fn, (n) => {
    if (checked) return false;
    if (n.pos < node.end || !ts.isIfStatement(n)) return undefined;
    if (!endsInExit(ts, n.thenStatement) && !(n.elseStatement && endsInExit(ts, n.elseStatement))) return undefined;
    walk(ts, n.expression, (c) => {
      if (checked) return false;
      if (isComparison(ts, c) && ((ownerRead(c.left) && !inert(ts, c.right)) || (ownerRead(c.right) && !inert(ts, c.left)))) checked = true;
      else if (ts.isCallExpression(c) && /^(includes|has|some|every|find|indexOf)$/.test(calleeName(ts, c) ?? '') && c.arguments.some(ownerRead)) checked = true;
      return undefined;
    });
    return undefined;
  });
  return checked;
}

/** `const connections = await sso.getConnections({ tenant: workspace.id })`: a list the tenant's own lookup returned. */
function listedForTenant(list: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const e = unwrap(ts, list);
  const init = ts.isIdentifier(e) ? localInitializer(ts, e) : undefined;
  const made = init ? unwrap(ts, init) : undefined;
  return !!made && ts.isCallExpression(made) && made.arguments.some((a) => mentionsTenant(a, env) || isVerifiedPrincipalValue(a, env));
}

/**
 * The value was found in a list the tenant's own lookup returned, and a miss exits:
 * `const c = connections.find((x) => x.clientID === clientID); if (!c) throw`.
 */
function foundInTenantList(text: string, node: TS.Node, fn: FunctionLike, sf: TS.SourceFile, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, fn, (n) => {
    if (found) return false;
    if (n.pos >= node.pos) return false;
    if (!ts.isCallExpression(n) || !/^(find|some|findIndex|filter)$/.test(calleeName(ts, n) ?? '') || !ts.isPropertyAccessExpression(n.expression)) return undefined;
    const cb = n.arguments[0] ? unwrap(ts, n.arguments[0]) : undefined;
    if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) || !listedForTenant(n.expression.expression, env)) return undefined;
    let compares = false;
    walk(ts, cb.body, (c) => {
      if (isComparison(ts, c) && [c.left, c.right].some((side) => textOf(unwrap(ts, side), sf) === text)) compares = true;
      return compares ? false : undefined;
    });
    if (compares && gatesExit(n, env)) found = true;
    return undefined;
  });
  return found;
}

/** The value is tied to the caller's tenant before this use: a check the data sinks accept, or a fetch of its object that is compared. */
function tiedToTenant(value: TS.Expression, node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (untrustedValueChecked(value, fn, env)) return true;
  if (!fn) return false;
  const ts = env.ts;
  const sf = sourceFileOf(value, env);
  const text = textOf(unwrap(ts, value), sf);
  let tied = false;
  // `const dir = await directories.get(id); if (dir.data.tenant !== workspace.id) throw` before `directories.delete(id)`.
  walk(ts, fn, (n) => {
    if (tied) return false;
    if (n.pos >= node.pos) return false;
    if (ts.isCallExpression(n) && n.arguments.some((a) => textOf(unwrap(ts, a), sf) === text) && fetchedObjectCompared(n, fn, env)) tied = true;
    return undefined;
  });
  return tied || foundInTenantList(text, node, fn, sf, env);
}

/** Judges an external call as data sinks are judged, with the checks that fit objects in other systems. */
export function judgeExternal(match: SinkMatch, env: AnalysisEnv): SinkRecord {
  const fn = enclosingFunction(env.ts, match.node);
  const record = (verdict: SinkRecord['verdict'], reason: string, origin?: ValueOrigin): SinkRecord => ({ match, fn, verdict, reason, origin, inBackup: false });
  if (match.operation === 'read' && (checkedAfterLoad(match.node, fn, env) || fetchedObjectCompared(match.node, fn, env))) {
    return record('scoped', 'object checked against the tenant after fetching');
  }
  const ev = match.evidence;
  if (ev.status === 'tenant' && ev.value) {
    const v = ev.value;
    if (isVerifiedPrincipalValue(v, env)) return record('scoped', 'tenant from the verified caller');
    const origin = classifyValue(v, env);
    if (origin.kind === 'undefined') return record('unscoped', 'tenant is undefined', origin);
    if (origin.kind === 'untrusted') return tiedToTenant(v, match.node, fn, env) ? record('scoped', 'request tenant checked', origin) : record('untrusted', 'tenant from request input', origin);
    if (origin.kind === 'parameter') return record('parameter', 'tenant from a parameter', origin);
    return record('scoped', `tenant from ${origin.kind}`, origin);
  }
  const ids = ev.status === 'none' ? ev.idValues : [];
  if (ids.some((id) => isVerifiedPrincipalValue(id, env))) return record('scoped', "the verified caller's own object");
  let parameter: ValueOrigin | undefined;
  for (const id of ids) {
    const origin = classifyValue(id, env);
    if (origin.kind === 'untrusted' && !tiedToTenant(id, match.node, fn, env)) return record('unscoped', `taken from request input (${origin.path})`, origin);
    if (origin.kind === 'parameter' && !tiedToTenant(id, match.node, fn, env)) parameter ??= origin;
  }
  if (parameter) return record('id-parameter', 'the function receives it', parameter);
  return record('derived', 'id comes from data loaded or computed here');
}

function findingFor(rec: SinkRecord, env: AnalysisEnv): LocalFinding | undefined {
  const { match } = rec;
  const ext = match.external;
  if (!ext) return undefined;
  if (rec.verdict === 'untrusted') {
    const path = rec.origin && 'path' in rec.origin ? rec.origin.path : 'the request';
    return {
      kind: 'unscoped-query', messageId: 'externalUntrustedTenant', node: match.node, fn: rec.fn, sink: rec,
      message: `${match.description} acts on ${ext.what} for a tenant taken from request input (${path}), not checked against the caller; ${hintFor(env, 'tenantFromVerified')}`,
      summary: fitSummary('unscoped-query', `${match.description} acts on ${ext.what} for a tenant from request input (${path})`, hintFor(env, 'tenantFromVerified')),
    };
  }
  if (rec.verdict === 'unscoped' || rec.verdict === 'id-parameter') {
    return {
      kind: 'unscoped-query', messageId: 'externalById', node: match.node, fn: rec.fn, sink: rec,
      message: `${match.description} acts on ${ext.what} by an id (${rec.reason}) not tied to the caller's tenant: the platform's credentials reach every tenant's objects; ${ext.advice}`,
      summary: fitSummary('unscoped-query', `${match.description} acts on ${ext.what} by an id not tied to the caller's tenant`, 'check the id belongs to the caller first'),
    };
  }
  return undefined;
}

/** Calls on other systems (billing, identity, SSO, jobs, hosting, provider HTTP APIs) by an id the client may choose. */
export function analyseExternalAccess(c: Candidates, env: AnalysisEnv): { sinks: SinkRecord[]; findings: LocalFinding[] } {
  const sinks: SinkRecord[] = [];
  for (const call of c.calls) {
    const match = recogniseExternalCall(call, env);
    if (match) sinks.push(refineBySameFileCallers(judgeExternal(match, env), c, env));
  }
  const findings = sinks.map((rec) => findingFor(rec, env)).filter((f): f is LocalFinding => f !== undefined);
  return { sinks, findings };
}
