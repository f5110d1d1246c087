import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnalysisBudgetExceeded, analyseSourceFile, buildDataModel, createEnv, fileFacts, fixOptionsFor, importsRuntime, loadConfig, offTheClock, tenantCheckingProcedures, TEST_FILE_GLOBS, withinBudget, type AnalysisEnv, type FileAnalysis, type SourceText, type TypeScriptModule } from '@tenant-audit/core';
import { ScanCache, type CachedScan } from '../cache/scan-cache.js';
import { ts, type TS } from '../compiler.js';
import type { ScanError, ScanOptions, ScanResult, SinkOutcome } from '../model.js';
import { scanKubernetes } from '../k8s/scan.js';
import type { CodeFile } from '../rls/code-evidence.js';
import { scanRls } from '../rls/scan.js';
import { scanBoundary } from '../program/boundary.js';
import { findConfigRoot, refuseConfigLinks } from '../program/config-root.js';
import { importClosure } from '../program/import-closure.js';
import { commonRoot, relativePosix, resolveTargets } from '../program/paths.js';
import { loadProgram } from '../program/project.js';
import { readText } from '../program/read.js';
import { mappingLookup, readTsconfig, scannerOptions, type TsconfigInfo } from '../program/tsconfig.js';
import { DECLARATION, SOURCE_EXT, walkTargets } from '../program/walk.js';
import { workspacePackages } from '../program/workspaces.js';
import { dependencySchemaTexts } from '../program/dependency-schemas.js';
import { baselineEntries, withoutAccepted } from './accepted.js';
import { fileTimeBudgetMs, overBudgetMessage } from './budget.js';
import type { FileUnit, ProgramContext } from './context.js';
import { finalise, type RawFinding } from './raw-finding.js';
import { analyseProgram, localOnly } from './whole-program.js';


function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The tsconfig whose options apply (`--project`, else the shallowest usable one found under the
 * paths) and every usable one (for per-package path aliases).
 */
/**
 * The program's code for the RLS check: the analysed files, and with `--changed` / `--staged` also the
 * sources left out of the program, read as text (parsed only if they hold migration SQL), so that
 * whether the code base uses RLS does not depend on which files changed.
 */
function rlsCodeFiles(units: readonly FileUnit[], unloaded: readonly string[], rel: (p: string) => string): CodeFile[] {
  const out: CodeFile[] = units.map((u) => ({ rel: u.rel, text: u.sf.text, sf: () => u.sf }));
  for (const path of unloaded) {
    const read = readText(path);
    if (!read.ok) continue;
    out.push({ rel: rel(path), text: read.text, sf: () => ts.createSourceFile(path, read.text, ts.ScriptTarget.Latest, true) });
  }
  return out;
}

function readTsconfigs(options: ScanOptions, cwd: string, found: readonly string[], errors: ScanError[], rel: (p: string) => string):
  { chosen: TsconfigInfo | undefined; all: TsconfigInfo[] } {
  const report = (path: string, problems: string[]): void => {
    for (const p of problems) errors.push({ file: rel(path), message: `tsconfig not usable, files added directly: ${p}` });
  };
  if (options.project) {
    const path = resolveTargets([options.project], cwd)[0]?.base as string;
    const read = readTsconfig(path);
    report(path, read.problems);
    return { chosen: read.config, all: read.config ? [read.config] : [] };
  }
  const all: TsconfigInfo[] = [];
  const byDepth = [...found].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  for (const path of byDepth) {
    const read = readTsconfig(path, false);
    report(path, read.problems);
    if (read.config) all.push(read.config);
  }
  return { chosen: all[0], all };
}

/**
 * Scans the given paths: loads the files into one ts-morph project, runs core's per-file analysis,
 * then the whole-program passes (call graph, tenant flow, telemetry, ORM extension drift) and the
 * Kubernetes manifests. Throws on a missing path or a bad config; every per-file problem becomes an
 * `errors` entry and the scan goes on.
 */
/**
 * tRPC procedures whose middleware checks the input's tenant, over the whole program: a procedure is
 * often built in one file (`trpc.ts`) on a base from another, and used in routers everywhere.
 */
function programTenantProcedures(files: readonly TS.SourceFile[], env: AnalysisEnv): Set<string> {
  const candidates = files.filter((sf) => sf.text.includes('.use(') && /procedure/i.test(sf.text));
  const known = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const before = known.size;
    for (const sf of candidates) for (const name of tenantCheckingProcedures(sf, env, known)) known.add(name);
    if (known.size === before) break;
  }
  return known;
}

/**
 * `TENANT_AUDIT_DEBUG_SINKS=1`: every data-access sink with core's verdict and what became of it, one
 * JSON line each on stderr (for people tuning the tool on their code, and for the benchmarks).
 */
function debugSinks(outcomes: readonly SinkOutcome[]): void {
  if (!process.env.TENANT_AUDIT_DEBUG_SINKS) return;
  for (const o of outcomes) process.stderr.write(`${JSON.stringify(o)}\n`);
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const targets = resolveTargets(options.paths, cwd);
  const root = commonRoot(targets, isDir);
  const boundary = scanBoundary(root, options.followExternalSymlinks === true);
  const configRoot = findConfigRoot(root);
  if (!options.configFile) refuseConfigLinks(configRoot, boundary);
  const { config } = loadConfig(configRoot, options.configFile);
  const baseline = baselineEntries(options);
  const rel = (p: string): string => relativePosix(root, p);
  const errors: ScanError[] = [];
  // Source files whose findings are unknown: in `errors` like every problem, and counted in the
  // coverage so the CLI can fail closed instead of passing a scan that never read them.
  const notAnalysed: ScanError[] = [];
  const lost = (path: string, message: string): void => {
    const entry = { file: rel(path), message };
    errors.push(entry);
    notAnalysed.push(entry);
  };

  const walked = walkTargets(targets, { root, boundary, ignoreGlobs: config.includeTests ? config.ignore : [...config.ignore, ...TEST_FILE_GLOBS] });
  for (const p of walked.problems) {
    if (p.skippedSource && !DECLARATION.test(p.path)) lost(p.path, p.message);
    else errors.push({ file: rel(p.path), message: p.message });
  }
  const tsconfigs = readTsconfigs(options, cwd, walked.tsconfigs, errors, rel);
  const tsconfig = tsconfigs.chosen;

  const packages = workspacePackages(walked.packageJsons);
  const mappingFor = mappingLookup(tsconfigs.all, options.project ? tsconfig : undefined);
  let sources = walked.sources;
  if (options.project && tsconfig) {
    const walkedSet = new Set(walked.sources);
    // --project decides which files exist; the walk still applies ignores and skip folders.
    sources = tsconfig.fileNames.filter((f) => SOURCE_EXT.test(f) && !/\.d\.[cm]?ts$/.test(f) && (walkedSet.has(f) || !walked.sources.length));
    // Files the tsconfig includes through a link out of the boundary are not read either.
    for (const f of sources.filter((f) => !walkedSet.has(f) && !boundary.contains(f))) errors.push({ file: rel(f), message: boundary.refusal(f) });
    sources = sources.filter((f) => walkedSet.has(f) || boundary.contains(f));
  }
  let declarations = walked.declarations;
  const onlyFiles = options.onlyFiles?.map((f) => resolve(cwd, f));
  if (onlyFiles) {
    const known = new Set([...sources, ...declarations]);
    const closure = importClosure(onlyFiles, known, mappingFor, packages);
    sources = sources.filter((f) => closure.has(f));
    declarations = declarations.filter((f) => closure.has(f));
  }

  // A monorepo app's schema often lives in a workspace package it depends on (`@acme/db`).
  const dependencySchemas = dependencySchemaTexts(root, tsconfigs.all, rel);
  const cache = options.cacheLocation === undefined ? undefined : ScanCache.at(options.cacheLocation, cwd, configRoot);
  const accept = (result: CachedScan): ScanResult => {
    const durationMs = Math.round(performance.now() - started);
    return withoutAccepted({ ...result, durationMs }, options.applySuppressions !== false, baseline);
  };
  if (cache) {
    cache.keyResult([...sources, ...declarations, ...walked.schemas, ...walked.yaml, ...walked.tsconfigs, ...walked.packageJsons], {
      root, targets, config, errors, notAnalysed,
      project: options.project ?? null, configFile: options.configFile ?? null, onlyFiles: onlyFiles ?? null,
      sinkOutcomes: options.sinkOutcomes === true, dependencySchemas,
      // The budget decides which files are analysed at all; the environment can override the config's.
      budgetMs: fileTimeBudgetMs(config.fileTimeBudgetMs),
    });
    // The sink debug lines come from the join: a run that asks for them runs it.
    const hit = process.env.TENANT_AUDIT_DEBUG_SINKS ? undefined : cache.cachedResult();
    if (hit) {
      options.onProgress?.(1, 1);
      return { ...accept(hit), cacheUse: { resultReused: true, filesAnalysed: 0, filesReused: 0 } };
    }
  }
  const program = loadProgram(sources, declarations, scannerOptions(tsconfig?.options));
  // A declaration file only lends types: losing one is a warning, not a hole in the scan.
  const declarationSet = new Set(declarations);
  for (const p of program.problems) {
    if (p.skipped && !p.generated && !declarationSet.has(p.path)) lost(p.path, p.message);
    else errors.push({ file: rel(p.path), message: p.message });
  }

  const schemaTexts: SourceText[] = [];
  for (const path of walked.schemas) {
    const read = readText(path);
    if (!read.ok) {
      errors.push({ file: rel(path), message: read.message });
      continue;
    }
    if (read.warning) errors.push({ file: rel(path), message: read.warning });
    schemaTexts.push({ path: rel(path), text: read.text });
  }
  const analysable = program.files.filter((f) => !f.declaration);
  const dataModel = buildDataModel(
    [...analysable.map((f) => ({ path: rel(f.path), text: f.sourceFile.text })), ...schemaTexts],
    config,
    dependencySchemas,
  );
  // ts-morph's bundled compiler: the nodes come from it, so SyntaxKind numbers match.
  const env = createEnv(ts, config, dataModel);
  env.verifiedProcedures = programTenantProcedures(analysable.map((f) => f.sourceFile), env);
  // Advice names the runtime's APIs only in a code base that imports it; elsewhere it gives the plain way.
  env.usesRuntime = analysable.some((f) => importsRuntime(fileFacts(env.ts, f.sourceFile)));
  cache?.useEnv(env, program.options);
  // A result that depends on the clock (a file over its budget) or on a crash is not kept: the next run tries again.
  let timeDependent = false;
  const fresh: { sf: TS.SourceFile; analysis: FileAnalysis; spentMs: number }[] = [];

  const files: FileUnit[] = [];
  const budgetMs = fileTimeBudgetMs(config.fileTimeBudgetMs);
  let analysed = 0;
  for (const f of analysable) {
    const sf = f.sourceFile;
    const t0 = performance.now();
    const reused = cache?.cachedAnalysis(f.path, sf);
    if (reused) {
      files.push({ path: f.path, rel: rel(f.path), sf, analysis: reused.analysis, spentMs: reused.spentMs });
      analysed++;
      options.onProgress?.(analysed, analysable.length);
      continue;
    }
    try {
      // The walks of core's analysis look at the clock and stop this file at its budget (core's
      // analyse/budget.ts): a file over it is reported with what it cost, and left out (its findings
      // and its calls), and the scan goes on.
      // The clock is read every few thousand steps, so an analysis may end a little past the budget:
      // over is over, whichever way it ended.
      const analysis = withinBudget(budgetMs, () => analyseSourceFile(sf, env));
      const spentMs = performance.now() - t0;
      if (spentMs > budgetMs) {
        lost(f.path, overBudgetMessage(spentMs, budgetMs));
        timeDependent = true;
      } else {
        files.push({ path: f.path, rel: rel(f.path), sf, analysis, spentMs });
        fresh.push({ sf, analysis, spentMs });
      }
    } catch (error) {
      timeDependent = true;
      if (error instanceof AnalysisBudgetExceeded) lost(f.path, overBudgetMessage(performance.now() - t0, budgetMs));
      // Nesting deeper than the call stack (generated expressions thousands of levels deep) is the input's limit, not a bug.
      else if (error instanceof RangeError && /call stack/i.test(error.message)) lost(f.path, 'nested too deeply to analyse (the call stack ran out); its findings are skipped');
      // An analyser crash on one file must not lose the whole scan; it is reported like a parse error.
      else lost(f.path, `internal error while analysing: ${(error as Error).message?.split('\n')[0] ?? String(error)}`);
    }
    analysed++;
    options.onProgress?.(analysed, analysable.length);
  }
  // Kept only now, outside the analysis's error handling: a cache problem must never cost a file.
  for (const f of fresh) cache?.storeAnalysis(f.sf.fileName, f.sf, f.analysis, f.spentMs);
  let checker: TS.TypeChecker | undefined;
  const ctx: ProgramContext = {
    root, env, files,
    byPath: new Map(files.map((f) => [f.path, f])),
    known: new Set(program.files.map((f) => f.path)),
    mappingFor,
    packages,
    budgetMs,
    // Binding the whole program is shared work: not charged to the file whose call first asks for it.
    checker: () => (checker ??= offTheClock(() => program.checker())),
  };

  let judged: ReturnType<typeof analyseProgram>;
  try {
    judged = analyseProgram(ctx);
  } catch (error) {
    timeDependent = true;
    errors.push({ file: '.', message: `internal error in the whole-program analysis, reporting per-file findings only: ${String((error as Error).message ?? error).split('\n')[0]}` });
    judged = localOnly(ctx);
  }
  for (const unit of judged.overBudget ?? []) {
    lost(unit.path, overBudgetMessage(unit.spentMs, budgetMs));
    timeDependent = true;
  }
  const raws: RawFinding[] = judged.findings;
  debugSinks(judged.outcomes);
  const k8s = scanKubernetes(walked.yaml, rel);
  raws.push(...k8s.findings);
  errors.push(...k8s.errors);
  try {
    raws.push(...scanRls(schemaTexts, rlsCodeFiles(files, onlyFiles ? walked.sources.filter((p) => !ctx.byPath.has(p)) : [], rel), config, dataModel));
  } catch (error) {
    timeDependent = true;
    errors.push({ file: '.', message: `internal error in the row-level security check, its findings are missing: ${String((error as Error).message ?? error).split('\n')[0]}` });
  }

  const only = onlyFiles ? new Set(onlyFiles.map(rel)) : undefined;
  const findings = finalise(only ? raws.filter((r) => only.has(r.file)) : raws, config, (model) => fixOptionsFor(env, model));
  const outcomes = only ? judged.outcomes.filter((o) => only.has(o.file)) : judged.outcomes;
  const byFile = (a: ScanError, b: ScanError): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.message < b.message ? -1 : 1);
  for (const problem of cache?.problems ?? []) errors.push({ file: '.', message: problem });
  errors.sort(byFile);
  notAnalysed.sort(byFile);
  const result: CachedScan = {
    root,
    filesScanned: files.length - (judged.overBudget?.length ?? 0) + k8s.filesScanned,
    findings,
    errors,
    suppressed: 0,
    coverage: { ...judged.coverage, filesNotAnalysed: notAnalysed.length, notAnalysed },
    ...(options.sinkOutcomes && { sinkOutcomes: outcomes }),
    fixOptions: fixOptionsFor(env),
  };
  if (cache && !timeDependent) {
    cache.storeResult(result);
    // The ESLint rules read the verdicts of a scan of the whole code base, suppression comments applied.
    if (!onlyFiles) cache.writeLintView(withoutAccepted({ ...result, durationMs: 0 }, true, undefined), files.map((f) => ({ path: f.path, rel: f.rel, text: f.sf.text })));
  }
  const accepted = accept(result);
  return cache ? { ...accepted, cacheUse: { resultReused: false, filesAnalysed: cache.stats.analysed, filesReused: cache.stats.reused } } : accepted;
}
