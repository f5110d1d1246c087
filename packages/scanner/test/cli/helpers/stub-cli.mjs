// The real CLI (argument parsing, reporters, suppression, baseline, git) driven by the stub engine.
import { processIo } from '../../../dist/cli/io.js';
import { main } from '../../../dist/cli/main.js';
import { scan } from './stub-engine.mjs';

process.exitCode = await main(process.argv.slice(2), processIo(), async () => scan);
