import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { FAIL_ON, FORMATS, type FailOn, type Format } from '../report/types.js';
import { DEFAULT_CACHE_DIR } from '@tenant-audit/core';
import type { CliOptions } from './options.js';

/** What commander did instead of parsing: printed help or the version (exit 0). */
export class InfoShown extends Error {}

interface RawOptions {
  format: Format;
  output?: string;
  failOn: FailOn;
  config?: string;
  project?: string;
  baseline?: string;
  updateBaseline?: boolean;
  changed?: string | true;
  staged?: boolean;
  progress: boolean;
  quiet?: boolean;
  allowIncomplete?: boolean;
  followExternalSymlinks?: boolean;
  printConfig?: boolean;
  cache: boolean;
  cacheLocation?: string;
}

/**
 * The subcommands, dispatched by main() on the first argument before this parser runs (a scan's paths
 * are free-form, so commander's own subcommands would take a folder named like one for the command).
 */
const COMMANDS_HELP = `
Commands:
  tenant-audit init [path] [--force]                 detect the ORM, frameworks and tenant fields; write tenant-audit.config.json
  tenant-audit explain <fingerprint|file:line> [paths...]  say why a finding was reported, or how the data access on a line was judged

Run \`tenant-audit <command> --help\` for a command's options. To scan a folder named like a command, write ./init.
`;

function build(version: string, writeOut: (s: string) => void): Command {
  return quietCommand('tenant-audit', writeOut)
    .description('Find cross-tenant data leaks in multi-tenant TypeScript code.')
    .argument('[paths...]', 'folders, files or globs to scan', ['.'])
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('pretty'))
    .option('--output <file>', 'write the report to FILE instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON).default('P1'))
    .option('--config <file>', 'config file (default: tenant-audit.config.json or package.json#tenantAudit at the root)')
    .option('--project <tsconfig>', 'tsconfig.json that defines the program')
    .option('--baseline <file>', 'ignore findings whose fingerprint is in FILE')
    .option('--update-baseline', 'write the current findings to the baseline file and exit 0')
    .option('--changed [ref]', 'report only files changed since REF (default: merge base with the default branch)')
    .option('--staged', 'report only files staged for commit')
    .option('--no-progress', 'never show progress')
    .option('--quiet', 'no progress or warnings on stderr; pretty output lists findings only')
    .option('--allow-incomplete', 'exit by the findings even when some source files could not be analysed (default: exit 2)')
    .option('--follow-external-symlinks', 'follow symlinks that leave the scan root (or its git work tree); default: report them, read nothing')
    .option('--cache-location <dir>', `keep analysis facts between runs in DIR (default: ${DEFAULT_CACHE_DIR} where the config applies)`)
    .option('--no-cache', 'neither read nor write the cache: analyse every file afresh')
    .option('--print-config', 'print the effective config as JSON and where each key came from, then exit 0 without scanning')
    .version(version, '-V, --version', 'print the version')
    .addHelpText('after', COMMANDS_HELP);
}

/** Output and errors as every command of the CLI has them: commander prints help only, we print errors. */
export function quietCommand(name: string, writeOut: (s: string) => void): Command {
  return new Command()
    .name(name)
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      writeOut,
      // Commander's own errors ("error: unknown option '--x'") become our single stderr line; the
      // caller prints it, so nothing is written here.
      writeErr: () => undefined,
      outputError: () => undefined,
    });
}

/** Runs commander on argv (without node and script); help and version become InfoShown, errors UsageError. */
export function parseCommand(program: Command, argv: string[]): void {
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        throw new InfoShown();
      }
      throw new UsageError(error.message.replace(/^error: /, '').split('\n')[0] ?? error.message);
    }
    throw error;
  }
}

/** Parses argv (without node and script) into validated options; throws UsageError or InfoShown. */
export function parseArgs(argv: string[], version: string, writeOut: (s: string) => void): CliOptions {
  const program = build(version, writeOut);
  parseCommand(program, argv);
  const raw = program.opts<RawOptions>();
  const paths = (program.processedArgs[0] as string[] | undefined) ?? ['.'];
  if (raw.changed !== undefined && raw.staged) throw new UsageError('--changed and --staged cannot be combined');
  if (raw.updateBaseline && !raw.baseline) throw new UsageError('--update-baseline needs --baseline FILE (the file to write)');
  // A baseline written from a partial scan would silently forget every accepted finding elsewhere.
  if (raw.updateBaseline && (raw.changed !== undefined || raw.staged)) throw new UsageError('--update-baseline needs a full scan; drop --changed / --staged');
  if (raw.cacheLocation !== undefined && !raw.cache) throw new UsageError('--cache-location and --no-cache cannot be combined');
  for (const [flag, value] of [['--output', raw.output], ['--config', raw.config], ['--project', raw.project], ['--baseline', raw.baseline], ['--cache-location', raw.cacheLocation]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a non-empty file name`);
  }
  return {
    paths: paths.length > 0 ? paths : ['.'],
    format: raw.format,
    output: raw.output,
    failOn: raw.failOn,
    config: raw.config,
    project: raw.project,
    baseline: raw.baseline,
    updateBaseline: raw.updateBaseline === true,
    changed: raw.changed,
    staged: raw.staged === true,
    progress: raw.progress,
    quiet: raw.quiet === true,
    allowIncomplete: raw.allowIncomplete === true,
    followExternalSymlinks: raw.followExternalSymlinks === true,
    printConfig: raw.printConfig === true,
    cache: raw.cache ? raw.cacheLocation ?? true : false,
  };
}
