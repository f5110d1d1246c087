import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigFile } from '@tenant-audit/core';
import { readBaseline, writeBaseline, type BaselineEntry } from '../baseline/file.js';
import type { ScanResult } from '../model.js';
import { emptyCoverage } from '../analysis/coverage.js';
import { scanBoundary } from '../program/boundary.js';
import { REPORTERS, sourceLinesFrom } from '../report/index.js';
import { printable } from '../report/printable.js';
import type { ScanFunction } from './engine.js';
import { UsageError } from '../errors.js';
import { exitCodeFor } from './exit.js';
import { EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { explainCommand } from './explain-command.js';
import { reportFailure } from './fail.js';
import { allowsIncomplete, incompleteMessage, notAnalysedSummary } from './incomplete.js';
import { initCommand } from './init-command.js';
import type { CliIo } from './io.js';
import type { CliOptions } from './options.js';
import { checkPaths, checkReadable } from './paths.js';
import { printConfigText } from './print-config.js';
import { InfoShown, parseArgs } from './program.js';
import { NO_PROGRESS, terminalProgress } from './progress.js';
import { restrictToFiles, selectFiles } from './select.js';
import { TOOL_NAME, toolVersion } from './version.js';

function isConfigError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ConfigError';
}

/** Checks that can fail in a second, before a scan that can take a minute. */
function preflight(options: CliOptions, cwd: string): void {
  checkPaths(options.paths, cwd);
  if (options.project !== undefined) checkReadable(options.project, cwd, '--project tsconfig');
  // The engine loads the config again; validating an explicit file here gives the same ConfigError early.
  if (options.config !== undefined) loadConfigFile(resolve(cwd, options.config));
}

/**
 * Colour on a terminal; FORCE_COLOR (non-zero) forces it into pipes (CI logs render ANSI), while
 * NO_COLOR or FORCE_COLOR=0 turn it off everywhere.
 */
function wantsColor(io: CliIo): boolean {
  const force = io.env.FORCE_COLOR;
  if (force === '0' || force === 'false' || 'NO_COLOR' in io.env) return false;
  if (force !== undefined && force !== '') return true;
  return io.stdoutIsTTY;
}

function emptyResult(cwd: string): ScanResult {
  return { root: cwd, filesScanned: 0, durationMs: 0, findings: [], errors: [], suppressed: 0, coverage: emptyCoverage() };
}

async function scanSelected(options: CliOptions, io: CliIo, scan: ScanFunction, baseline: readonly BaselineEntry[] | undefined): Promise<ScanResult> {
  const onlyFiles = selectFiles(options, io.cwd);
  // Nothing changed (a docs-only commit): no need to load the program at all.
  if (onlyFiles && onlyFiles.length === 0) return emptyResult(io.cwd);
  const showProgress = options.progress && !options.quiet && io.stderrIsTTY;
  const progress = showProgress ? terminalProgress(io.stderr) : NO_PROGRESS;
  progress.start();
  try {
    const result = await scan({
      paths: options.paths,
      cwd: io.cwd,
      ...(options.config !== undefined && { configFile: resolve(io.cwd, options.config) }),
      ...(options.project !== undefined && { project: resolve(io.cwd, options.project) }),
      ...(onlyFiles && { onlyFiles }),
      ...(options.followExternalSymlinks && { followExternalSymlinks: true }),
      ...(options.cache !== false && { cacheLocation: options.cache }),
      ...(baseline && { baseline }),
      ...(showProgress && { onProgress: (done: number, total: number) => progress.update(done, total) }),
    });
    return { ...result, findings: restrictToFiles(result.root, result.findings, onlyFiles) };
  } finally {
    progress.clear();
  }
}

async function run(options: CliOptions, io: CliIo, loadScan: () => Promise<ScanFunction>, version: string): Promise<number> {
  preflight(options, io.cwd);
  if (options.printConfig) {
    io.stdout(printConfigText(options, io.cwd, io.env));
    return EXIT_OK;
  }
  // Read before the scan: a missing baseline should fail in a second, not after a minute. The engine
  // drops suppressed and baselined findings; the CLI only selects, formats and picks the exit code.
  const baseline = options.baseline !== undefined && !options.updateBaseline ? readBaseline(resolve(io.cwd, options.baseline)) : undefined;
  // Loading the engine pulls in the TypeScript compiler (about a second): only after the cheap checks.
  const result = await scanSelected(options, io, await loadScan(), baseline);
  const finishedAt = new Date();
  const { findings, errors } = result;

  if (options.updateBaseline && options.baseline !== undefined) {
    const path = resolve(io.cwd, options.baseline);
    const count = writeBaseline(path, findings);
    if (!options.quiet) io.stderr(`tenant-audit: wrote ${count} finding${count === 1 ? '' : 's'} to baseline ${options.baseline}\n`);
    // Still exit 0 (the baseline was asked for), but a file that was not read holds no accepted finding.
    if (result.coverage.filesNotAnalysed > 0) io.stderr(`tenant-audit: warning: ${notAnalysedSummary(result)}; what they hold is not in the baseline\n`);
    return EXIT_OK;
  }

  const allowIncomplete = allowsIncomplete(options.allowIncomplete, result, options.config === undefined ? undefined : resolve(io.cwd, options.config));
  // Pretty goes to a terminal: problems there are warnings on stderr; the other formats carry them.
  if (options.format === 'pretty' && !options.quiet) {
    for (const e of errors) io.stderr(`tenant-audit: warning: ${printable(e.file)}: ${printable(e.message)}\n`);
  }
  const text = REPORTERS[options.format]({
    tool: { name: TOOL_NAME, version },
    result,
    failOn: options.failOn,
    // Code frames read only inside the boundary the scan kept to.
    source: sourceLinesFrom(result.root, scanBoundary(result.root, options.followExternalSymlinks)),
    quiet: options.quiet,
    color: options.format === 'pretty' && options.output === undefined && wantsColor(io),
    allowIncomplete,
    finishedAt,
  });
  if (options.output !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, options.output), text);
    } catch (error) {
      throw new UsageError(`cannot write --output ${options.output} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else io.stdout(text);
  // Fail closed: a leak in a file that was never read is not "no finding". The report is written
  // first, so CI still gets it.
  if (result.coverage.filesNotAnalysed > 0 && !allowIncomplete) {
    reportFailure(io, incompleteMessage(result));
    return EXIT_INCOMPLETE;
  }
  return exitCodeFor(findings, options.failOn);
}

/**
 * The whole CLI: argv (without node and script) in, exit code out. Every failure becomes one
 * `tenant-audit: …` line on stderr and exit 2 (so does a scan that could not analyse some source
 * files, unless accepted); findings decide between 0 and 1.
 */
export async function main(argv: string[], io: CliIo, loadScan: () => Promise<ScanFunction>): Promise<number> {
  let version = '0.0.0';
  try {
    version = toolVersion();
    // Subcommands by their first word; anything else is a scan (`./init` scans a folder named init).
    if (argv[0] === 'init') return initCommand(argv.slice(1), io);
    if (argv[0] === 'explain') return await explainCommand(argv.slice(1), io, loadScan);
    const options = parseArgs(argv, version, io.stdout);
    return await run(options, io, loadScan, version);
  } catch (error) {
    if (error instanceof InfoShown) return EXIT_OK;
    if (error instanceof UsageError) reportFailure(io, error.message, error);
    else if (isConfigError(error)) reportFailure(io, `config error: ${error.message}`, error);
    else {
      const message = error instanceof Error ? error.message : String(error);
      const hint = io.env.TENANT_AUDIT_DEBUG === '1' ? '' : ' (set TENANT_AUDIT_DEBUG=1 for the stack trace)';
      reportFailure(io, `internal error: ${message}${hint}`, error);
    }
    return EXIT_USAGE;
  }
}
