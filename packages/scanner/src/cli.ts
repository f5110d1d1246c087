#!/usr/bin/env node
/** The `tenant-audit` bin: wires the real process and the real engine into the CLI. */
import { loadEngine } from './cli/engine.js';
import { processIo } from './cli/io.js';
import { main } from './cli/main.js';

// exitCode rather than process.exit(): a large report piped to stdout must finish flushing.
process.exitCode = await main(process.argv.slice(2), processIo(), loadEngine);
