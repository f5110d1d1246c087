#!/usr/bin/env node
/**
 * ESLint with the scanner's cache on a real code base: scans it with `tenant-audit` into a scratch
 * cache, lints every .ts / .tsx file the scan analysed with the plugin's `flat/recommended` config
 * pointed at that cache, and compares, file by file, the problems with the scan's findings of the kinds
 * a rule reports. The checkout is only read.
 *
 *   node bench/real-world/lint-cache-agreement.mjs <checkout> [--config '{"tenantFields":["projectId"]}'] [--json out.json]
 *
 * Build first: npx tsc -b packages/core packages/eslint-plugin packages/scanner
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const checkout = args[0] && resolve(args[0]);
if (!checkout) { process.stderr.write('usage: lint-cache-agreement.mjs <checkout> [--config JSON] [--json FILE]\n'); process.exit(2); }
const CLI = fileURLToPath(new URL('../../packages/scanner/bin/tenant-audit.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'ta-lint-cache-'));
const cache = join(scratch, 'cache');
const config = flag('config') ? JSON.parse(flag('config')) : {};
const configFile = join(scratch, 'config.json');
writeFileSync(configFile, JSON.stringify(config));

try {
  const started = Date.now();
  execFileSync(process.execPath, [CLI, checkout, '--format', 'json', '--output', join(scratch, 'report.json'), '--fail-on', 'none',
    '--allow-incomplete', '--no-progress', '--config', configFile, '--cache-location', cache], { stdio: 'inherit' });
  const scanMs = Date.now() - started;
  const report = JSON.parse(readFileSync(join(scratch, 'report.json'), 'utf8'));
  const view = JSON.parse(readFileSync(join(cache, 'lint-view.json'), 'utf8'));
  const files = Object.keys(view.files).filter((f) => /\.tsx?$/.test(f)).sort();

  const expected = new Map();
  for (const f of report.findings) {
    if (!f.ruleId || !/\.tsx?$/.test(f.file)) continue;
    expected.set(f.file, [...(expected.get(f.file) ?? []), `${f.ruleId} ${f.line}:${f.column}`]);
  }

  const { ESLint } = await import('eslint');
  const plugin = (await import('eslint-plugin-tenant-isolation')).default;
  const recommended = plugin.configs['flat/recommended'];
  const eslint = new ESLint({
    cwd: checkout,
    overrideConfigFile: true,
    overrideConfig: [{ ...recommended, files: ['**/*.{ts,tsx}'], settings: { tenantIsolation: config, tenantIsolationCache: cache } }],
    cache: false,
    ignore: false,
    errorOnUnmatchedPattern: false,
  });
  const lintStarted = Date.now();
  const linted = new Map();
  let fatal = 0;
  for (let i = 0; i < files.length; i += 100) {
    for (const r of await eslint.lintFiles(files.slice(i, i + 100).map((f) => join(view.root, f)))) {
      fatal += r.messages.filter((m) => m.fatal).length;
      const mine = r.messages.filter((m) => m.ruleId?.startsWith('tenant-isolation/')).map((m) => `${m.ruleId} ${m.line}:${m.column}`);
      if (mine.length > 0) linted.set(r.filePath.slice(view.root.length + 1), mine);
    }
  }
  const lintMs = Date.now() - lintStarted;
  const mismatches = [];
  for (const file of new Set([...expected.keys(), ...linted.keys()])) {
    const a = [...(expected.get(file) ?? [])].sort();
    const b = [...(linted.get(file) ?? [])].sort();
    if (a.join('|') !== b.join('|')) mismatches.push({ file, scanner: a, eslint: b });
  }
  const summary = {
    checkout, files: files.length, filesWithFindings: expected.size,
    scannerFindings: [...expected.values()].reduce((n, l) => n + l.length, 0),
    eslintProblems: [...linted.values()].reduce((n, l) => n + l.length, 0),
    filesAgreeing: files.length - mismatches.length, mismatches, fatal, scanMs, lintMs,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (flag('json')) writeFileSync(flag('json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.exitCode = mismatches.length === 0 && fatal === 0 ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
