import { bodyResolvesOrFailsClosed, classifyValue, type FunctionLike } from '@tenant-audit/core';
import { argumentFor, defaultValue } from './arguments.js';
import type { PathFacts } from './pinned-by-caller.js';
import { passedOrigin, walkCallers, type CallerPath, type CallerWalk, type FollowedParam } from './caller-walk.js';
import { labelOfFn, enclosingFn, nameOfFn, type ProgramView } from './program-view.js';

/** Why the tenant is wrong (e.g. "tenant comes from body.orgId via buildUsageReport"), with the call sites from the outermost bad caller down. */
export type BadPath = CallerPath;

/** A missing tenant is fine when the callee fails closed on it, resolves it from context, or defaults it to a trusted value. */
function missingIsHandled(view: ProgramView, fn: FunctionLike, index: number, property: string | undefined, paramName: string): boolean {
  const env = view.ctx.env;
  if (bodyResolvesOrFailsClosed(fn, paramName, env)) return true;
  const init = defaultValue(fn, index, property);
  if (!init) return false;
  const kind = classifyValue(init, env).kind;
  return kind === 'context' || kind === 'verified' || kind === 'literal';
}

/**
 * An omitted or `undefined` tenant, or one taken from request input that the caller does not check, is
 * a bad path; a tenant that is itself the caller's parameter is followed further up.
 */
const TENANT_WALK: CallerWalk = {
  maxDepth: 5,
  judge: (view, call, param, along) => {
    const env = view.ctx.env;
    const { fn, index, property, name: paramName } = param;
    const calleeName = labelOfFn(fn);
    const caller = enclosingFn(call);
    const callerName = (caller && nameOfFn(caller)) ?? 'a caller';
    const arg = argumentFor(call, index, property, paramName);
    if (arg.kind === 'opaque') {
      along.onOpaque?.();
      return undefined;
    }
    if ((arg.kind === 'omitted' || (arg.kind === 'value' && classifyValue(arg.expr, env).kind === 'undefined')) &&
        missingIsHandled(view, fn, index, property, paramName)) return undefined;
    if (arg.kind === 'omitted') {
      return { kind: 'bad', reason: `${callerName} calls ${calleeName} without ${arg.what}, so the filter is undefined and matches every tenant` };
    }
    const judged = passedOrigin(view, call, arg, property, along.write);
    if (judged.kind === 'undefined') return { kind: 'bad', reason: `${callerName} passes undefined as the tenant of ${calleeName}, so the filter matches every tenant` };
    if (judged.kind === 'untrusted') return { kind: 'bad', reason: `tenant comes from ${judged.path} via ${calleeName}, client-controlled and not checked against the caller` };
    if (judged.kind === 'entry-input') return { kind: 'bad', reason: `tenant is a parameter of ${judged.note} (request input) passed to ${calleeName}` };
    return judged.kind === 'follow' ? { kind: 'follow', to: judged } : undefined;
  },
};

/** Follows a parameter-scoped sink's tenant (`sinkParameter`) to every call site of its function, as findBadIdPaths does its id. */
export function findBadPaths(view: ProgramView, tenant: FollowedParam, limit: number, along: PathFacts): BadPath[] {
  return walkCallers(view, tenant, TENANT_WALK, limit, 0, new Set(), along);
}
