import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { calleeName, functionName, nameOf, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { normalizeFieldName } from '../model/names.js';
import { isContextGetterCall } from '../recognise/tenant.js';
import { recogniseSink } from '../recognise/sinks.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding, Suggestion } from './types.js';
import { hintFor } from './fix-options.js';
import { fitSummary } from './summary.js';
import { isMissingValue, readsName, testsPresent } from './presence.js';
import { isComponentOrHook, onlyBesideUserFilter, reachesUnguardedFetch } from './carried-tenant.js';

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function hasModifier(ts: AnalysisEnv['ts'], node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** Exported functions, public methods of exported classes, and methods of exported object literals. */
export function isApiBoundary(fn: FunctionLike, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const K = ts.SyntaxKind;
  if (ts.isFunctionDeclaration(fn)) return hasModifier(ts, fn, K.ExportKeyword);
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    if (hasModifier(ts, fn, K.PrivateKeyword) || hasModifier(ts, fn, K.ProtectedKeyword) || (fn.name && ts.isPrivateIdentifier(fn.name))) return false;
    const owner = fn.parent;
    if (ts.isClassDeclaration(owner)) return hasModifier(ts, owner, K.ExportKeyword);
    if (ts.isObjectLiteralExpression(owner)) return isExportedInitializer(owner, env);
    return false;
  }
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const parent = fn.parent;
    if (ts.isVariableDeclaration(parent)) return isExportedInitializer(fn, env);
    if (ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) return isExportedInitializer(parent.parent, env);
    if (ts.isPropertyDeclaration(parent)) {
      return !hasModifier(ts, parent, K.PrivateKeyword) && !hasModifier(ts, parent, K.ProtectedKeyword) &&
        ts.isClassDeclaration(parent.parent) && hasModifier(ts, parent.parent, K.ExportKeyword);
    }
  }
  return false;
}

function isExportedInitializer(expr: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const decl = expr.parent;
  if (!decl || !ts.isVariableDeclaration(decl)) return ts.isExportAssignment(decl);
  const statement = decl.parent?.parent;
  return !!statement && ts.isVariableStatement(statement) && hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword);
}

function typeAllowsMissing(ts: AnalysisEnv['ts'], type: TS.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isUnionTypeNode(type)) return type.types.some((t) => typeAllowsMissing(ts, t));
  if (ts.isLiteralTypeNode(type)) return type.literal.kind === ts.SyntaxKind.NullKeyword;
  return type.kind === ts.SyntaxKind.UndefinedKeyword || type.kind === ts.SyntaxKind.NullKeyword;
}

function resolvedFromContext(init: TS.Expression | undefined, env: AnalysisEnv): boolean {
  if (!init) return false;
  const ts = env.ts;
  let found = false;
  walk(ts, init, (n) => {
    if (ts.isCallExpression(n) && isContextGetterCall(n, env)) found = true;
    return found ? false : undefined;
  });
  return found;
}

/**
 * A parameter that selects the tenant: exactly a configured tenant field (any casing) or `tenant`.
 * Relationship names such as `fromTenantId` or `parentOrgId` describe data, not the caller's scope,
 * and are often optional for good reasons.
 */
function isTenantParamName(name: string, env: AnalysisEnv): boolean {
  const n = normalizeFieldName(name);
  return n === 'tenant' || env.config.tenantFields.some((f) => normalizeFieldName(f) === n);
}

interface OptionalTenant {
  name: string;
  report: TS.Node;
  why: string;
  /** The `?` token, when making the parameter required is a one-token fix. */
  question: TS.QuestionToken | undefined;
}

/** Members of an inline type literal or a same-file interface / type alias. */
function typeMembers(type: TS.TypeNode | undefined, env: AnalysisEnv): TS.NodeArray<TS.TypeElement> | undefined {
  const ts = env.ts;
  if (!type) return undefined;
  if (ts.isTypeLiteralNode(type)) return type.members;
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    for (const s of sourceFileOf(type, env).statements) {
      if (ts.isInterfaceDeclaration(s) && s.name.text === name) return s.members;
      if (ts.isTypeAliasDeclaration(s) && s.name.text === name && ts.isTypeLiteralNode(s.type)) return s.type.members;
    }
  }
  return undefined;
}

function optionalTenants(param: TS.ParameterDeclaration, env: AnalysisEnv): OptionalTenant[] {
  const ts = env.ts;
  const out: OptionalTenant[] = [];
  if (ts.isIdentifier(param.name)) {
    if (!isTenantParamName(param.name.text, env) || param.dotDotDotToken) return out;
    if (param.questionToken) out.push({ name: param.name.text, report: param, why: 'is optional', question: param.questionToken });
    else if (param.initializer && !resolvedFromContext(param.initializer, env)) out.push({ name: param.name.text, report: param, why: 'has a default value', question: undefined });
    else if (typeAllowsMissing(ts, param.type)) out.push({ name: param.name.text, report: param, why: 'accepts undefined/null', question: undefined });
    return out;
  }
  if (ts.isObjectBindingPattern(param.name)) {
    const members = typeMembers(param.type, env);
    for (const el of param.name.elements) {
      const key = nameOf(ts, el.propertyName ?? el.name);
      if (!key || !isTenantParamName(key, env) || !ts.isIdentifier(el.name)) continue;
      if (el.initializer) {
        // A default resolved from context (`{ tenantId = requireTenantId() }`) covers an optional member.
        if (!resolvedFromContext(el.initializer, env)) out.push({ name: el.name.text, report: el, why: 'has a default value', question: undefined });
        continue;
      }
      const member = members?.find((m) => ts.isPropertySignature(m) && nameOf(ts, m.name) === key) as TS.PropertySignature | undefined;
      if (member && (member.questionToken || typeAllowsMissing(ts, member.type))) {
        out.push({ name: el.name.text, report: el, why: 'is optional in the options type', question: member.questionToken });
      } else if (!member && env.checker && param.type === undefined) {
        // Type information can tell when the options type lives elsewhere.
      }
    }
  }
  return out;
}

/** The body resolves the value from context (`t ?? requireTenantId()`, `t ??= …`) or fails closed (`if (!t) throw`). */
export function bodyResolvesOrFailsClosed(fn: FunctionLike, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (!fn.body) return false;
  let ok = false;
  const mentions = (n: TS.Node): boolean => {
    let hit = false;
    walk(ts, n, (x) => {
      if (ts.isIdentifier(x) && x.text === name) hit = true;
      return hit ? false : undefined;
    });
    return hit;
  };
  // `if (!t)`, `if (!isValid(t))`, `if (t == null)`, `if (typeof t === 'undefined')`: a test for the value missing.
  // `if (t) return rows(t)` leaves by the present branch; the missing one goes on.
  const testsAbsent = (cond: TS.Expression): boolean => {
    let absent = false;
    walk(ts, cond, (x) => {
      if (absent) return false;
      if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken && mentions(x.operand)) absent = true;
      else if (ts.isBinaryExpression(x) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(x.operatorToken.kind) && mentions(x)) absent = true;
      return undefined;
    });
    return absent;
  };
  const failsClosed = (s: TS.Statement): boolean => {
    let f = false;
    walk(ts, s, (x) => {
      if (ts.isThrowStatement(x) || ts.isReturnStatement(x)) f = true;
      return f ? false : undefined;
    });
    return f;
  };
  walk(ts, fn.body, (n) => {
    if (ok) return false;
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionEqualsToken,
      ts.SyntaxKind.BarBarEqualsToken].includes(n.operatorToken.kind) && mentions(n.left) && resolvedFromContext(n.right, env)) ok = true;
    else if (ts.isIfStatement(n) && testsAbsent(n.expression) && failsClosed(n.thenStatement)) ok = true;
    else if (ts.isCallExpression(n) && /^(assert\w*|invariant|ensure\w*|require\w*)$/.test(calleeName(ts, n) ?? '') &&
             n.arguments.some((a) => ts.isIdentifier(unwrap(ts, a)) && (unwrap(ts, a) as TS.Identifier).text === name)) ok = true;
    return undefined;
  });
  return ok;
}

/**
 * The value only switches work on: every read of it sits in the branch of `if (orgId && userId)` (or is
 * that test), or in a statement `orgId && drop(orgId)` / `orgId ? a(orgId) : b()`, and nothing else is
 * called outside those branches. A caller that omits it gets nothing done, not every tenant
 * (`revalidate({ environmentId })` that drops a cache tag only when given one). A filter built only when
 * the value is there (`if (orgId) where.orgId = orgId` before a query) still has its query outside.
 */
export function usedOnlyWhenPresent(fn: FunctionLike, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (!fn.body) return false;
  let uses = 0;
  let unguarded = 0;
  const built = builtInPresentBranches(fn, name, env);
  walk(ts, fn.body, (n) => {
    if (ts.isCallExpression(n) && !inPresentBranch(n, fn, name, env) && doesWorkWithoutTenant(n, fn, built, env)) unguarded++;
    if (!readsName(ts, n, name)) return undefined;
    uses++;
    if (!onlyTestsPresence(n, env) && !inPresentBranch(n, fn, name, env)) unguarded++;
    return undefined;
  });
  return uses > 0 && unguarded === 0;
}

/** Locals a present branch writes to (`where.orgId = orgId`, `filters.push(…)`): built only when the value is there. */
function builtInPresentBranches(fn: FunctionLike, name: string, env: AnalysisEnv): Set<string> {
  const ts = env.ts;
  const out = new Set<string>();
  const rootName = (e: TS.Expression): string | undefined => {
    let x = unwrap(ts, e);
    while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = unwrap(ts, x.expression);
    return ts.isIdentifier(x) ? x.text : undefined;
  };
  walk(ts, fn.body as TS.Node, (n) => {
    // The shape first; only a write climbs to see whether a present branch holds it.
    const target = ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? n.left
      : ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(push|unshift|set|add|append|assign)$/.test(n.expression.name.text) ? n.expression.expression
        : undefined;
    const r = target && rootName(target);
    if (r && inPresentBranch(n, fn, name, env)) out.add(r);
    return undefined;
  });
  return out;
}

/**
 * A call outside the present branches that does the work the tenant would have scoped: a data sink,
 * a call whose result the function returns, or one handed what a present branch built.
 */
function doesWorkWithoutTenant(call: TS.CallExpression, fn: FunctionLike, built: ReadonlySet<string>, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (TELEMETRY_CALL.test(calleeName(ts, call) ?? '')) return false;
  // `Promise.all(deletes)` waits for what the branches started and `.then(…)` for its receiver, which is judged
  // itself: neither does work of its own.
  const callee = unwrap(ts, call.expression);
  if (ts.isPropertyAccessExpression(callee) &&
      ((ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise') || /^(then|catch|finally)$/.test(callee.name.text))) return false;
  if (recogniseSink(call, env)) return true;
  // Its value is what the function gives back: `return call(…)`, or an arrow's expression body.
  for (let a: TS.Node = call; a !== (fn as TS.Node) && !ts.isBlock(a) && !ts.isExpressionStatement(a); a = a.parent) {
    if (ts.isReturnStatement(a) || a === fn.body) return true;
  }
  let handed = false;
  for (const arg of call.arguments) {
    walk(ts, arg, (x) => {
      if (ts.isIdentifier(x) && built.has(x.text)) handed = true;
      return handed ? false : undefined;
    });
  }
  return handed;
}

/** The read only decides: part of a presence test (`orgId && userId`, `!!orgId`, `orgId != null`) of an `if` or a statement. */
function onlyTestsPresence(n: TS.Identifier, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let child: TS.Node = n;
  for (let a = n.parent; a; child = a, a = a.parent) {
    if (ts.isParenthesizedExpression(a) || (ts.isPrefixUnaryExpression(a) && a.operator === ts.SyntaxKind.ExclamationToken)) continue;
    if (ts.isBinaryExpression(a) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(a.operatorToken.kind)) {
      if (isMissingValue(ts, unwrap(ts, child === a.left ? a.right : a.left))) continue;
      return false;
    }
    if (ts.isBinaryExpression(a) && a.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === a.left) continue;
    if (ts.isIfStatement(a)) return child === a.expression;
    if (ts.isConditionalExpression(a)) return child === a.condition && isStatementExpression(a, env);
    return ts.isExpressionStatement(a);
  }
  return false;
}

/** `orgId && drop(orgId);` / `orgId ? a() : b();`: an expression whose value nobody takes. */
function isStatementExpression(e: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let x = e;
  while (x.parent && ts.isParenthesizedExpression(x.parent)) x = x.parent;
  return !!x.parent && ts.isExpressionStatement(x.parent);
}

/** The node sits in the branch of `if (orgId …)`, or right of `orgId && …` / the true side of `orgId ? … : …` in a statement. */
function inPresentBranch(n: TS.Node, fn: FunctionLike, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let child: TS.Node = n;
  for (let a = n.parent; a && a !== (fn as TS.Node); child = a, a = a.parent) {
    if (ts.isIfStatement(a) && child === a.thenStatement && testsPresent(a.expression, name, env)) return true;
    if (ts.isConditionalExpression(a) && child === a.whenTrue && testsPresent(a.condition, name, env) && isStatementExpression(a, env)) return true;
    if (ts.isBinaryExpression(a) && a.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === a.right && testsPresent(a.left, name, env) &&
        isStatementExpression(a, env)) return true;
  }
  return false;
}

/** Calls that only record or report a value: analytics, logs, metrics, events published to a stream. */
const TELEMETRY_CALL = /^(capture\w*|track\w*|identify|log|info|warn|error|debug|trace|emit|report\w*|send\w*Event|publish\w*Events?|record\w*|increment|gauge|histogram)$/;

/**
 * A function that records an event by its name (`recordClick`, `trackSignup`, `captureEvent`,
 * `publishLinkClickEvent`): its optional tenant is an attribute of the event (clicks on links without
 * a workspace exist), not a filter.
 */
const RECORDS_EVENT = /^(record|track|capture)[A-Z]\w*$|^publish\w*Events?$/;

/** An error built or thrown: `new InvoiceError(code, { teamId })` carries the tenant as context for whoever reads the error. */
const ERROR_CLASS = /(Error|Exception)$/;

/**
 * The parameter is used beyond analytics and logs, or not at all (handed to a query, a helper, a key, a return):
 * an optional tenant only recorded in telemetry selects nobody's rows.
 */
function usedBeyondTelemetry(fn: FunctionLike, name: string, env: AnalysisEnv, depth = 0): boolean {
  const ts = env.ts;
  if (!fn.body) return true;
  let used = false;
  let seen = false;
  walk(ts, fn.body, (n) => {
    if (used) return false;
    if (!ts.isIdentifier(n) || n.text !== name) return undefined;
    seen = true;
    if (!readsName(ts, n, name)) return undefined;
    const p = n.parent;
    let inTelemetry = false;
    for (let a: TS.Node | undefined = p; a && a !== (fn as TS.Node); a = a.parent) {
      if (ts.isCallExpression(a)) {
        inTelemetry = TELEMETRY_CALL.test(calleeName(ts, a) ?? '');
        break;
      }
      if (ts.isNewExpression(a) || ts.isThrowStatement(a)) {
        inTelemetry = ts.isThrowStatement(a) || ERROR_CLASS.test(calleeName(ts, a) ?? '');
        break;
      }
      // `const distinctId = orgId || uuidv4()`: judged by where the local goes.
      if (ts.isVariableDeclaration(a) && ts.isIdentifier(a.name) && depth < 2) {
        inTelemetry = !usedBeyondTelemetry(fn, a.name.text, env, depth + 1);
        break;
      }
    }
    if (!inTelemetry) used = true;
    return undefined;
  });
  // A tenant the body never reads is still a promise to scope by it: reported as before.
  return used || !seen;
}

export function analyseOptionalTenantParams(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const ts = env.ts;
  const findings: LocalFinding[] = [];
  for (const fn of c.functions) {
    if (fn.parameters.length === 0 || !isApiBoundary(fn, env)) continue;
    if (RECORDS_EVENT.test(functionName(ts, fn) ?? '')) continue;
    const clientCode = isComponentOrHook(fn, env);
    for (const param of fn.parameters) {
      for (const opt of optionalTenants(param, env)) {
        if (bodyResolvesOrFailsClosed(fn, opt.name, env) || usedOnlyWhenPresent(fn, opt.name, env)) continue;
        // Only where the tenant can scope something: `sendTelemetry(event, orgId = '')` hands it to analytics, not a filter;
        // a component's prop that picks a link matters only where it reaches a fetch.
        if (clientCode ? !reachesUnguardedFetch(fn, opt.name, env) : !usedBeyondTelemetry(fn, opt.name, env)) continue;
        if (onlyBesideUserFilter(fn, opt.name, env)) continue;
        const suggestions: Suggestion[] = opt.question
          ? [{ id: 'makeTenantRequired', description: `Make ${opt.name} required`, changes: [{ start: opt.question.getStart(), end: opt.question.end, text: '' }] }]
          : [];
        findings.push({
          kind: 'optional-tenant-param', messageId: 'optionalTenantParam', node: opt.report, fn, suggestions,
          message: `${opt.name} ${opt.why} at an API boundary; a caller that omits it gets every tenant (Prisma treats { ${opt.name}: undefined } as no filter). ${capitalise(hintFor(env, 'requiredParameter', undefined, opt.name))}`,
          summary: fitSummary('optional-tenant-param', `${opt.name} ${opt.why} at an API boundary`, hintFor(env, 'requiredParameter', undefined, opt.name)),
        });
      }
    }
  }
  return findings;
}
