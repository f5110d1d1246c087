import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { accessPath, calleeName, enclosingFunction, functionName, nameOf, unwrap, type FunctionLike } from '../recognise/ast.js';
import { classifyValue } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import { isApiBoundary } from './optional-param.js';
import { untrustedValueChecked } from './checked-against-caller.js';
import { recogniseSink } from '../recognise/sinks.js';
import type { SinkRecord } from './types.js';

/**
 * The argument a call passes for a parameter (and, for a destructured one, the named property):
 * 'omitted' when the call leaves it out, 'opaque' when it cannot be read off the call (a spread,
 * an options variable).
 */
function argumentFor(call: TS.CallExpression, index: number, property: string | undefined, env: AnalysisEnv): TS.Expression | 'omitted' | 'opaque' {
  const ts = env.ts;
  if (call.arguments.some((a) => ts.isSpreadElement(a))) return 'opaque';
  const arg = call.arguments[index];
  if (!arg) return 'omitted';
  if (!property) return arg;
  const obj = unwrap(ts, arg);
  if (!ts.isObjectLiteralExpression(obj)) return arg;
  // `({ link }) => link.id` has the property path `link.id`: the call passes it as `{ link }`.
  const first = property.split('.')[0];
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && nameOf(ts, p.name) === first) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === first) return p.name;
    if (ts.isSpreadAssignment(p)) return 'opaque';
  }
  return 'omitted';
}

/**
 * Whether a call of the same name can be a call of `fn`: a plain function is called by its name
 * (`helper(x)`), a method through an object (`this.update(x)`, `svc.update(x)`); a database call
 * that shares the method's name (`repo().update(criteria, data)` inside a service's `update`) calls
 * the ORM, not the service.
 */
export function mayCall(call: TS.CallExpression, fn: FunctionLike, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  const member = ts.isMethodDeclaration(fn) || (!!fn.parent && (ts.isPropertyAssignment(fn.parent) || ts.isPropertyDeclaration(fn.parent)));
  if (member && !ts.isPropertyAccessExpression(callee)) return false;
  // A member of a named object (`const svc = { … }`, `const svc = (log) => ({ … })`) is called through it or `this`.
  const owner = member ? objectOwnerName(ts, fn) : undefined;
  if (owner && ts.isPropertyAccessExpression(callee)) {
    const root = accessPath(ts, callee.expression)?.[0]?.replace(/\(\)$/, '');
    if (root !== owner && root !== 'this') return false;
  }
  return recogniseSink(call, env) === undefined;
}

/** The variable an object literal holding `fn` is stored in, directly or as a factory's result. */
function objectOwnerName(ts: AnalysisEnv['ts'], fn: FunctionLike): string | undefined {
  let obj: TS.Node | undefined = ts.isMethodDeclaration(fn) ? fn.parent : fn.parent?.parent;
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  let holder: TS.Node | undefined = obj.parent;
  while (holder && (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder))) holder = holder.parent;
  if (holder && ts.isArrowFunction(holder)) holder = holder.parent;
  return holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
}

/**
 * A file-private helper's parameters are answered by its callers in the same file: when every call
 * site passes data the code loaded (or the verified tenant), the sink is fine; when one passes
 * request input, it is a gap. Exported functions keep their verdict: callers elsewhere decide,
 * which is the scanner's whole-program job.
 */
export function refineBySameFileCallers(rec: SinkRecord, c: Candidates, env: AnalysisEnv): SinkRecord {
  if ((rec.verdict !== 'id-parameter' && rec.verdict !== 'parameter') || rec.origin?.kind !== 'parameter') return rec;
  const fn: FunctionLike = rec.origin.fn;
  const name = functionName(env.ts, fn);
  if (!name || isApiBoundary(fn, env)) return rec;
  const calls = c.calls.filter((call) => calleeName(env.ts, call) === name && enclosingFunction(env.ts, call) !== fn && mayCall(call, fn, env));
  if (calls.length === 0) return rec;
  let stillParameter = false;
  for (const call of calls) {
    const arg = argumentFor(call, rec.origin.index, rec.origin.property, env);
    if (arg === 'opaque') {
      stillParameter = true;
      continue;
    }
    const origin = arg === 'omitted' ? { kind: 'undefined' as const } : classifyValue(arg, env);
    // `getInvites(prisma, input)` in a `protectedOrganizationProcedure` handler: the helper reads `input.orgId`, checked by the middleware.
    const wholeObject = arg !== 'omitted' && rec.origin.property !== undefined && !env.ts.isObjectLiteralExpression(unwrap(env.ts, arg));
    if (origin.kind === 'untrusted' && wholeObject && untrustedValueChecked(arg as TS.Expression, enclosingFunction(env.ts, call), env, rec.origin.property)) continue;
    // `generateQuery(input.projectId)` in a procedure whose middleware checks the input's tenant, or after a membership lookup.
    if (origin.kind === 'untrusted' && !wholeObject && untrustedValueChecked(arg as TS.Expression, enclosingFunction(env.ts, call), env)) continue;
    if (origin.kind === 'untrusted' || (origin.kind === 'undefined' && rec.verdict === 'parameter')) {
      return rec.verdict === 'parameter'
        ? { ...rec, verdict: 'untrusted', reason: 'tenant from request input via a caller in this file', origin }
        : { ...rec, verdict: 'unscoped', reason: `${rec.reason.split(',')[0]}, an id from request input via ${name}()`, origin };
    }
    if (origin.kind === 'parameter') stillParameter = true;
  }
  if (stillParameter) return rec;
  return rec.verdict === 'parameter'
    ? { ...rec, verdict: 'scoped', reason: 'every caller passes a verified tenant' }
    : { ...rec, verdict: 'derived', reason: 'every caller passes an id from loaded data' };
}
