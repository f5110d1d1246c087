#!/usr/bin/env node
// Committed launcher for the compiled CLI. npm links a package's bin only when the target exists at
// install time, and dist/ exists only after the build, so the bin points here instead of at dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('tenant-audit: the CLI is not built yet (missing dist/cli.js); run `npm run build` first\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
