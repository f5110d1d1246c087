import type { FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { EntryPoint } from '../../entrypoints/index.js';
import { graphqlArgName } from '../../entrypoints/frameworks.js';
import { enclosingFn, type ProgramView } from './program-view.js';

/** The entry point `fn` belongs to: itself or a function it is nested in. */
function entryOf(view: ProgramView, fn: FunctionLike | undefined): EntryPoint | undefined {
  for (let f = fn; f; f = enclosingFn(f)) {
    const entry = view.entries.get(f);
    if (entry) return entry;
  }
  return undefined;
}

/**
 * Whether a request value read in `fn` (`req.params.projectId`) is a route parameter the framework
 * checked the caller against before the handler ran (`@ProjectScope(…)` on `/projects/:projectId/…`).
 */
export function routeVerifiedRead(view: ProgramView, fn: FunctionLike | undefined, path: string): boolean {
  const param = /(?:^|\.)params\.(\w+)$/.exec(path)?.[1];
  if (!param) return false;
  return entryOf(view, fn)?.verifiedParams?.includes(param) ?? false;
}

/** `@Param('projectId') projectId` on an entry whose route verifies `projectId` (or a GraphQL `@Args('projectId')`). */
export function routeVerifiedParameter(entry: EntryPoint, index: number): boolean {
  if (!entry.verifiedParams) return false;
  const param = (entry.fn).parameters[index];
  if (!param || !ts.canHaveDecorators(param)) return false;
  // `@Args('requestID') requestID` of a GraphQL operation whose guard verifies `requestID`.
  const argName = graphqlArgName(param);
  if (argName !== undefined) return entry.verifiedParams.includes(argName);
  return (ts.getDecorators(param) ?? []).some((d) => {
    const e = d.expression;
    if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'Param') return false;
    const arg = e.arguments[0];
    return !!arg && ts.isStringLiteralLike(arg) && (entry.verifiedParams ?? []).includes(arg.text);
  });
}
