/**
 * `npm run bench` (after `npm run build`): the scanner bench, then the ESLint plugin's bench when
 * bench/eslint.mjs exists. Arguments pass through to both (e.g. `npm run bench -- --large`).
 * `npm run bench -- --real-fixes [options]` runs the real-fix recall benchmark instead, and
 * `npm run bench -- --limits` the time half of the limit suite (hostile files against the per-file budget).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
// `--real-fixes` runs only the real-fix recall benchmark (it needs fetched snapshots, see bench/real-fixes/README.md).
const scripts = args.includes('--real-fixes') ? ['real-fixes/run.mjs'] : args.includes('--limits') ? ['limits/run.mjs'] : ['scanner/cli.mjs', 'eslint.mjs'];
let failed = false;
for (const script of scripts) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  if (!existsSync(path)) continue;
  const run = spawnSync(process.execPath, [path, ...args], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench: ${script} exited ${run.status}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
