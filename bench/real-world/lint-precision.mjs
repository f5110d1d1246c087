#!/usr/bin/env node
/**
 * Lint precision on a real code base: the plugin's `flat/recommended` rules, no type information,
 * one file at a time, in both modes at once: the default (by-id reads whose id is a parameter left to
 * the callers) and `reportParameterIds: true` (every such read reported, the rules' earlier behaviour).
 * The plugin is loaded twice under two prefixes; both share one analysis per file (the option is the
 * plugin's own and does not enter core's config), so the counts differ by exactly what the mode decides.
 *
 *   node bench/real-world/lint-precision.mjs <checkout> --out <file.json> [--config '{"tenantFields":["projectId"]}']
 *   node bench/real-world/lint-precision.mjs --sample <file.json> [--n 15] [--seed 1]
 *
 * Source files only: *.ts / *.tsx outside node_modules, build output and tests. Build first:
 * npx tsc -b packages/core packages/eslint-plugin
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.next', '.turbo', '.git', 'coverage', 'out', '__tests__', '__mocks__', '__e2e__', 'test', 'tests', 'e2e', 'playwright']);
const TEST_FILE = /\.(test|spec|servertest|clienttest)\.tsx?$/;

function listSourceFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(join(d, e.name)); }
      else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') && !TEST_FILE.test(e.name)) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

const sampleFile = flag('sample');
if (sampleFile) {
  // A seeded hash of file:line:rule ranks the default mode's problems; the first n are the sample.
  const n = Number(flag('n') ?? 15);
  const seed = flag('seed') ?? '1';
  const rows = readFileSync(sampleFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.file);
  const problems = rows.flatMap((r) => r.after.map((m) => ({ file: r.file, ...m })));
  const rank = (p) => createHash('sha256').update(`${seed}:${p.file}:${p.line}:${p.column}:${p.ruleId}`).digest('hex');
  const picked = problems.map((p) => ({ p, h: rank(p) })).sort((a, b) => a.h.localeCompare(b.h)).slice(0, n).map((x) => x.p);
  for (const [i, p] of picked.entries()) process.stdout.write(`L${i + 1}\t${p.file}:${p.line}\t${p.ruleId}\t${p.message}\n`);
  process.exit(0);
}

const checkout = args[0];
const out = flag('out');
if (!checkout || !out) { process.stderr.write('usage: lint-precision.mjs <checkout> --out <file.jsonl> [--config JSON]\n'); process.exit(2); }
const { ESLint } = await import('eslint');
const plugin = (await import('eslint-plugin-tenant-isolation')).default;
const recommended = plugin.configs['flat/recommended'];
const settings = { tenantIsolation: flag('config') ? JSON.parse(flag('config')) : {} };
const BEFORE = 'report-parameter-ids';
const beforeRules = Object.fromEntries(Object.entries(recommended.rules).map(([id, level]) =>
  [id.replace('tenant-isolation/', `${BEFORE}/`), [level, { reportParameterIds: true }]]));
const eslint = new ESLint({
  cwd: checkout,
  overrideConfigFile: true,
  overrideConfig: [
    { ...recommended, files: ['**/*.{ts,tsx}'], settings },
    { files: ['**/*.{ts,tsx}'], plugins: { [BEFORE]: plugin }, rules: beforeRules },
  ],
  cache: false,
  errorOnUnmatchedPattern: false,
});
const files = listSourceFiles(checkout);
writeFileSync(out, JSON.stringify({ total: files.length, config: settings.tenantIsolation }) + '\n');
const started = Date.now();
for (let i = 0; i < files.length; i += 100) {
  const results = await eslint.lintFiles(files.slice(i, i + 100));
  const lines = results.map((r) => {
    const mine = r.messages.filter((m) => m.ruleId?.startsWith('tenant-isolation/') || m.ruleId?.startsWith(`${BEFORE}/`));
    const shape = (m) => ({ ruleId: m.ruleId.replace(`${BEFORE}/`, 'tenant-isolation/'), line: m.line, column: m.column, message: m.message });
    return JSON.stringify({
      file: relative(checkout, r.filePath).split('\\').join('/'),
      before: mine.filter((m) => m.ruleId.startsWith(`${BEFORE}/`)).map(shape),
      after: mine.filter((m) => m.ruleId.startsWith('tenant-isolation/')).map(shape),
      fatal: r.messages.filter((m) => m.fatal).length,
    });
  });
  appendFileSync(out, lines.join('\n') + '\n');
  process.stderr.write(`[lint-precision] ${Math.min(i + 100, files.length)}/${files.length} files, ${Math.round((Date.now() - started) / 1000)} s\n`);
}
appendFileSync(out, JSON.stringify({ done: true, seconds: Math.round((Date.now() - started) / 1000) }) + '\n');
