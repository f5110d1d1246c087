import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv, type TypeScriptModule } from '../recognise/env.js';
import { calleeName } from '../recognise/ast.js';
import { isSuperuserConnectionUrl } from '../rls/connection-url.js';
import type { Candidates } from './candidates.js';
import { hintFor } from './fix-options.js';
import { localFinding } from './local-finding.js';
import type { LocalFinding } from './types.js';

/** Object keys that switch row-level security off for a query or a client (`{ bypassRls: true }`). */
export const BYPASS_KEY = /^bypass_?rls$/i;
/** Calls that run their callback or query with row-level security off. */
export const BYPASS_CALL = /^(bypass_?rls|withBypassRls|withoutRls|disableRls)$/i;
/** Cheap pre-filter for strings worth a closer look (the candidate walk keeps only these). */
export const ESCAPE_TEXT = /BYPASSRLS|row_security|^postgres(?:ql)?:\/\//i;
/** Role DDL granting the bypass; prose that merely mentions BYPASSRLS, and NOBYPASSRLS, do not match. */
const BYPASS_SQL = /\b(create|alter)\s+(role|user)\b[^;]*?\bBYPASSRLS\b/i;
const ROW_SECURITY_OFF = /\bset\s+(local\s+|session\s+)?row_security\s*(=|to)\s*'?off\b/i;
const MISSING_CONTEXT = 'MissingTenantContextError';

function keyName(ts: TypeScriptModule, p: TS.ObjectLiteralElementLike): string | undefined {
  return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
}

function containsThrow(ts: TypeScriptModule, node: TS.Node): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isThrowStatement(n)) found = true;
    else if (!(ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n))) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function mentionsMissingContext(ts: TypeScriptModule, node: TS.Node): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if ((ts.isIdentifier(n) || ts.isStringLiteralLike(n)) && n.text === MISSING_CONTEXT) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** `!(e instanceof X)`, `e.name !== 'X'`: the branch handles every error except the missing context. */
function isNegated(ts: TypeScriptModule, cond: TS.Expression): boolean {
  let e = cond;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return true;
  return ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || e.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken);
}

/** A handler block that catches MissingTenantContextError and carries on instead of failing closed. */
function swallowsMissingContext(ts: TypeScriptModule, block: TS.Block): TS.Node | undefined {
  for (let i = 0; i < block.statements.length; i++) {
    const st = block.statements[i] as TS.Statement;
    if (!ts.isIfStatement(st) || !mentionsMissingContext(ts, st.expression)) continue;
    if (!isNegated(ts, st.expression)) return containsThrow(ts, st.thenStatement) ? undefined : st;
    // `if (!(e instanceof Missing…)) throw e;` then the rest handles the missing context.
    const rest = block.statements.slice(i + 1);
    return rest.some((s) => containsThrow(ts, s)) ? undefined : st;
  }
  return undefined;
}

/** Whether the candidate walk should keep this node for `analyseEscapeHatches` (calls come from `calls`). */
export function isEscapeCandidate(ts: TypeScriptModule, node: TS.Node): boolean {
  const K = ts.SyntaxKind;
  switch (node.kind) {
    case K.PropertyAssignment: return BYPASS_KEY.test(keyName(ts, node as TS.PropertyAssignment) ?? '');
    case K.ShorthandPropertyAssignment: return BYPASS_KEY.test((node as TS.ShorthandPropertyAssignment).name.text);
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
    case K.TemplateHead: return ESCAPE_TEXT.test((node as TS.StringLiteral).text);
    case K.CatchClause: return true;
    default: return false;
  }
}

/**
 * Escape hatches out of tenant isolation, as `platform-fallback` findings: RLS bypass flags and calls,
 * `BYPASSRLS` / `row_security = off` in SQL, superuser connection strings, and handlers that swallow
 * MissingTenantContextError. Look-alikes stay quiet: `bypassRls: false`, `NOBYPASSRLS`, type
 * declarations, app-role URLs, rethrows. A swallowing handler that already holds a platform-fallback
 * finding (`return PLATFORM` inside it) is left to that one: one finding per place.
 */
export function analyseEscapeHatches(c: Candidates, env: AnalysisEnv, fallbacks: readonly LocalFinding[]): LocalFinding[] {
  const ts = env.ts;
  const findings: LocalFinding[] = [];
  const rlsHint = hintFor(env, 'noRlsBypass');
  const report = (node: TS.Node, messageId: string, what: string, hint: string): void => {
    findings.push(localFinding(env, 'platform-fallback', messageId, node, what, hint));
  };
  const bypass = (node: TS.Node, subject: string): void =>
    report(node, 'rlsBypass', `${subject} runs with row-level security bypassed, so the database returns every tenant's rows`, rlsHint);
  const swallowed = (node: TS.Node): void => {
    // By lines, as findings are placed: the handler's `return PLATFORM` already says it.
    const sf = sourceFileOf(node, env);
    const line = (at: number): number => sf.getLineAndCharacterOfPosition(at).line;
    const first = line(node.getStart(sf));
    const last = line(node.end);
    if (fallbacks.some((f) => line(f.node.getStart(sf)) >= first && line(f.node.end) <= last)) return;
    report(node, 'swallowedMissingContext', `a missing tenant context (${MISSING_CONTEXT}) is caught here and execution carries on without a tenant`, hintFor(env, 'letMissingContextThrow'));
  };
  for (const n of c.escapes) {
    if (ts.isPropertyAssignment(n)) {
      if (n.initializer.kind !== ts.SyntaxKind.FalseKeyword) bypass(n, 'this option');
    } else if (ts.isShorthandPropertyAssignment(n)) bypass(n, 'this option');
    else if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n)) {
      if (BYPASS_SQL.test(n.text) || ROW_SECURITY_OFF.test(n.text)) bypass(n, 'this SQL');
      else if (isSuperuserConnectionUrl(n.text)) {
        report(n, 'superuserConnection', 'this connection string logs in as a database superuser, which bypasses row-level security for every tenant', 'connect as an application role without BYPASSRLS');
      }
    } else if (ts.isCatchClause(n)) {
      const hit = swallowsMissingContext(ts, n.block);
      if (hit) swallowed(hit);
    }
  }
  for (const call of c.calls) {
    const name = calleeName(ts, call) ?? '';
    if (BYPASS_CALL.test(name)) bypass(call, 'this call');
    else if (name === 'catch') {
      const handler = call.arguments[0];
      if (handler && (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) && ts.isBlock(handler.body)) {
        const hit = swallowsMissingContext(ts, handler.body);
        if (hit) swallowed(hit);
      }
    }
  }
  return findings;
}
