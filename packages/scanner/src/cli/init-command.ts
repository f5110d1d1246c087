/** `tenant-audit init [path] [--force]`: argument parsing; the work is in ../init/run.ts. */
import { runInit } from '../init/run.js';
import { EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { parseCommand, quietCommand } from './program.js';

export function initCommand(argv: string[], io: CliIo): number {
  const program = quietCommand('tenant-audit init', io.stdout)
    .description('Detect the ORM(s), frameworks and tenant field names of a code base, write a commented tenant-audit.config.json there, and print the matching ESLint config.')
    .argument('[path]', 'the project folder (where the config is written)', '.')
    .option('--force', 'overwrite an existing tenant-audit.config.json');
  parseCommand(program, argv);
  const path = (program.processedArgs[0] as string | undefined) ?? '.';
  const force = program.opts<{ force?: boolean }>().force === true;
  io.stdout(runInit({ path, force }, io.cwd));
  return EXIT_OK;
}
