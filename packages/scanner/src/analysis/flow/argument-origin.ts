import { classifyValue, envForOperation, isTenantName, isWrappedHandler, untrustedValueChecked, valueCheckedAgainstCaller, type AnalysisEnv, type FunctionLike } from '@tenant-audit/core';
import type { EntryPoint } from '../../entrypoints/index.js';
import { ts, type TS } from '../../compiler.js';
import type { ArgValue } from './arguments.js';
import { enclosingFn, type ProgramView } from './program-view.js';
import { routeVerifiedParameter, routeVerifiedRead } from './route-verified.js';

/** Where a value handed to a callee comes from, as both followers (tenant and id) need to know. */
export type ArgumentOrigin =
  | { kind: 'safe' }
  | { kind: 'undefined' }
  | { kind: 'untrusted'; path: string }
  | { kind: 'entry-input'; note: string }
  | { kind: 'follow'; fn: FunctionLike; index: number; property: string | undefined; name: string };

/** `({ ctx: { teamId } })` is judged by `ctx`, the handler part it was destructured from, not by `teamId`. */
export function verifiedRootOf(name: string, property: string | undefined): string {
  const segments = property?.split('.') ?? [];
  // `({ input: orgId })` renames the handler part it reads: judged by `input`, not by the new name.
  return segments.length > 1 || (segments.length === 1 && segments[0] !== name) ? (segments[0] as string) : name;
}

/** Handler parameters that carry the verified identity rather than request input (`ctx`, `context`, `session`). */
export function isVerifiedParameter(name: string): boolean {
  return /^(ctx|context|session|auth|user|identity|principal|claims)$/i.test(name);
}

/**
 * `req.projectId`, `request.principal.id`: a property the server's own hooks put on the request object
 * (an auth hook decorating it with the caller's tenant or principal). The client reaches the request
 * only through its parts (body, query, params, headers, cookies), never by naming a property of it.
 */
function setOnRequestByServer(name: string, property: string | undefined, env: AnalysisEnv): boolean {
  const first = property?.split('.')[0];
  if (!first || !/^(req|request)$/.test(name)) return false;
  return isTenantName(first, env) || isVerifiedParameter(first);
}

const REQUEST_ROOTS = /^(req|request|event|params|query|body|input|parsedInput|searchParams|args|data|formData)$/;

/**
 * Whether a parameter of an entry point carries request input. A server action's arguments all come
 * from the client; other handlers get request parts (`req`, `params`, `input`, `body`) next to
 * objects their framework or wrapper verified (`ctx`, `session`, `workspace` from `withWorkspace`,
 * `partner` from `withPartnerProfile`), which are not input.
 */
export function entryParameterIsInput(entry: EntryPoint, index: number, name: string, property: string | undefined, env: AnalysisEnv): boolean {
  const root = verifiedRootOf(name, property);
  if (isVerifiedParameter(root) || isTenantName(root, env)) return false;
  if (routeVerifiedParameter(entry, index)) return false;
  if (setOnRequestByServer(name, property, env)) return false;
  if (entry.note.startsWith('server action')) return true;
  // A positional parameter (`@Param('id') id`, `(req, res)`, `(msg)`) is what the caller sent; a key the
  // handler destructures from its wrapper's object (`({ partner, params })`) is input only when it
  // names a request part.
  const param = (entry.fn).parameters[index];
  // `withProjectAuth(async (req, res, project) => …)`: after the request and the response, a wrapper's
  // handler gets what the wrapper resolved and verified, not what the client sent.
  if (index >= 2 && isWrappedHandler(entry.fn, env) && !REQUEST_ROOTS.test(root)) return false;
  const destructured = param !== undefined && !ts.isIdentifier(param.name);
  return !destructured || REQUEST_ROOTS.test(root) || env.config.untrustedSources.includes(root);
}

/**
 * Judges the value a call site passes: request input the caller does not check (also a parameter
 * of an entry point, which is request input too, unless it is the verified context the framework
 * put there), `undefined`, the caller's own parameter (to follow further up), or anything else
 * (loaded data, the verified tenant, a literal), which is safe.
 */
export function argumentOrigin(view: ProgramView, call: TS.CallExpression, arg: Extract<ArgValue, { kind: 'value' }>, property: string | undefined, write = false): ArgumentOrigin {
  const env = envForOperation(view.ctx.env, write ? 'write' : 'read');
  const caller = enclosingFn(call);
  const origin = classifyValue(arg.expr, env);
  if (origin.kind === 'undefined') return { kind: 'undefined' };
  if (origin.kind === 'untrusted') {
    if (untrustedValueChecked(arg.expr, caller, env, arg.wholeObject ? property : undefined)) return { kind: 'safe' };
    // `req.params.projectId` on a route whose decorator checked the caller's standing on that project.
    if (routeVerifiedRead(view, caller, origin.path)) return { kind: 'safe' };
    return { kind: 'untrusted', path: arg.wholeObject && property ? `${origin.path}.${property}` : origin.path };
  }
  if (origin.kind !== 'parameter') return { kind: 'safe' };
  const upFn = origin.fn;
  const entry = view.entries.get(upFn);
  if (entry) {
    if (!entryParameterIsInput(entry, origin.index, origin.name, origin.property, env)) return { kind: 'safe' };
    // The handler looked the value up with the caller first (`getTeamById({ userId: user.id, teamId })`).
    if (untrustedValueChecked(arg.expr, caller, env)) return { kind: 'safe' };
    return { kind: 'entry-input', note: entry.note };
  }
  // The caller checks the value before handing it on (`if (!auth.workspaceIds.includes(workspaceId)) throw`).
  if (valueCheckedAgainstCaller(arg.expr, caller, env)) return { kind: 'safe' };
  const nextProperty = arg.wholeObject ? (origin.property ? `${origin.property}.${property}` : property) : origin.property;
  return { kind: 'follow', fn: upFn, index: origin.index, property: nextProperty, name: origin.name };
}
