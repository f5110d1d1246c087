import type * as TS from 'typescript';
import type { GapKind } from '../gaps/kinds.js';
import type { AnalysisEnv } from '../recognise/env.js';
import { ensureParents } from '../recognise/ast.js';
import { decidedByCallers } from './caller-decides.js';
import { collectCandidates } from './candidates.js';
import { analyseDataAccess } from './data-access.js';
import { analyseEncryption } from './encryption.js';
import { analyseEscapeHatches } from './escape-hatches.js';
import { analyseExternalAccess } from './external-access.js';
import { analyseFailOpen } from './fail-open.js';
import { analyseInertChecks } from './inert-checks.js';
import { analyseLogAccess } from './log-access.js';
import { analyseOptionalTenantParams } from './optional-param.js';
import { analysePlatformFallback } from './platform-fallback.js';
import { analyseReadThroughCaches } from './read-through-cache.js';
import { analyseRedis } from './redis.js';
import { analyseSingletonCaches } from './singleton-cache.js';
import { analyseSessionKeys } from './session-keys.js';
import { analyseStorageKeys } from './storage-keys.js';
import { analyseTelemetry, collectTelemetry, type TelemetryFacts } from './telemetry.js';
import type { LocalFinding, SinkRecord } from './types.js';

export interface FileAnalysis {
  findings: LocalFinding[];
  sinks: SinkRecord[];
  telemetry: TelemetryFacts;
}

const cache = new WeakMap<TS.SourceFile, WeakMap<AnalysisEnv, FileAnalysis>>();

/**
 * Every file-local gap in one source file, in source order. Results are cached per (file, env), so
 * the nine ESLint rules share one traversal, and the scanner gets the same answers the rules give.
 */
export function analyseSourceFile(sourceFile: TS.SourceFile, env: AnalysisEnv): FileAnalysis {
  let perEnv = cache.get(sourceFile);
  const hit = perEnv?.get(env);
  if (hit) return hit;
  if (sourceFile.isDeclarationFile) {
    // Declarations describe code that lives elsewhere: there is nothing to run, so nothing to judge.
    const empty: FileAnalysis = { findings: [], sinks: [], telemetry: { providers: [], registersTenantProcessor: false, untaggedSpans: [] } };
    if (!perEnv) cache.set(sourceFile, (perEnv = new WeakMap()));
    perEnv.set(env, empty);
    return empty;
  }
  ensureParents(env.ts, sourceFile);
  const c = collectCandidates(env.ts, sourceFile);
  const outer = env;
  // Per-file env: recognisers find the file without walking up the parents of every node.
  env = { ...outer, sourceFile };
  const external = analyseExternalAccess(c, env);
  const storage = analyseStorageKeys(c, env);
  // A call on another system is judged as one (`stripe.customers.update(id, …)` is no Prisma model `customers`).
  const externalNodes = new Set(external.sinks.map((s) => s.match.node));
  const local = analyseDataAccess(c, env);
  const data = externalNodes.size === 0 ? local : {
    sinks: local.sinks.filter((s) => !externalNodes.has(s.match.node)),
    findings: local.findings.filter((f) => !f.sink || !externalNodes.has(f.sink.match.node)),
  };
  const telemetry = collectTelemetry(c, sourceFile, env);
  const fallbacks = analysePlatformFallback(c, env);
  const findings = [
    ...data.findings,
    ...external.findings,
    ...storage.findings,
    ...analyseRedis(c, env),
    ...analyseReadThroughCaches(c, env),
    ...analyseSingletonCaches(c, env),
    ...analyseSessionKeys(c, env),
    ...analyseFailOpen(c, env),
    ...analyseInertChecks(c, env),
    ...fallbacks,
    ...analyseEscapeHatches(c, env, fallbacks),
    ...analyseOptionalTenantParams(c, env),
    ...analyseTelemetry(telemetry, env),
    ...analyseEncryption(c, env),
    ...analyseLogAccess(c, env),
  ].sort((a, b) => a.node.pos - b.node.pos || a.kind.localeCompare(b.kind));
  // Marked in place (the scanner keys its bookkeeping on these objects); only the ESLint rules read the mark.
  for (const f of findings) if (f.sink && decidedByCallers(f.sink, env)) f.callersDecide = true;
  const result: FileAnalysis = { findings, sinks: [...data.sinks, ...external.sinks, ...storage.sinks], telemetry };
  if (!perEnv) {
    perEnv = new WeakMap();
    cache.set(sourceFile, perEnv);
  }
  perEnv.set(outer, result);
  return result;
}

export function findingsOfKinds(analysis: FileAnalysis, kinds: readonly GapKind[]): LocalFinding[] {
  return analysis.findings.filter((f) => kinds.includes(f.kind));
}
