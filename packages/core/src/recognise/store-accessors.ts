import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from './env.js';
import { calleeName, calleeReceiver, accessPath, isFunctionLike, nameOf, walk } from './ast.js';
import type { SinkMatch } from './sinks.js';

/** A data-access object by its name: `runStore`, `this.taskRunRepository`, `integrationDal`, `userDao`. */
const STORE_RECEIVER = /(store|repository|repo|dal|dao)$/i;
/** `find<Model>ById`, the name a store gives its by-id read. */
const BY_ID_READ = /^find([A-Z]\w*?)ById$/;

/** A method of that name with a body declared in this file: its own queries are judged there. */
function declaredHere(name: string, call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  walk(ts, sourceFileOf(call, env), (n) => {
    if (found) return false;
    if (isFunctionLike(ts, n) && n.body && nameOf(ts, (n as TS.MethodDeclaration).name) === name) found = true;
    else if ((ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) && nameOf(ts, n.name) === name &&
             n.initializer && isFunctionLike(ts, n.initializer)) found = true;
    return undefined;
  });
  return found;
}

/**
 * `this.runStore.findBatchTaskRunById(id)`: a store's by-id read of <Model>, for when the store's
 * code is not scanned (another package, an interface with several implementations). The model is
 * read off the name; an unknown model makes a by-id finding "model unknown" (P1) unless the code
 * base shows the table carries the tenant. Where the method is scanned, its own query is judged
 * instead (here for this file, program-wide by the scanner through `accessor`).
 */
export function recogniseStoreAccessor(call: TS.CallExpression, env: AnalysisEnv): SinkMatch | undefined {
  const ts = env.ts;
  const name = calleeName(ts, call);
  const model = name ? BY_ID_READ.exec(name)?.[1] : undefined;
  if (!name || !model || !call.arguments[0]) return undefined;
  const receiver = calleeReceiver(ts, call);
  const path = receiver ? accessPath(ts, receiver) : undefined;
  const last = path?.[path.length - 1];
  if (!path || !last || !STORE_RECEIVER.test(last.replace(/\(\)$/, ''))) return undefined;
  if (declaredHere(name, call, env)) return undefined;
  return {
    library: 'store', category: 'query', operation: 'read', model, node: call,
    description: `${path.join('.')}.${name}`,
    evidence: { status: 'none', detail: 'loads by id only', idValues: [call.arguments[0]] },
    accessor: name,
  };
}
