import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { calleeName, endsInExit, findLocalDeclaration, isFunctionLike, localInitializer, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { classifyValue, mentionsTenant } from '../recognise/tenant.js';
import { resultVariables } from './loaded-names.js';
import { matchesName } from '../names/catalogue.js';

/**
 * What makes an earlier lookup or comparison a check, rather than a read that happens to take the
 * value: a check decides whether the code goes on. A lookup whose result is only counted, limited or
 * built into data (for a foreign id it is simply empty) proves nothing.
 */

/** The outermost call of a chain (`db.select().from(t).where(…).get()` for the `where` call). */
export function chainTop(ts: AnalysisEnv['ts'], call: TS.CallExpression): TS.Expression {
  let top: TS.Expression = call;
  while (top.parent && ((ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) {
    top = top.parent as TS.Expression;
  }
  return top;
}

/** `if (!x)`, `x == null`, `!x?.id`, `x.length === 0`, `x.length !== ids.length`, `x.count === 0` in a condition. */
function testsAbsence(ts: AnalysisEnv['ts'], cond: TS.Expression, name: string): boolean {
  let found = false;
  walk(ts, cond, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && n.text === name) found = true;
    return undefined;
  });
  return found;
}

/** Whether the statement list after `from` tests `name` in a condition whose branch exits (or throws in `?? throw…`). */
function testedWithExit(ts: AnalysisEnv['ts'], fn: FunctionLike, from: TS.Node, name: string): boolean {
  let gated = false;
  walk(ts, fn, (n) => {
    if (gated) return false;
    if (n.pos < from.end) return undefined;
    if (ts.isIfStatement(n) && testsAbsence(ts, n.expression, name) && (endsInExit(ts, n.thenStatement) || (n.elseStatement !== undefined && endsInExit(ts, n.elseStatement)))) gated = true;
    return undefined;
  });
  return gated;
}

/**
 * An earlier call gates what follows: it throws when nothing matches (`…OrThrow`, `assert…`, a Prisma
 * `update`/`delete`, which fail on a missing row), it sits in an exiting condition
 * (`if (!(await findX(…))) throw`), or its result is tested for absence and the branch exits.
 */
export function gatesExit(call: TS.CallExpression, env: AnalysisEnv, depth = 0): boolean {
  const ts = env.ts;
  const top = chainTop(ts, call);
  const names: string[] = [];
  for (let c: TS.Expression = top; ts.isCallExpression(c) || ts.isPropertyAccessExpression(c); c = ts.isCallExpression(c) ? c.expression : c.expression) {
    if (ts.isCallExpression(c)) {
      const n = calleeName(ts, c);
      if (n) names.push(n);
    }
  }
  if (names.some((n) => matchesName('throwsByContract', n, env.config))) return true;
  // `await getTeamById({ userId, teamId });` as a statement: a lookup whose result is dropped is
  // called for the throw it makes on a miss, or it would do nothing.
  const statement = ts.isAwaitExpression(top.parent) ? top.parent.parent : top.parent;
  if (statement && ts.isExpressionStatement(statement)) return true;
  const builderWrite = names.some((n) => /^(update|delete|del|updateTable|deleteFrom|set)$/.test(n)) && names.includes('where');
  // Prisma `update({ where })` / `delete({ where })` throw on a missing row; a builder's update/delete does not.
  if (!builderWrite && ts.isCallExpression(top) && /^(update|delete|upsert)$/.test(calleeName(ts, top) ?? '')) return true;
  // In a condition: `if (!(await isMember(…))) throw`, `const ok = … || throw`.
  for (let p: TS.Node | undefined = top.parent; p && !ts.isBlock(p) && !isFunctionLike(ts, p); p = p.parent) {
    if (ts.isIfStatement(p)) return endsInExit(ts, p.thenStatement) || (p.elseStatement !== undefined && endsInExit(ts, p.elseStatement));
    if (ts.isConditionalExpression(p) || ts.isPrefixUnaryExpression(p) || (ts.isBinaryExpression(p) && p.operatorToken.kind !== ts.SyntaxKind.EqualsToken)) {
      // `const x = (await find(…)) ?? notFound()` and friends: accepted when a throw is the alternative.
      if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return true;
    }
  }
  const fn = (() => {
    for (let p: TS.Node | undefined = top.parent; p; p = p.parent) if (isFunctionLike(ts, p)) return p as FunctionLike;
    return undefined;
  })();
  if (!fn) return false;
  const results = resultVariables(top, env);
  if (results.some((name) => testedWithExit(ts, fn, top, name))) return true;
  // `const { where } = await whereForCaller({ id, userId }); const row = await db.x.findUnique({ where }); if (!row) throw`:
  // the result feeds a later lookup that gates.
  return depth < 2 && results.length > 0 && feedsGatedCall(ts, fn, top, results, env, depth);
}

/** Lookups and assertions, not writes: a write that takes the result decides nothing about it. */
const READ_CALL = /^(find\w*|get\w*|select\w*|load\w*|fetch\w*|assert\w*|verify\w*|check\w*|ensure\w*|require\w*|has\w*|is[A-Z]\w*|can[A-Z]\w*|where)$/;

/** A use of one of the variables: `{ where }`, `where.id`, not a property named `where`. */
function referencesName(ts: AnalysisEnv['ts'], node: TS.Node, names: readonly string[]): boolean {
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && names.includes(n.text)) {
      const p = n.parent;
      const isKey = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
      if (!isKey) found = true;
    }
    return undefined;
  });
  return found;
}

function feedsGatedCall(ts: AnalysisEnv['ts'], fn: FunctionLike, from: TS.Node, names: readonly string[], env: AnalysisEnv, depth: number): boolean {
  let gated = false;
  walk(ts, fn, (n) => {
    if (gated) return false;
    if (n.pos < from.end) return undefined;
    if (ts.isCallExpression(n) && READ_CALL.test(calleeName(ts, n) ?? '') && n.arguments.some((a) => referencesName(ts, a, names)) && gatesExit(n, env, depth + 1)) gated = true;
    return undefined;
  });
  return gated;
}

/**
 * A comparison that checks a value: the other side is tenant evidence (the verified caller, a field
 * of a loaded record), not `typeof x`, a literal, `null`/`undefined` or another request value.
 */
export function comparisonChecks(bin: TS.BinaryExpression, mentionsValue: (n: TS.Node) => boolean, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const left = unwrap(ts, bin.left);
  const right = unwrap(ts, bin.right);
  const valueSide = mentionsValue(left) ? left : mentionsValue(right) ? right : undefined;
  if (!valueSide) return false;
  const other = valueSide === left ? right : left;
  const inert = (e: TS.Expression): boolean => ts.isTypeOfExpression(e) || ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) ||
    e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e);
  if (inert(valueSide) || inert(other)) return false;
  return classifyValue(other, env).kind !== 'untrusted';
}

/**
 * `const valid = new Set(rows.map((r) => r.id))` with `rows` loaded under the tenant
 * (`findMany({ where: { id: { in: ids }, workspaceId } })`): a list of ids the tenant owns.
 */
function tenantOwnedList(ts: AnalysisEnv['ts'], e0: TS.Expression, env: AnalysisEnv, depth = 0): boolean {
  const e = unwrap(ts, e0);
  if (depth > 4) return false;
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    return !!init && tenantOwnedList(ts, init, env, depth + 1);
  }
  if (ts.isNewExpression(e) && calleeName(ts, e) === 'Set') return (e.arguments ?? []).some((a) => tenantOwnedList(ts, a, env, depth + 1));
  if (ts.isCallExpression(e) && /^(map|filter|flatMap)$/.test(calleeName(ts, e) ?? '') && ts.isPropertyAccessExpression(e.expression)) {
    return tenantOwnedList(ts, e.expression.expression, env, depth + 1);
  }
  // The load itself: a call that names the tenant among its arguments.
  return ts.isCallExpression(e) && e.arguments.some((a) => mentionsTenant(a, env));
}

/**
 * An allow-list check of client ids: `input.ids.filter((id) => !valid.has(id))`, `.some(…)`,
 * `.every((id) => valid.has(id))`, `valid.has(input.id)`, `owned.includes(id)`, with `valid` built from
 * rows loaded under the tenant.
 */
export function allowListChecks(call: TS.CallExpression, mentionsValue: (n: TS.Node) => boolean, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const name = calleeName(ts, call);
  if (!name || !ts.isPropertyAccessExpression(call.expression)) return false;
  const receiver = call.expression.expression;
  if (/^(has|includes)$/.test(name)) return call.arguments.some((a) => mentionsValue(a)) && tenantOwnedList(ts, receiver, env);
  if (!/^(filter|some|every|find|findIndex)$/.test(name) || !mentionsValue(receiver)) return false;
  const cb = call.arguments[0] ? unwrap(ts, call.arguments[0]) : undefined;
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return false;
  let found = false;
  walk(ts, cb.body, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && /^(has|includes|some|find)$/.test(calleeName(ts, n) ?? '') && ts.isPropertyAccessExpression(n.expression) &&
        tenantOwnedList(ts, n.expression.expression, env)) found = true;
    return undefined;
  });
  return found;
}

/**
 * The other spellings of a value in its function: `input.monitorIds` and `monitorIds` from
 * `const { monitorIds } = input` are one value.
 */
export function aliasesOf(value: TS.Expression, fn: FunctionLike, sf: TS.SourceFile, env: AnalysisEnv): string[] {
  const ts = env.ts;
  const e = unwrap(ts, value);
  const out: string[] = [];
  if (ts.isIdentifier(e)) {
    const decl = findLocalDeclaration(ts, e);
    if (decl && ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isVariableDeclaration(decl.parent.parent) && decl.parent.parent.initializer) {
      const key = decl.propertyName && ts.isIdentifier(decl.propertyName) ? decl.propertyName.text : e.text;
      out.push(`${unwrap(ts, decl.parent.parent.initializer).getText(sf)}.${key}`);
    }
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(ts, decl.initializer) : undefined;
    if (init && ts.isPropertyAccessExpression(init)) out.push(init.getText(sf));
  } else if (ts.isPropertyAccessExpression(e)) {
    const holder = unwrap(ts, e.expression).getText(sf);
    walk(ts, fn, (n) => {
      if (ts.isVariableDeclaration(n) && n.initializer && ts.isObjectBindingPattern(n.name) && unwrap(ts, n.initializer).getText(sf) === holder) {
        for (const el of n.name.elements) {
          const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
          if (key === e.name.text && ts.isIdentifier(el.name)) out.push(el.name.text);
        }
      }
      return undefined;
    });
  }
  return out;
}
