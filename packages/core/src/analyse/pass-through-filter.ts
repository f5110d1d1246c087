import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { calleeName, enclosingFunction, findLocalDeclaration, functionName, unwrap, type FunctionLike } from '../recognise/ast.js';
import { recogniseSink } from '../recognise/sinks.js';
import type { Candidates } from './candidates.js';
import { judgeSink } from './data-access.js';
import { isApiBoundary } from './optional-param.js';
import { mayCall } from './local-callers.js';
import type { SinkRecord } from './types.js';

/** The argument of the sink call that is a plain parameter of the function the sink is in. */
function parameterArgument(call: TS.CallExpression, fn: FunctionLike, env: AnalysisEnv): { index: number; position: number } | undefined {
  const ts = env.ts;
  for (let position = 0; position < call.arguments.length; position++) {
    const a = unwrap(ts, call.arguments[position] as TS.Expression);
    if (!ts.isIdentifier(a)) continue;
    const decl = findLocalDeclaration(ts, a);
    if (decl && ts.isParameter(decl) && decl.parent === fn && ts.isIdentifier(decl.name)) return { index: fn.parameters.indexOf(decl), position };
  }
  return undefined;
}

/**
 * A wrapper that hands its parameter to the query as the filter (`async function findOne(log, options)
 * { return repo().findOne(options) }`) shows no filter itself; its callers in this file write it
 * (`findOne(log, { where: { id } })`). The sink is judged with each caller's object in its place, in
 * the caller (where its values live). A gap found here stands for the sink; otherwise one record per
 * question left to the callers (an id they pass, a tenant they pass), each followed further up by the
 * scanner. Undefined when the filter is not such a parameter or no caller passes an object literal;
 * an exported wrapper, which has callers elsewhere too, is only ever judged a gap here.
 */
export function filterThroughCallers(rec: SinkRecord, c: Candidates, env: AnalysisEnv, fnName: (f: FunctionLike) => string | undefined): SinkRecord[] | undefined {
  const ts = env.ts;
  if (rec.verdict !== 'unknown' || rec.reason !== 'filter not visible' || !ts.isCallExpression(rec.match.node)) return undefined;
  const call = rec.match.node;
  const fn = enclosingFunction(ts, call);
  const name = fn ? functionName(ts, fn) : undefined;
  if (!fn || !name) return undefined;
  const param = parameterArgument(call, fn, env);
  if (!param) return undefined;
  const callers = c.calls.filter((site) => calleeName(ts, site) === name && enclosingFunction(ts, site) !== fn && mayCall(site, fn, env));
  const exported = isApiBoundary(fn, env);
  const judged: SinkRecord[] = [];
  for (const site of callers) {
    const arg = site.arguments[param.index];
    if (!arg || !ts.isObjectLiteralExpression(unwrap(ts, arg))) {
      // One caller passes something not visible here: the filter stays unjudged for it.
      if (exported) return undefined;
      continue;
    }
    const args = call.arguments.map((a, i) => (i === param.position ? arg : a));
    // The sink call with the caller's object as its argument; every other property is the call's own.
    const substituted = Object.create(call, { arguments: { value: Object.assign(args, { pos: call.arguments.pos, end: call.arguments.end }) } }) as TS.CallExpression;
    const match = recogniseSink(substituted, env);
    if (match) judged.push(judgeSink({ ...match, node: call }, env, fnName, enclosingFunction(ts, site)));
  }
  const gap = judged.find((r) => r.verdict === 'unscoped' || r.verdict === 'untrusted');
  if (gap) return [gap];
  if (exported) return undefined;
  const open = ['id-parameter', 'parameter'].flatMap((v) => judged.find((r) => r.verdict === v) ?? []);
  if (open.length > 0) return open;
  const settled = judged.find((r) => r.verdict !== 'unknown');
  return settled ? [settled] : undefined;
}
