import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import { accessPath, calleeName, calleeReceiver, enclosingFunctions, unwrap, walk, type FunctionLike } from '../recognise/ast.js';
import { isScopedReceiver } from '../recognise/receiver.js';
import { recogniseSink } from '../recognise/sinks.js';
import { isPlatformGuardCall, mentionsTenant } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';
import { matchesName, mentionsName } from '../names/catalogue.js';
import { hintFor } from './fix-options.js';
import { localFinding } from './local-finding.js';

const FILE_READ = /^(createReadStream|readFile|readFileSync|readLines|watch|watchFile)$/;

/**
 * `prisma.log.findMany(…)` on a model the data model ties to a tenant (its own column or a parent that
 * has one): rows of the application's own table, which the data-access analysis judges with their
 * parent keys (`where: { result: { typebotId, id } }`), not an operational log store.
 */
function tenantTableRead(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const match = recogniseSink(call, env);
  return !!match?.model && env.dataModel.isTenantModel(match.model) === true;
}

/** A log source read: a log store call, a log file read, or a spawned `tail` / `journalctl`. */
function isLogRead(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const name = calleeName(ts, call) ?? '';
  const receiver = calleeReceiver(ts, call);
  if (receiver && matchesName('logReadMethods', name, env.config)) {
    if (tenantTableRead(call, env)) return false;
    // `traces.find((t) => t.id === id)`: a callback makes it an array method over rows already in hand; a log
    // store is asked with a query (`logs.find({ level })`, `search({ query })`), never a function.
    const first = call.arguments[0] && unwrap(ts, call.arguments[0]);
    if (first && (ts.isArrowFunction(first) || ts.isFunctionExpression(first))) return false;
    const path = accessPath(ts, receiver) ?? [];
    const last = path[path.length - 1] ?? '';
    if (matchesName('logReceivers', last, env.config)) return !isScopedReceiver(receiver, env);
  }
  if (FILE_READ.test(name)) {
    const arg = call.arguments[0];
    if (!arg) return false;
    let logish = false;
    walk(ts, arg, (n) => {
      if ((ts.isIdentifier(n) && /log/i.test(n.text)) || (ts.isStringLiteralLike(n) && /\.log\b|\/logs?\//i.test(n.text)) ||
          ((ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) && /\.log\b|\/logs?\//i.test(n.text))) logish = true;
      return logish ? false : undefined;
    });
    return logish;
  }
  if (/^(spawn|exec|execFile|execSync|spawnSync)$/.test(name)) {
    const first = call.arguments[0];
    return !!first && ts.isStringLiteralLike(first) && /^(tail|journalctl|kubectl\s+logs)\b/.test(first.text);
  }
  return false;
}

/** The path is limited to platform operators: a guard call, a platform role check, or runAsPlatform. */
function platformGuarded(fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn) return false;
  const ts = env.ts;
  let guarded = false;
  walk(ts, fn, (n) => {
    if (guarded) return false;
    if (ts.isCallExpression(n) && isPlatformGuardCall(n, env)) guarded = true;
    else if (ts.isIfStatement(n) && mentionsName('platformChecks', n.expression.getText(sourceFileOf(n, env)), env.config)) guarded = true;
    return undefined;
  });
  if (guarded) return true;
  // Route-level guard: app.get('/logs', requirePlatformOperator, handler)
  const parent = fn.parent;
  return !!parent && ts.isCallExpression(parent) && parent.arguments.some((a) => a !== fn && mentionsName('platformChecks', a.getText(sourceFileOf(a, env)), env.config));
}

export function analyseLogAccess(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const ts = env.ts;
  const findings: LocalFinding[] = [];
  for (const call of c.calls) {
    if (!isLogRead(call, env) || call.arguments.some((a) => mentionsTenant(a, env))) continue;
    const fns = enclosingFunctions(ts, call);
    if (fns.some((f) => platformGuarded(f, env))) continue;
    findings.push(localFinding(env, 'unscoped-log-access', 'unscopedLogAccess', call,
      'logs/traces are read here with no tenant filter and no platform-only guard, so a tenant sees every tenant\'s operational records',
      hintFor(env, 'tenantLogReader'), 'logs/traces read with no tenant filter and no platform-only guard'));
  }
  return findings;
}
