import type { PathFacts } from './pinned-by-caller.js';
import { argumentFor } from './arguments.js';
import { passedOrigin, walkCallers, type CallerPath, type CallerWalk, type FollowedParam } from './caller-walk.js';
import { labelOfFn, type ProgramView } from './program-view.js';

/** e.g. "the id comes from req.params.id via getDocument", with the call sites from the outermost bad caller down. */
export type BadIdPath = CallerPath;

/**
 * An id from request input that the caller does not check (or a parameter of an entry point, which is
 * request input too) is a cross-tenant read; an id from loaded data or the verified context is not; an
 * id that is the caller's own parameter is followed further up.
 */
const ID_WALK: CallerWalk = {
  maxDepth: 6,
  judge: (view, call, param, along) => {
    const arg = argumentFor(call, param.index, param.property, param.name);
    if (arg.kind === 'opaque') along.onOpaque?.();
    if (arg.kind !== 'value' && arg.kind !== 'forward') return undefined;
    const judged = passedOrigin(view, call, arg, param.property, along.write);
    if (judged.kind === 'untrusted' && along.badInput && !along.badInput(judged.path)) return undefined;
    if (judged.kind === 'entry-input' && along.badInput) return undefined;
    const calleeName = labelOfFn(param.fn);
    if (judged.kind === 'untrusted') {
      return { kind: 'bad', reason: `the id comes from ${judged.path} via ${calleeName}, chosen by the client and not checked against the tenant` };
    }
    if (judged.kind === 'entry-input') {
      return { kind: 'bad', reason: `the id is a parameter of ${judged.note} (request input) passed to ${calleeName}, not checked against the tenant` };
    }
    return judged.kind === 'follow' ? { kind: 'follow', to: judged } : undefined;
  },
};

/**
 * Follows the id an `id-parameter` sink picks rows by (`sinkParameter`) to every call site of its
 * function: every bad path up to `limit`, in call-site order. A helper shared by several handlers is
 * reported once, with the entry paths that reach it unchecked (the first is the finding's trace).
 */
export function findBadIdPaths(view: ProgramView, id: FollowedParam, limit: number, along: PathFacts): BadIdPath[] {
  return walkCallers(view, id, ID_WALK, limit, 0, new Set(), along);
}
