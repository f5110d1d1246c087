import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { calleeName, nameOf, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { normalizeFieldName } from '../model/names.js';
import { isContextGetterCall } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding, Suggestion } from './types.js';

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
    else if (ts.isIfStatement(n) && mentions(n.expression) && failsClosed(n.thenStatement)) ok = true;
    else if (ts.isCallExpression(n) && /^(assert\w*|invariant|ensure\w*|require\w*)$/.test(calleeName(ts, n) ?? '') &&
             n.arguments.some((a) => ts.isIdentifier(unwrap(ts, a)) && (unwrap(ts, a) as TS.Identifier).text === name)) ok = true;
    return undefined;
  });
  return ok;
}

/** Calls that only record or report a value: analytics, logs, metrics. */
const TELEMETRY_CALL = /^(capture\w*|track\w*|identify|log|info|warn|error|debug|trace|emit|report\w*|send\w*Event|record\w*|increment|gauge|histogram)$/;

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
    const p = n.parent;
    if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || (ts.isVariableDeclaration(p) && p.name === n)) return undefined;
    let inTelemetry = false;
    for (let a: TS.Node | undefined = p; a && a !== fn.body; a = a.parent) {
      if (ts.isCallExpression(a)) {
        inTelemetry = TELEMETRY_CALL.test(calleeName(ts, a) ?? '');
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
    for (const param of fn.parameters) {
      for (const opt of optionalTenants(param, env)) {
        if (bodyResolvesOrFailsClosed(fn, opt.name, env)) continue;
        // Only where the tenant can scope something: `sendTelemetry(event, orgId = '')` hands it to analytics, not a filter.
        if (!usedBeyondTelemetry(fn, opt.name, env)) continue;
        const suggestions: Suggestion[] = opt.question
          ? [{ id: 'makeTenantRequired', description: `Make ${opt.name} required`, changes: [{ start: opt.question.getStart(), end: opt.question.end, text: '' }] }]
          : [];
        findings.push({
          kind: 'optional-tenant-param', messageId: 'optionalTenantParam', node: opt.report, fn, suggestions,
          message: `${opt.name} ${opt.why} at an API boundary; a caller that omits it gets every tenant (Prisma treats { ${opt.name}: undefined } as no filter). Make it required, resolve it with ${opt.name} ?? requireTenantId(), or throw when it is missing`,
        });
      }
    }
  }
  return findings;
}
