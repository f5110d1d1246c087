/** `tenant-audit explain <fingerprint|file:line> [paths...]`: argument parsing and where the findings come from. */
import { resolve } from 'node:path';
import { explainTarget, parseTarget } from '../explain/explain.js';
import { readReportFindings } from '../explain/report-file.js';
import { applySuppressions } from '../suppress/apply.js';
import type { ScanFunction } from './engine.js';
import { UsageError } from '../errors.js';
import { EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { checkPaths, checkReadable } from './paths.js';
import { parseCommand, quietCommand } from './program.js';

interface ExplainRaw {
  from?: string;
  config?: string;
  project?: string;
  followExternalSymlinks?: boolean;
}

export async function explainCommand(argv: string[], io: CliIo, loadScan: () => Promise<ScanFunction>): Promise<number> {
  const program = quietCommand('tenant-audit explain', io.stdout)
    .description('Say why a finding was reported (kind, severity, trace from the entry point to the data access, what decided it), or how the data access on FILE:LINE was judged.')
    .argument('<target>', 'a finding\'s fingerprint (or a unique prefix of at least 8 characters), or FILE:LINE')
    .argument('[paths...]', 'folders, files or globs to scan (as for a scan)', ['.'])
    .option('--from <report.json>', 'read the findings from a JSON report (--format json) instead of scanning')
    .option('--config <file>', 'config file (as for a scan)')
    .option('--project <tsconfig>', 'tsconfig.json that defines the program (as for a scan)')
    .option('--follow-external-symlinks', 'follow symlinks that leave the scan root (as for a scan)');
  parseCommand(program, argv);
  const raw = program.opts<ExplainRaw>();
  const target = parseTarget(program.processedArgs[0] as string);
  const paths = (program.processedArgs[1] as string[] | undefined) ?? ['.'];
  if (raw.from !== undefined) {
    if (raw.config !== undefined || raw.project !== undefined) throw new UsageError('--from reads a finished report: --config and --project do not apply');
    const report = readReportFindings(resolve(io.cwd, raw.from), raw.from);
    io.stdout(explainTarget(target, { root: report.root, findings: report.findings, fromReport: raw.from }, io.cwd));
    return EXIT_OK;
  }
  checkPaths(paths, io.cwd);
  if (raw.project !== undefined) checkReadable(raw.project, io.cwd, '--project tsconfig');
  const scan = await loadScan();
  const result = await scan({
    paths,
    cwd: io.cwd,
    sinkOutcomes: true,
    // Explain shows silenced findings too (marked as such), so it asks for all of them.
    applySuppressions: false,
    ...(raw.config !== undefined && { configFile: resolve(io.cwd, raw.config) }),
    ...(raw.project !== undefined && { project: resolve(io.cwd, raw.project) }),
    ...(raw.followExternalSymlinks && { followExternalSymlinks: true }),
  });
  const kept = new Set(applySuppressions(result.root, result.findings).kept.map((f) => f.fingerprint));
  const silenced = new Set(result.findings.filter((f) => !kept.has(f.fingerprint)).map((f) => f.fingerprint));
  io.stdout(explainTarget(target, { root: result.root, findings: result.findings, outcomes: result.sinkOutcomes ?? [], silenced }, io.cwd));
  return EXIT_OK;
}
