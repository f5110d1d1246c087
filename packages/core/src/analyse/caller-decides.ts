import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { unwrap, type FunctionLike } from '../recognise/ast.js';
import { isApiBoundary } from './optional-param.js';
import type { SinkRecord } from './types.js';

const HTTP_METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
/** tRPC's procedure kinds and next-safe-action's `.action(…)`: the callback's argument is the client's input. */
const PROCEDURE_METHOD = /^(query|mutation|subscription|action)$/;
const CLIENT_INPUT = /^(input|parsedInput|rawInput)(\.|$)/;

function hasDirective(ts: AnalysisEnv['ts'], statements: readonly TS.Statement[] | undefined, directive: string): boolean {
  for (const s of statements ?? []) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === directive) return true;
  }
  return false;
}

/**
 * A function whose parameters the client fills, recognisable in its own file: an exported HTTP method
 * handler (`export async function GET(req, context)`), a server action (an exported function of a
 * `'use server'` file, or a function with its own `'use server'`), or the input of a tRPC procedure
 * or safe action (`opts.input` in `.query(async (opts) => …)`).
 */
function isSameFileEntryPoint(fn: FunctionLike, property: string | undefined, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const body = fn.body && ts.isBlock(fn.body) ? fn.body.statements : undefined;
  if (hasDirective(ts, body, 'use server')) return true;
  const exported = isApiBoundary(fn, env);
  const name = ts.isFunctionDeclaration(fn) ? fn.name?.text
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
  if (exported && name !== undefined && HTTP_METHOD.test(name)) return true;
  if (exported && hasDirective(ts, sourceFileOf(fn, env).statements, 'use server')) return true;
  const call = fn.parent;
  if (call && ts.isCallExpression(call) && call.arguments.includes(fn as TS.Expression)) {
    const callee = unwrap(ts, call.expression);
    // Only the input is the client's: `opts.ctx.user.id` is the verified caller, set by the procedure's middleware.
    if (ts.isPropertyAccessExpression(callee) && PROCEDURE_METHOD.test(callee.name.text)) return CLIENT_INPUT.test(property ?? '');
  }
  return false;
}

/**
 * A by-id sink whose id is a plain parameter of a function the client does not call directly: whether
 * the id is the client's is for the callers to say, and they may live in other files. One file cannot
 * decide it (the ESLint rules stay quiet by default); the scanner follows the callers.
 */
export function decidedByCallers(rec: SinkRecord, env: AnalysisEnv): boolean {
  if (rec.verdict !== 'id-parameter' || rec.origin?.kind !== 'parameter') return false;
  return !isSameFileEntryPoint(rec.origin.fn, rec.origin.property, env);
}
