import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { calleeName, functionName, isFunctionLike, localInitializer, nameOf, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { normalizeFieldName } from '../model/names.js';
import { recogniseSink } from '../recognise/sinks.js';
import { readsName, testsPresent } from './presence.js';

/*
 * Shapes of an optional tenant id that is only carried along, not used to pick whose data is read:
 * a component's or hook's prop that picks a link or a flag, and a filter that also pins the caller's
 * user. Both judged from one file, shared by the ESLint rule and the scanner.
 */

/** A hook by React's naming rule: `useProject`, `useV2Flag`. */
const HOOK_NAME = /^use[A-Z0-9]/;

/**
 * Calls that fetch data: a recognised data sink, `fetch`, and the data-fetching hooks and query-client
 * calls of React Query / tRPC / SWR (`api.project.byId.useQuery(…)`, `useSWR(key)`).
 */
const FETCH_CALL = /^(fetch|use(Suspense)?(Infinite)?Query|useQueries|useSWR(Infinite)?|useFetch|(pre)?fetch(Infinite)?Query|ensureQueryData)$/;

/**
 * A React component (a function that returns JSX) or a hook (`useX`). Its props and arguments pick
 * what is shown: a link, a flag, the key of a UI state. Whose data it may read is decided where the
 * data is fetched, so only a fetch tells whether an optional tenant prop matters.
 */
export function isComponentOrHook(fn: FunctionLike, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const name = functionName(ts, fn);
  if (name && HOOK_NAME.test(name)) return true;
  if (!fn.body) return false;
  if (!ts.isBlock(fn.body)) return isJsx(fn.body, env);
  let found = false;
  walk(ts, fn.body, (n) => {
    if (found) return false;
    // A nested callback's return is its own.
    if (isFunctionLike(ts, n)) return false;
    if (ts.isReturnStatement(n) && n.expression && isJsx(n.expression, env)) found = true;
    return undefined;
  });
  return found;
}

function isJsx(expr: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const e = unwrap(ts, expr);
  if (ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) || ts.isJsxFragment(e)) return true;
  if (ts.isConditionalExpression(e)) return isJsx(e.whenTrue, env) || isJsx(e.whenFalse, env);
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    return isJsx(e.right, env);
  }
  return false;
}

/**
 * Some read of the value (or of a local it is copied into) is handed to a fetch that also runs
 * without it: `useQuery({ projectId })`, `fetch(\`/api/${projectId}\`)`, a query in a server component.
 * A fetch only on the branch where the value is there (`projectId ? useQuery({ projectId }) : …`,
 * `{ enabled: Boolean(projectId) }`) cannot run without it; a prop handed on to a child component or
 * another hook is judged where that one fetches.
 */
export function reachesUnguardedFetch(fn: FunctionLike, name: string, env: AnalysisEnv, depth = 0): boolean {
  const ts = env.ts;
  if (!fn.body) return false;
  let reaches = false;
  walk(ts, fn.body, (n) => {
    if (reaches) return false;
    if (!readsName(ts, n, name)) return undefined;
    const p = n.parent;
    // The whole way up to the function: a guard anywhere on it (`projectId ? list.find((p) => p.id === projectId) : null`) covers a fetch below it.
    let fetches = false;
    let child: TS.Node = n;
    for (let a: TS.Node | undefined = p; a && a !== (fn as TS.Node); child = a, a = a.parent) {
      if (guardedByPresence(a, child, name, env) || onlyTests(a, child, env)) return undefined;
      if (!fetches && ts.isCallExpression(a) && child !== a.expression && isFetch(a, env) && !enabledOnlyWhenPresent(a, name, env)) fetches = true;
      // `const id = projectIdProp ?? routeProjectId`: judged by where the local goes.
      if (!fetches && ts.isVariableDeclaration(a) && child === a.initializer && ts.isIdentifier(a.name)) {
        if (depth < 2 && reachesUnguardedFetch(fn, a.name.text, env, depth + 1)) reaches = true;
        return undefined;
      }
    }
    if (fetches) reaches = true;
    return undefined;
  });
  return reaches;
}

function isFetch(call: TS.CallExpression, env: AnalysisEnv): boolean {
  return FETCH_CALL.test(calleeName(env.ts, call) ?? '') || !!recogniseSink(call, env);
}

/** `child` is the branch of `if (x)`, the true side of `x ? … : …`, or the right of `x && …`: it runs only when the value is there. */
function guardedByPresence(a: TS.Node, child: TS.Node, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (ts.isIfStatement(a)) return child === a.thenStatement && testsPresent(a.expression, name, env);
  if (ts.isConditionalExpression(a)) return child === a.whenTrue && testsPresent(a.condition, name, env);
  return ts.isBinaryExpression(a) && a.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === a.right && testsPresent(a.left, name, env);
}

/** The value becomes a yes/no here (`!x`, `Boolean(x)`, `a.id === x`, the test of `x ? … : …` / `if (x)` / `x && …`): what flows on is no id. */
function onlyTests(a: TS.Node, child: TS.Node, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const K = ts.SyntaxKind;
  if (ts.isPrefixUnaryExpression(a)) return a.operator === K.ExclamationToken;
  if (ts.isCallExpression(a)) return ts.isIdentifier(a.expression) && a.expression.text === 'Boolean';
  if (ts.isConditionalExpression(a)) return child === a.condition;
  if (ts.isIfStatement(a)) return child === a.expression;
  if (!ts.isBinaryExpression(a)) return false;
  const op = a.operatorToken.kind;
  return [K.EqualsEqualsEqualsToken, K.ExclamationEqualsEqualsToken, K.EqualsEqualsToken, K.ExclamationEqualsToken].includes(op) ||
    (op === K.AmpersandAmpersandToken && child === a.left);
}

/** `useQuery(input, { enabled: Boolean(projectId) && isAdmin })`: the query library runs the fetch only when the value is there. */
function enabledOnlyWhenPresent(call: TS.CallExpression, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  for (const arg of call.arguments) {
    const options = unwrap(ts, arg);
    if (!ts.isObjectLiteralExpression(options)) continue;
    for (const prop of options.properties) {
      if (nameOf(ts, prop.name) !== 'enabled') continue;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
      if (!value) continue;
      if (testsPresent(value, name, env)) return true;
      // `const queryEnabled = enabled && Boolean(projectId)`, one step back.
      const local = ts.isIdentifier(unwrap(ts, value)) ? localInitializer(ts, unwrap(ts, value) as TS.Identifier) : undefined;
      if (local && testsPresent(local, name, env)) return true;
    }
  }
  return false;
}

/**
 * Every read of the value is a field of a filter object that also names a user (`{ id: teamId,
 * members: { some: { userId } } }`): without the tenant the filter still holds only rows of the
 * teams that user belongs to, which the user's own filter decides, not the missing id.
 */
export function onlyBesideUserFilter(fn: FunctionLike, name: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (!fn.body) return false;
  let reads = 0;
  let alone = 0;
  walk(ts, fn.body, (n) => {
    if (!readsName(ts, n, name)) return undefined;
    const p = n.parent;
    // `teamId ? getTeam({ teamId, userId }) : null`: the test carries no id.
    if (onlyTests(p, n, env)) return undefined;
    reads++;
    const isValue = (ts.isPropertyAssignment(p) && p.initializer === n) || ts.isShorthandPropertyAssignment(p);
    const outer = isValue ? outermostObjectLiteral(p.parent as TS.ObjectLiteralExpression, env) : undefined;
    if (!outer || !namesUser(outer, name, env)) alone++;
    return undefined;
  });
  return reads > 0 && alone === 0;
}

function outermostObjectLiteral(literal: TS.ObjectLiteralExpression, env: AnalysisEnv): TS.ObjectLiteralExpression {
  const ts = env.ts;
  let outer = literal;
  for (let a: TS.Node = literal.parent; a; a = a.parent) {
    if (ts.isObjectLiteralExpression(a)) outer = a;
    else if (!ts.isPropertyAssignment(a) && !ts.isArrayLiteralExpression(a) && !ts.isSpreadAssignment(a)) break;
  }
  return outer;
}

/** The object holds, at any depth, a `userId` whose value is not the tenant itself. */
function namesUser(literal: TS.ObjectLiteralExpression, tenant: string, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, literal, (n) => {
    if (found) return false;
    if (isFunctionLike(ts, n)) return false;
    if ((ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) && normalizeFieldName(nameOf(ts, n.name) ?? '') === 'userid') {
      const value = ts.isPropertyAssignment(n) ? unwrap(ts, n.initializer) : n.name;
      if (!(ts.isIdentifier(value) && value.text === tenant)) found = true;
    }
    return undefined;
  });
  return found;
}
