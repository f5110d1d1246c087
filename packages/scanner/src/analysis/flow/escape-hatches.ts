import { calleeName, fixHint, type FixOptions } from '@tenant-audit/core';
import { ts } from 'ts-morph';
import { BYPASS_CALL } from '../callgraph/syntax-index.js';
import { tsm } from './program-view.js';

export interface EscapeHit {
  node: ts.Node;
  message: string;
}

const BYPASS_KEY = /^bypass_?rls$/i;
/** Role DDL granting the bypass; prose that merely mentions BYPASSRLS, and NOBYPASSRLS, do not match. */
const BYPASS_SQL = /\b(create|alter)\s+(role|user)\b[^;]*?\bBYPASSRLS\b/i;
const SUPERUSER_URL = /^postgres(?:ql)?:\/\/(postgres|root|superuser|rdsadmin|supabase_admin|cloudsqlsuperuser)(?::[^@/]*)?@/i;
const MISSING_CONTEXT = 'MissingTenantContextError';

const rlsMessage = (options: FixOptions): string =>
  `runs with row-level security bypassed, so the database returns every tenant's rows; ${fixHint('noRlsBypass', options)}`;

function keyName(p: ts.ObjectLiteralElementLike): string | undefined {
  return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
}

function containsThrow(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isThrowStatement(n)) found = true;
    else if (!(ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n))) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function mentionsMissingContext(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if ((ts.isIdentifier(n) || ts.isStringLiteralLike(n)) && n.text === MISSING_CONTEXT) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** `!(e instanceof X)`, `e.name !== 'X'`: the branch handles every error except the missing context. */
function isNegated(cond: ts.Expression): boolean {
  let e = cond;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return true;
  return ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || e.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken);
}

/** A handler block that catches MissingTenantContextError and carries on instead of failing closed. */
function swallowsMissingContext(block: ts.Block): ts.Node | undefined {
  for (let i = 0; i < block.statements.length; i++) {
    const st = block.statements[i] as ts.Statement;
    if (!ts.isIfStatement(st) || !mentionsMissingContext(st.expression)) continue;
    if (!isNegated(st.expression)) return containsThrow(st.thenStatement) ? undefined : st;
    // `if (!(e instanceof Missing…)) throw e;` then the rest handles the missing context.
    const rest = block.statements.slice(i + 1);
    return rest.some(containsThrow) ? undefined : st;
  }
  return undefined;
}

/**
 * Escape hatches out of tenant isolation: RLS bypass flags and calls, `BYPASSRLS` / `row_security = off`
 * in SQL, superuser connection strings, and handlers that swallow MissingTenantContextError.
 * Look-alikes stay quiet: `bypassRls: false`, `NOBYPASSRLS`, type declarations, app-role URLs, rethrows.
 */
export function escapeHatches(candidates: readonly ts.Node[], options: FixOptions): EscapeHit[] {
  const hits: EscapeHit[] = [];
  const rls = rlsMessage(options);
  const swallowed = `a missing tenant context (${MISSING_CONTEXT}) is caught here and execution carries on without a tenant; ${fixHint('letMissingContextThrow', options)}`;
  for (const n of candidates) {
    if (ts.isPropertyAssignment(n) && BYPASS_KEY.test(keyName(n) ?? '') && n.initializer.kind !== ts.SyntaxKind.FalseKeyword) {
      hits.push({ node: n, message: `this option ${rls}` });
    } else if (ts.isShorthandPropertyAssignment(n) && BYPASS_KEY.test(n.name.text)) {
      hits.push({ node: n, message: `this option ${rls}` });
    } else if (ts.isCallExpression(n) && BYPASS_CALL.test(calleeName(tsm, n as never) ?? '')) {
      hits.push({ node: n, message: `this call ${rls}` });
    } else if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n)) {
      if (BYPASS_SQL.test(n.text) || /\bset\s+(local\s+|session\s+)?row_security\s*(=|to)\s*'?off\b/i.test(n.text)) hits.push({ node: n, message: `this SQL ${rls}` });
      else if (SUPERUSER_URL.test(n.text)) hits.push({ node: n, message: `this connection string logs in as a database superuser, which bypasses row-level security for every tenant; connect as an application role without BYPASSRLS` });
    } else if (ts.isCatchClause(n)) {
      const hit = swallowsMissingContext(n.block);
      if (hit) hits.push({ node: hit, message: swallowed });
    } else if (ts.isCallExpression(n) && calleeName(tsm, n as never) === 'catch') {
      const handler = n.arguments[0];
      if (handler && (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) && ts.isBlock(handler.body)) {
        const hit = swallowsMissingContext(handler.body);
        if (hit) hits.push({ node: hit, message: swallowed });
      }
    }
  }
  return hits;
}
