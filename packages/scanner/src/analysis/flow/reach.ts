import { mentionsName, type FunctionLike, type ResolvedConfig } from '@tenant-audit/core';
import type { EntryPoint } from '../../entrypoints/index.js';
import { callersOf, enclosingFn, nameOfFn, type ProgramView } from './program-view.js';

const MAX_VISITS = 4000;

/**
 * Entry points the platform itself invokes (cron routes, webhooks, queue workers, internal jobs),
 * not a tenant's user: a job that reads every tenant's rows is doing its work, not leaking. The path
 * segments that say so are core's `platformPathSegments` name heuristic.
 */

export function isPlatformEntry(entry: EntryPoint, file: string | undefined, config?: ResolvedConfig): boolean {
  if (entry.platform === true || /^(job|cron|queue|worker|agenda|schedule)\b/i.test(entry.note)) return true;
  // A folder name is only a hint: a feature folder called `webhooks/` (a tenant managing its outgoing
  // webhooks) holds server actions, pages and signed-in procedures, which tenants call.
  if (entry.tenantFacing) return false;
  return mentionsName('platformPathSegments', entry.note, config) || (file !== undefined && mentionsName('platformPathSegments', file, config));
}

export function isPlatformPath(file: string, config?: ResolvedConfig): boolean {
  return mentionsName('platformPathSegments', file, config);
}

export type Reach = 'tenant' | 'platform-only' | 'none';

const memo = new WeakMap<ProgramView, Map<FunctionLike, Reach>>();

/**
 * Which kinds of entry point reach `fn` over the call graph: at least one a tenant can call, only
 * platform ones, or none the scanner recognises.
 */
export function reachOf(view: ProgramView, fn: FunctionLike | undefined, isPlatform: (e: EntryPoint) => boolean): Reach {
  if (!fn) return 'none';
  let cache = memo.get(view);
  if (!cache) memo.set(view, (cache = new Map()));
  const hit = cache.get(fn);
  if (hit) return hit;
  const queue: FunctionLike[] = [fn];
  const visited = new Set<FunctionLike>();
  let sawPlatform = false;
  let sawOtherRoot = false;
  let result: Reach | undefined;
  while (queue.length > 0 && visited.size < MAX_VISITS && !result) {
    const start = queue.shift() as FunctionLike;
    for (let f: FunctionLike | undefined = start; f; f = enclosingFn(f)) {
      if (visited.has(f)) break;
      visited.add(f);
      const entry = view.entries.get(f);
      if (entry) {
        if (isPlatform(entry)) sawPlatform = true;
        else result = 'tenant';
        break;
      }
      const callers = nameOfFn(f) !== undefined ? callersOf(view, f) : [];
      for (const call of callers) {
        const caller = enclosingFn(call);
        if (caller && !visited.has(caller)) queue.push(caller);
      }
      if (callers.length > 0) break;
      // A top-level caller no recognised entry point reaches: a platform folder (`worker/`, `jobs/`,
      // `scripts/`) says who runs it (a job registered through a home-made queue wrapper).
      if (!enclosingFn(f)) {
        const rel = view.unitOf(f)?.rel;
        if (rel !== undefined && mentionsName('platformPathSegments', rel, view.ctx.env.config)) sawPlatform = true;
        else sawOtherRoot = true;
      }
    }
  }
  const reach: Reach = result ?? (sawPlatform && !sawOtherRoot ? 'platform-only' : 'none');
  cache.set(fn, reach);
  return reach;
}
