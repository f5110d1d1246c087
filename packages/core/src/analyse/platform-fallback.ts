import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { enclosingFunction, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { isPlatformValue, mentionsTenant } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';
import { mentionsName } from '../names/catalogue.js';
import { hintFor } from './fix-options.js';
import { localFinding } from './local-finding.js';


/** Words that show an expression is about the caller's identity or context. */
const CONTEXT_WORDS = /tenant|context|ctx|store|session|auth|user|org|workspace|claims|identity/i;

function aboutContext(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (mentionsTenant(node, env)) return true;
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && CONTEXT_WORDS.test(n.text)) found = true;
    return undefined;
  });
  return found;
}

function returnCount(fn: FunctionLike, env: AnalysisEnv): number {
  const ts = env.ts;
  let count = 0;
  walk(ts, fn, (n) => {
    if (n !== fn && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n))) return false;
    if (ts.isReturnStatement(n)) count++;
    return undefined;
  });
  return count;
}

function inCatchOrDefault(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  const ts = env.ts;
  for (let p = node.parent; p && p !== fn; p = p.parent) if (ts.isCatchClause(p) || ts.isDefaultClause(p)) return true;
  return false;
}

/**
 * A missing tenant turned into platform access: `ctx ?? PLATFORM`, `tenant || ADMIN_CONTEXT`,
 * `store ? store : PLATFORM_CONTEXT`, `return PLATFORM` as the fallback branch of a tenant getter
 * or from a catch block.
 */
export function analysePlatformFallback(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const ts = env.ts;
  const findings: LocalFinding[] = [];
  const report = (node: TS.Node, how: string): void => {
    findings.push(localFinding(env, 'platform-fallback', 'platformFallback', node,
      `${how} falls back to platform (all-tenants) access when no tenant is known`, hintFor(env, 'failClosed'),
      `${how} falls back to all-tenants access when no tenant is known`));
  };
  for (const b of c.binaries) {
    const op = b.operatorToken.kind;
    if ((op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) &&
        isPlatformValue(b.right, env) && (ts.isIdentifier(unwrap(ts, b.right)) || ts.isPropertyAccessExpression(unwrap(ts, b.right)) || aboutContext(b.left, env))) {
      report(unwrap(ts, b.right), 'this default');
    }
  }
  for (const cond of c.conditionals) {
    // `ctx.isPlatformOperator ? PLATFORM_CONTEXT : ctx.tenant` chooses platform on purpose, not for lack of a tenant.
    if (mentionsName('platformChecks', cond.condition.getText(sourceFileOf(cond, env)), env.config)) continue;
    for (const branch of [cond.whenTrue, cond.whenFalse]) {
      const other = branch === cond.whenTrue ? cond.whenFalse : cond.whenTrue;
      if (isPlatformValue(branch, env) && !isPlatformValue(other, env) && (aboutContext(cond.condition, env) || aboutContext(other, env))) {
        report(unwrap(ts, branch), 'this conditional');
      }
    }
  }
  for (const ret of c.returns) {
    if (!ret.expression || !isPlatformValue(ret.expression, env)) continue;
    const fn = enclosingFunction(ts, ret);
    if (inCatchOrDefault(ret, fn, env) || (fn && returnCount(fn, env) > 1)) report(unwrap(ts, ret.expression), 'this return');
  }
  return findings;
}
