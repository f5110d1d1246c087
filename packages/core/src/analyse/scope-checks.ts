import type * as TS from 'typescript';
import { type AnalysisEnv, sourceFileOf } from '../recognise/env.js';
import { calleeName, contains, enclosingFunctions, endsInExit, type FunctionLike, textOf, unwrap, walk } from '../recognise/ast.js';
import { matchesName } from '../names/catalogue.js';
import { isAuthorizerCall, mentionsTenant } from '../recognise/tenant.js';
import { comparedSides, resultVariables } from './loaded-names.js';

/** Whether `node` runs inside a callback handed to a tenant-scoped runner. */
export function insideScopedRunner(node: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  for (const fn of enclosingFunctions(ts, node)) {
    const parent = fn.parent;
    if (parent && ts.isCallExpression(parent) && parent.arguments.includes(fn as TS.Expression)) {
      const name = calleeName(ts, parent);
      if (name && matchesName('scopedRunners', name, env.config)) return true;
    }
  }
  return false;
}

/** A function that sets the RLS tenant setting itself (`set_config('app.tenant_id', …)` / `SET LOCAL`). */
export function setsRlsTenant(fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn) return false;
  // Asked once per sink: a function with many sinks would be walked once for each.
  const known = RLS_SETTERS.get(fn);
  if (known !== undefined) return known;
  const ts = env.ts;
  let found = false;
  walk(ts, fn, (n) => {
    if (found) return false;
    if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      if (/set_config\(\s*'[\w.]*tenant|set\s+(local\s+)?[\w.]*tenant[\w.]*\s*(=|to)/i.test(n.text)) found = true;
    }
    return undefined;
  });
  RLS_SETTERS.set(fn, found);
  return found;
}

const RLS_SETTERS = new WeakMap<FunctionLike, boolean>();

/**
 * What a record loaded at `node` is compared with in a later `if` of the function (`if (inviteEmail !==
 * userEmail) throw`). A caller-supplied side (`params.userEmail`) is checked where the callers are
 * known: the scanner follows it up and accepts the record when a caller passes the verified caller.
 */
export function loadedRecordComparedWith(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): TS.Expression[] {
  if (!fn) return [];
  const ts = env.ts;
  const out: TS.Expression[] = [];
  for (const name of resultVariables(node, env)) {
    walk(ts, fn, (n) => {
      if (n.pos < node.end) return undefined;
      if (ts.isIfStatement(n) && endsInExit(ts, n.thenStatement)) out.push(...comparedSides(n.expression, name, env));
      return undefined;
    });
  }
  return out;
}

/**
 * The ids a by-id write uses were proven to belong to the tenant earlier in the same function: an
 * authorizer got the same expression, or a tenant-filtered query used it.
 */
export function idsPreChecked(idValues: readonly TS.Expression[], node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn || idValues.length === 0) return false;
  const ts = env.ts;
  const sf = sourceFileOf(node, env);
  const wanted = new Set(idValues.map((v) => textOf(unwrap(ts, v), sf)));
  let proven = false;
  walk(ts, fn, (n) => {
    if (proven) return false;
    if (n.pos >= node.pos) return false;
    if (ts.isCallExpression(n) && !contains(n, node)) {
      const authorizer = isAuthorizerCall(n, env);
      const tenantScoped = !authorizer && mentionsTenant(n, env) && /find|get|load|fetch|select|where|exists|count|verify|check|assert|ensure|require|validate/i.test(calleeName(ts, n) ?? '');
      if (authorizer || tenantScoped) {
        walk(ts, n, (inner) => {
          if (proven) return false;
          if (ts.isExpression(inner) && wanted.has(textOf(inner, sf))) proven = true;
          return undefined;
        });
      }
    }
    return undefined;
  });
  return proven;
}

/** The function is, or sits inside, a backup / export / dump routine. */
export function inBackupRoutine(fn: FunctionLike | undefined, env: AnalysisEnv, name: (f: FunctionLike) => string | undefined): boolean {
  const ts = env.ts;
  let current: TS.Node | undefined = fn;
  while (current) {
    if (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current) || ts.isArrowFunction(current) || ts.isFunctionExpression(current)) {
      const n = name(current as FunctionLike);
      if (n && /backup|snapshot|dump|(^|[a-z])export(All|Tenant|Data|Everything|Archive)?\b|archive/i.test(n) && !/^(import|restore)/i.test(n)) return true;
    }
    current = current.parent;
  }
  return false;
}

/**
 * The loaded result is only tested (`if (existing) throw new Error('slug taken')`, `if (!row)`,
 * `count > 0 ? …`), never returned or passed on: the read answers "does it exist", it does not hand
 * another tenant's data to anyone. Whether existence itself is sensitive is a question for a person.
 */
export function resultOnlyTested(node: TS.Node, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let p: TS.Node = node;
  // `(await db.select({ count }).from(t).where(…))[0].count`: the row's count, read off the result.
  while (p.parent && (ts.isAwaitExpression(p.parent) || ts.isParenthesizedExpression(p.parent) ||
    (ts.isElementAccessExpression(p.parent) && p.parent.expression === p) || (ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p && /^(count|length|_count|exists)$/.test(p.parent.name.text)))) p = p.parent;
  if (inTestPosition(p, env)) return true;
  const names = resultVariables(p, env);
  if (names.length !== 1 || !fn) return false;
  return usesOnlyTested(names[0] as string, fn, node.end, filterKeys(node, env), env, 0);
}

/** The keys of a Prisma-style `where` (`{ where: { slug, verified: true } }`): reading them back echoes the caller's own input. */
function filterKeys(node: TS.Node, env: AnalysisEnv): Set<string> {
  const ts = env.ts;
  const keys = new Set<string>();
  const arg = ts.isCallExpression(node) ? node.arguments[0] : undefined;
  const obj = arg && unwrap(ts, arg);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return keys;
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || p.name.text !== 'where') continue;
    const where = unwrap(ts, p.initializer);
    if (!ts.isObjectLiteralExpression(where)) continue;
    // Scalar keys only: `where: { project: { slug } }` picks a project whose other fields are not the caller's input.
    for (const w of where.properties) {
      const scalar = ts.isShorthandPropertyAssignment(w) || (ts.isPropertyAssignment(w) && !ts.isObjectLiteralExpression(unwrap(ts, w.initializer)));
      if (scalar && ts.isIdentifier(w.name)) keys.add(w.name.text);
    }
  }
  return keys;
}

const ROW_TESTS = /^(find|findLast|filter|some|every|includes)$/;

/**
 * Every use of `name` after `after` only decides control flow: tested (`if (!row)`, `row.role === 'owner'`,
 * `switch (row.type)`), read back where it echoes a filter key (`row.slug` of `{ where: { slug } }`), or
 * narrowed into a local that is itself only tested (`const me = rows.find(…)`, `const owners = rows.filter(…).length`).
 */
function usesOnlyTested(name: string, fn: FunctionLike, after: number, keys: ReadonlySet<string>, env: AnalysisEnv, depth: number): boolean {
  const ts = env.ts;
  let uses = 0;
  let other = false;
  walk(ts, fn, (n) => {
    if (other) return false;
    if (n.pos < after) return undefined;
    if (!ts.isIdentifier(n) || n.text !== name) return undefined;
    if ((ts.isPropertyAssignment(n.parent) && n.parent.name === n) || (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) return undefined;
    uses++;
    if (inTestPosition(n, env)) return undefined;
    const parent = n.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === n && keys.has(parent.name.text)) return undefined;
    const derived = depth < 3 ? derivedLocal(n, env) : undefined;
    if (derived === 'tested' || (derived && usesOnlyTested(derived.name, fn, derived.end, new Set(), env, depth + 1))) return undefined;
    other = true;
    return undefined;
  });
  return uses > 0 && !other;
}

/** `const me = rows?.find(cb)`, `const n = rows.filter(cb).length`: the local that narrows the rows, or undefined. */
function derivedLocal(use: TS.Identifier, env: AnalysisEnv): { name: string; end: number } | 'tested' | undefined {
  const ts = env.ts;
  let p: TS.Node = use;
  const method = p.parent;
  if (!method || !ts.isPropertyAccessExpression(method) || method.expression !== p || !ROW_TESTS.test(method.name.text)) return undefined;
  const call = method.parent;
  if (!call || !ts.isCallExpression(call) || call.expression !== method) return undefined;
  p = call;
  if (inTestPosition(p, env)) return 'tested';
  while (p.parent && (ts.isParenthesizedExpression(p.parent) || ts.isNonNullExpression(p.parent) ||
    (ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p && p.parent.name.text === 'length'))) p = p.parent;
  const decl = p.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== p || !ts.isIdentifier(decl.name)) return undefined;
  return { name: decl.name.text, end: decl.end };
}

function inTestPosition(expr: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let p: TS.Node = expr;
  let boolean = false;
  for (;;) {
    const parent: TS.Node | undefined = p.parent;
    if (!parent) return false;
    // `return !!row`, `return count > 0`: only a yes/no leaves the function.
    if (boolean && (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === p))) return true;
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) boolean = true;
    // `row.role === 'owner'`, `rows.length`: a field read off the result and then tested is still a test.
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) ||
        (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) ||
        (ts.isPropertyAccessExpression(parent) && parent.expression === p)) {
      p = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      const other = parent.left === p ? parent.right : parent.left;
      const plain = ts.isLiteralExpression(unwrap(ts, other)) || unwrap(ts, other).kind === ts.SyntaxKind.NullKeyword ||
        (ts.isIdentifier(unwrap(ts, other)) && (unwrap(ts, other) as TS.Identifier).text === 'undefined');
      if (![ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(op)) boolean = true;
      if ([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(op) ||
          (plain && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
            ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
            ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken].includes(op))) {
        p = parent;
        continue;
      }
      return false;
    }
    if (ts.isIfStatement(parent) || ts.isSwitchStatement(parent)) return parent.expression === p;
    // ts-pattern's `match(row.type).with(…)`: a switch written as calls.
    if (ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.arguments[0] === p && calleeName(ts, parent) === 'match') return true;
    if (ts.isConditionalExpression(parent)) return parent.condition === p;
    return false;
  }
}
