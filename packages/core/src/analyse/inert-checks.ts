import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { calleeName, enclosingFunction, findLocalDeclaration, isFunctionLike, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { isAuthorizerCall, isAuthorizerName, isOwnerKey, isSessionGetterCall, isTenantKey } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';
import { fitSummary } from './summary.js';

/**
 * Tenant checks that are written but cannot fail: the code reads as if it checks, and lets everything
 * through. Each is a fail-open-tenant-check:
 * - an async predicate in `filter` / `some` / `every` / `find`: the Promise it returns is always truthy;
 * - a check or session lookup tested without `await`: the Promise is truthy, `!promise` is false;
 * - an assignment where a comparison was meant (`if ((user.id = doc.userId)) return true`);
 * - a check whose rejection a `catch` swallows, or whose `.catch(…)` turns it into a value nobody tests.
 */
export function analyseInertChecks(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const out: LocalFinding[] = [];
  const report = (node: TS.Node, diagnosis: string, why: string, fix: string): void => {
    out.push({ kind: 'fail-open-tenant-check', messageId: 'checkCannotFail', node, fn: enclosingFunction(env.ts, node),
      message: `${diagnosis}${why}; ${fix}`, summary: fitSummary('fail-open-tenant-check', diagnosis, fix) });
  };
  for (const call of c.calls) {
    const asyncPredicate = asyncPredicateCheck(call, env);
    if (asyncPredicate) report(call, `this ${asyncPredicate}() predicate is async`, ', so it returns a Promise, which is always truthy: the tenant check inside it filters nothing', 'await the checks first (Promise.all) and filter on their results');
    const unawaited = unawaitedCheck(call, env);
    if (unawaited) report(call, `${unawaited} is tested without await`, ': a Promise is always truthy, so this check never fails', 'await it');
    if (swallowedCheck(call, env)) report(call, `the rejection of ${calleeName(env.ts, call) ?? 'this check'} is caught and dropped`, ', so the code goes on as if it passed', 'let it throw, or stop when it fails');
  }
  for (const b of c.binaries) {
    if (assignmentAsCheck(b, env)) report(b, 'this condition assigns instead of comparing', ', so it is always true when the value is set', 'compare with ===');
  }
  return out;
}

const PREDICATE_CALLS = /^(filter|some|every|find|findIndex|findLast)$/;

/** `rows.filter(async (r) => !(await isForbidden(r, user)))`: the name of the array method, when the check is in an async callback. */
function asyncPredicateCheck(call: TS.CallExpression, env: AnalysisEnv): string | undefined {
  const ts = env.ts;
  const name = calleeName(ts, call);
  if (!name || !PREDICATE_CALLS.test(name) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const cb = call.arguments[0] ? unwrap(ts, call.arguments[0]) : undefined;
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return undefined;
  if (!cb.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return undefined;
  return checksTenant(cb.body, env) ? name : undefined;
}

/** An authorizer call, or a comparison of a tenant or owner field, anywhere in `node`. */
function checksTenant(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && isAuthorizerCall(n, env)) found = true;
    else if (ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(n.operatorToken.kind) &&
             [n.left, n.right].some((s) => ts.isPropertyAccessExpression(s) && (isTenantKey(s.name.text, env) || isOwnerKey(s.name.text)))) found = true;
    return undefined;
  });
  return found;
}

/** The call stands in a condition as it is (`if (!check(…))`, `check(…) ? … : …`, `ok && check(…)`). */
function testedDirectly(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let p: TS.Node = call;
  while (p.parent && (ts.isParenthesizedExpression(p.parent) || (ts.isPrefixUnaryExpression(p.parent) && p.parent.operator === ts.SyntaxKind.ExclamationToken) ||
    (ts.isBinaryExpression(p.parent) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(p.parent.operatorToken.kind)))) p = p.parent;
  const parent = p.parent;
  return !!parent && ((ts.isIfStatement(parent) && parent.expression === p) || (ts.isConditionalExpression(parent) && parent.condition === p));
}

/** `const session = getServerSession(…)` then `if (!session)`: the variable holds the Promise. */
function testedThroughVariable(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const decl = call.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== call || !ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  const fn = enclosingFunction(ts, call);
  if (!fn) return false;
  let tested = false;
  walk(ts, fn, (n) => {
    if (tested) return false;
    if (ts.isIfStatement(n) && n.pos > call.end) {
      const cond = unwrap(ts, n.expression);
      const subject = ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken ? unwrap(ts, cond.operand) : cond;
      if (ts.isIdentifier(subject) && subject.text === name) tested = true;
    }
    return undefined;
  });
  return tested;
}

/** An async function declared in this file under the callee's name. */
function declaredAsync(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isIdentifier(callee)) return false;
  const decl = findLocalDeclaration(ts, callee);
  const fn: TS.Node | undefined = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(ts, decl.initializer) : decl;
  return !!fn && isFunctionLike(ts, fn) && !!(fn as FunctionLike).modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/**
 * The shape of a check used without `await`, whatever its callee turns out to be: tested in a
 * condition (`if (!hasAccess(…))`, or through a variable), or called as a bare statement
 * (`assertOwner(…);`, whose rejection nobody sees). Whether the callee is async decides if it is a
 * gap: this file can tell for its own functions; the scanner resolves the rest across files.
 */
export function unawaitedCheckShape(call: TS.CallExpression, env: AnalysisEnv): 'condition' | 'statement' | undefined {
  const ts = env.ts;
  const name = calleeName(ts, call);
  if (!name || !(isSessionGetterCall(call, env) || isAuthorizerName(name, env))) return undefined;
  if (testedDirectly(call, env) || testedThroughVariable(call, env)) return 'condition';
  const parent = call.parent;
  return parent && ts.isExpressionStatement(parent) && enclosingFunction(ts, call)?.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ? 'statement' : undefined;
}

/**
 * The name of an async check used without `await` in a condition: an authorizer or session getter
 * declared async in this file, or a session getter (they read cookies or tokens asynchronously).
 * A callee the file cannot see is left to the scanner, which resolves it across files.
 */
function unawaitedCheck(call: TS.CallExpression, env: AnalysisEnv): string | undefined {
  const ts = env.ts;
  const name = calleeName(ts, call);
  if (!name) return undefined;
  const session = isSessionGetterCall(call, env);
  if (!session && !isAuthorizerName(name, env)) return undefined;
  if (!(testedDirectly(call, env) || testedThroughVariable(call, env))) return undefined;
  if (!(declaredAsync(call, env) || (session && /^(getServerSession|getServerAuthSession|auth|currentUser|getCurrentUser)$/.test(name)))) return undefined;
  return `${name}()`;
}

/**
 * `try { await assertMember(…) } catch {}` and `await assertMember(…).catch(() => null)` with the
 * result unused: a check called for its throw, whose throw is dropped.
 */
function swallowedCheck(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const name = calleeName(ts, call);
  if (!name || !/^(assert|ensure|require|verify|authori[sz]e|check)\w*/.test(name) || !isAuthorizerCall(call, env)) return false;
  // `.catch(() => …)` straight on the check, its value dropped.
  const access = call.parent;
  if (access && ts.isPropertyAccessExpression(access) && access.name.text === 'catch' && access.parent && ts.isCallExpression(access.parent)) {
    let p: TS.Node = access.parent;
    while (p.parent && (ts.isAwaitExpression(p.parent) || ts.isParenthesizedExpression(p.parent))) p = p.parent;
    return !!p.parent && ts.isExpressionStatement(p.parent);
  }
  // Inside a `try` whose `catch` neither rethrows nor leaves.
  let stmt: TS.Node = call;
  while (stmt.parent && !ts.isBlock(stmt.parent)) {
    if (isFunctionLike(ts, stmt.parent)) return false;
    stmt = stmt.parent;
  }
  if (!ts.isExpressionStatement(stmt)) return false;
  const block = stmt.parent;
  const tryStmt = block?.parent;
  if (!block || !tryStmt || !ts.isTryStatement(tryStmt) || tryStmt.tryBlock !== block || !tryStmt.catchClause) return false;
  let exits = false;
  walk(ts, tryStmt.catchClause.block, (n) => {
    if (exits || isFunctionLike(ts, n)) return false;
    if (ts.isThrowStatement(n) || ts.isReturnStatement(n)) exits = true;
    // `catch (e) { handleError(e) }` / `next(e)` / `reply.send(…)`: handed on, not dropped.
    if (ts.isCallExpression(n)) exits = true;
    return undefined;
  });
  return !exits;
}

/** `if ((auth.user.id = report.userId)) return true;`: an identity assigned where it was to be compared. */
function assignmentAsCheck(b: TS.BinaryExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  let p: TS.Node = b;
  while (p.parent && ts.isParenthesizedExpression(p.parent)) p = p.parent;
  const stmt = p.parent;
  if (!stmt || !ts.isIfStatement(stmt) || stmt.expression !== p) return false;
  // An assigned call result (`if ((row = await find()))`) is a meaningful test; an identity field is not.
  const idField = (e: TS.Expression): boolean => {
    const x = unwrap(ts, e);
    const field = ts.isPropertyAccessExpression(x) ? x.name.text : undefined;
    return !!field && (field === 'id' || isOwnerKey(field) || isTenantKey(field, env));
  };
  if (!idField(b.left) || !idField(b.right)) return false;
  const then = stmt.thenStatement;
  const last = ts.isBlock(then) ? then.statements[then.statements.length - 1] : then;
  return !!last && ts.isReturnStatement(last) && !!last.expression && last.expression.kind === ts.SyntaxKind.TrueKeyword;
}
