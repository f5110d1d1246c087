import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { enclosingFunctions, textOf, unwrap, walk } from '../recognise/ast.js';
import { classifyValue, isTenantKey, isTenantName, isVerifiedPrincipalValue } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';
import { hintFor } from './fix-options.js';
import { localFinding } from './local-finding.js';

/** `row.tenantId`, `r.metadata?.tenantId`, `doc.orgId`: a tenant marker read off a record. */
function isTenantMarker(node: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const e = unwrap(ts, node);
  if (ts.isPropertyAccessExpression(e)) return isTenantKey(e.name.text, env);
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return isTenantKey(e.argumentExpression.text, env);
  return false;
}

/**
 * `d.metadata?.tenantId` and `d.metadata.tenantId` are the same marker. `app?.teamId` is not `app.teamId`:
 * it also asks whether the record exists at all, and a record that is not there hands out nothing.
 */
function markerText(node: TS.Node, sf: TS.SourceFile): string {
  const text = textOf(node, sf);
  const root = /^[A-Za-z_$][\w$]*\?\./.exec(text)?.[0] ?? '';
  return root + text.slice(root.length).replace(/\?\./g, '.').replace(/!\./g, '.');
}

const EQUALITY = (ts: AnalysisEnv['ts']) => new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

function isDefaulting(ts: AnalysisEnv['ts'], e: TS.Expression): e is TS.BinaryExpression {
  return ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}

/** `!x`, `x == null`, `x === undefined`, `typeof x === 'undefined'` on the marker `text`. */
function isMissingTest(e: TS.Expression, text: string, env: AnalysisEnv, sf: TS.SourceFile): boolean {
  const ts = env.ts;
  const x = unwrap(ts, e);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) return markerText(unwrap(ts, x.operand), sf) === text;
  if (ts.isBinaryExpression(x) && EQUALITY(ts).has(x.operatorToken.kind) &&
      (x.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken || x.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken)) {
    const sides = [markerText(unwrap(ts, x.left), sf), markerText(unwrap(ts, x.right), sf)];
    return sides.includes(text) && sides.some((s) => /^(null|undefined|void 0)$/.test(s));
  }
  return false;
}

/** `x` (truthy), `x != null`, `x !== undefined` on the marker `text`. */
function isPresentTest(e: TS.Expression, text: string, env: AnalysisEnv, sf: TS.SourceFile): boolean {
  const ts = env.ts;
  const x = unwrap(ts, e);
  if (markerText(x, sf) === text) return true;
  if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken || x.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken)) {
    const sides = [markerText(unwrap(ts, x.left), sf), markerText(unwrap(ts, x.right), sf)];
    return sides.includes(text) && sides.some((s) => /^(null|undefined|void 0)$/.test(s));
  }
  return false;
}

function comparedMarker(e: TS.Expression, env: AnalysisEnv): TS.Expression | undefined {
  const ts = env.ts;
  const x = unwrap(ts, e);
  if (!ts.isBinaryExpression(x) || !EQUALITY(ts).has(x.operatorToken.kind)) return undefined;
  if (isTenantMarker(x.left, env)) return unwrap(ts, x.left);
  if (isTenantMarker(x.right, env)) return unwrap(ts, x.right);
  return undefined;
}

/**
 * An `if` on the comparison whose branch neither throws, returns, breaks nor continues only observes
 * (logs a mismatch); it rejects nothing, so it is not the check that guards the record.
 */
function onlyObserves(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let p: TS.Node = node;
  while (p.parent && (ts.isParenthesizedExpression(p.parent) || ts.isBinaryExpression(p.parent) || ts.isPrefixUnaryExpression(p.parent))) p = p.parent;
  const stmt = p.parent;
  if (!stmt || !ts.isIfStatement(stmt) || stmt.expression !== p) return false;
  let exits = false;
  walk(ts, stmt.thenStatement, (n) => {
    if (exits) return false;
    if (ts.isThrowStatement(n) || ts.isReturnStatement(n) || ts.isBreakStatement(n) || ts.isContinueStatement(n)) exits = true;
    // A nested function's returns are its own.
    return ts.isFunctionExpression(n) || ts.isArrowFunction(n) ? false : undefined;
  });
  return !exits;
}

/**
 * The function's own query admits rows without a tenant next to the tenant's (`project_id IS NULL OR
 * project_id = ${projectId}`, `OR: [{ projectId: null }, { projectId }]`, `or(isNull(t.projectId), …)`):
 * the code base declares unmarked rows shared (built-in models, global templates), so a check that lets
 * them pass says what the query already says.
 */
function admitsUnmarkedRowsByDesign(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  // The query may sit in the function around the callback that checks (`rows.filter((r) => !r.projectId || …)`).
  const scopes = enclosingFunctions(ts, node);
  const fn = scopes[scopes.length - 1];
  if (!fn) return false;
  let found = false;
  walk(ts, fn, (n) => {
    if (found) return false;
    if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      for (const m of n.text.matchAll(/([A-Za-z_][\w."]*)\s+IS\s+NULL\b/gi)) {
        const column = (m[1] as string).replace(/"/g, '').split('.').pop() ?? '';
        if (isTenantKey(column, env)) found = true;
      }
    } else if (ts.isPropertyAssignment(n) && n.initializer.kind === ts.SyntaxKind.NullKeyword && ts.isIdentifier(n.name) && isTenantKey(n.name.text, env)) {
      found = true;
    } else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'isNull' && n.arguments[0] && isTenantMarker(n.arguments[0], env)) {
      found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * The tenant a record is compared with may be missing: request input, or a parameter declared optional
 * (`workspaceId?: string`, `workspaceId: string | undefined`). Not the verified context, where a missing
 * tenant means a mode without tenants.
 */
function expectedMayBeMissing(e: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const origin = classifyValue(e, env);
  if (origin.kind === 'untrusted') return true;
  if (origin.kind !== 'parameter' || isVerifiedPrincipalValue(e, env)) return false;
  const param = origin.fn.parameters[origin.index];
  if (!param) return false;
  const optionalType = (t: TS.TypeNode | undefined): boolean => !!t && ts.isUnionTypeNode(t) &&
    t.types.some((m) => m.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword));
  if (!origin.property) return !!param.questionToken || optionalType(param.type);
  // `({ workspaceId }: { workspaceId?: string })`: the member of the parameter's type literal.
  const key = origin.property.split('.')[0];
  const type = param.type && ts.isTypeLiteralNode(param.type) ? param.type : undefined;
  const member = type?.members.find((m) => ts.isPropertySignature(m) && m.name && ts.isIdentifier(m.name) && m.name.text === key) as TS.PropertySignature | undefined;
  return !!member && (!!member.questionToken || optionalType(member.type));
}

/**
 * Checks that pass when the tenant marker is missing:
 * `(m ?? t) === t`, `(m || t) === t`, `m && m !== t` (reject only when present), `!m || m === t`.
 */
/** How the comparison `b` lets a record without a tenant marker through, or undefined when it does not. */
function failOpenHow(b: TS.BinaryExpression, sf: TS.SourceFile, env: AnalysisEnv): string | undefined {
  const ts = env.ts;
  const op = b.operatorToken.kind;
  if (EQUALITY(ts).has(op)) {
    for (const side of [b.left, b.right]) {
      const s = unwrap(ts, side);
      if (isDefaulting(ts, s) && isTenantMarker(s.left, env)) {
        const fallback = unwrap(ts, s.right);
        const other = unwrap(ts, side === b.left ? b.right : b.left);
        // Falling back to the very value it is compared with, or to any tenant-ish value, passes when missing.
        if (textOf(fallback, sf) === textOf(other, sf) || (ts.isIdentifier(fallback) && isTenantName(fallback.text, env)) ||
            (ts.isPropertyAccessExpression(fallback) && isTenantKey(fallback.name.text, env))) {
          return 'substitutes the caller\'s tenant when the marker is missing';
        }
      }
    }
  }
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
    const marker = comparedMarker(b.right, env);
    const right = unwrap(ts, b.right) as TS.BinaryExpression;
    if (marker && (right.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || right.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken) &&
        isPresentTest(b.left, markerText(marker, sf), env, sf) && !onlyObserves(b, env) && !admitsUnmarkedRowsByDesign(b, env)) {
      return 'rejects a record only when its tenant marker is present';
    } else if (marker && (right.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || right.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken)) {
      // `workspaceId && creds.workspaceId !== workspaceId`: the check runs only when the expected tenant
      // is there, and an empty or omitted one (`""` from the client, an optional parameter) passes any record.
      const expected = unwrap(ts, unwrap(ts, right.left) === marker ? right.right : right.left);
      if (isPresentTest(b.left, markerText(expected, sf), env, sf) && expectedMayBeMissing(expected, env) && !onlyObserves(b, env)) {
        return 'runs only when the expected tenant is present, so an empty or omitted tenant skips it';
      }
    }
  }
  if (op === ts.SyntaxKind.BarBarToken) {
    const marker = comparedMarker(b.right, env);
    const right = unwrap(ts, b.right) as TS.BinaryExpression;
    if (marker && (right.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || right.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken) &&
        isMissingTest(b.left, markerText(marker, sf), env, sf) && !admitsUnmarkedRowsByDesign(b, env)) {
      return 'accepts a record whose tenant marker is missing';
    }
  }
  return undefined;
}

/**
 * Whether `node` holds a tenant comparison that lets unmarked records through (the ones reported as
 * fail-open-tenant-check): a filter built on it checks nothing for such records.
 */
export function hasFailOpenComparison(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const sf = sourceFileOf(node, env);
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isBinaryExpression(n) && failOpenHow(n, sf, env)) found = true;
    return undefined;
  });
  return found;
}

export function analyseFailOpen(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const findings: LocalFinding[] = [];
  const report = (node: TS.Node, how: string): void => {
    findings.push(localFinding(env, 'fail-open-tenant-check', 'failOpenCheck', node,
      `this tenant check ${how}, so records without a tenant marker pass for every tenant`, hintFor(env, 'compareStrictly'), `this tenant check ${how}`));
  };
  // One file per call: look it up once. `getSourceFile()` walks the parents, so asking per binary
  // expression is quadratic in a long generated `a + b + …` chain.
  const sf = (c.binaries[0] ? sourceFileOf(c.binaries[0], env) : undefined) as TS.SourceFile;
  for (const b of c.binaries) {
    const how = failOpenHow(b, sf, env);
    if (how) report(b, how);
  }
  return findings;
}
