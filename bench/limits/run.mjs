/**
 * `npm run bench -- --limits` (after `npm run build`): the time half of the limit suite. Each planted
 * hostile file (bench/limits/planted.mjs) is scanned beside one plain file by the real CLI with a
 * per-file budget of BUDGET_MS; the file's cost is the scan's wall time minus that of the plain file
 * alone. The limit: no file costs more than its budget plus 2 s (parsing a file of up to the 4 MiB
 * cap is part of those 2 s). Then fast-check draws projects of several hostile files at random sizes
 * (fixed seed; LIMITS_RUNS / LIMITS_SEED to change) under the same limit per file, and 20,000 small
 * files are timed. Exits 1 when a limit is broken.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as planted from './planted.mjs';

const CLI = fileURLToPath(new URL('../../packages/scanner/dist/cli.js', import.meta.url));
const BUDGET_MS = 2000;
const SLACK_MS = 2000;
const OK = 'declare const prisma: any;\nexport async function load(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\n';
const base = mkdtempSync(join(tmpdir(), 'ta-limits-'));
let count = 0;

function project(files) {
  const dir = join(base, `p${count++}`);
  for (const [path, text] of Object.entries({ 'schema.prisma': planted.SCHEMA, 'src/ok.ts': OK, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Wall time of one CLI scan (ms) and what became of the files. */
function timeScan(dir) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, dir, '--format', 'json', '--no-progress', '--output', join(dir, 'report.json')], {
    env: { ...process.env, TENANT_AUDIT_FILE_BUDGET_MS: String(BUDGET_MS) }, encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (run.status !== 0 && run.status !== 1 && run.status !== 2) throw new Error(`scan of ${dir} exited ${run.status}: ${run.stderr}`);
  // The report's `errors`: one entry per file skipped, stopped or not analysed, with its reason.
  const notices = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).errors.length;
  return { ms, exit: run.status, notices };
}

/** The plain file alone, best of three: the fixed cost every case is measured against. */
const baseline = Math.min(...[0, 1, 2].map(() => timeScan(project({})).ms));
console.log(`limits: per-file budget ${BUDGET_MS} ms, allowed ${BUDGET_MS + SLACK_MS} ms a file; baseline scan ${Math.round(baseline)} ms\n`);

const cases = [
  ['one function, 3.9 MB of loads and checks', { 'src/x.ts': planted.giantFunction(3_900_000) }],
  ['3.9 MB of handlers', { 'src/x.ts': planted.manyHandlers(3_900_000) }],
  ['4 MB minified bundle', { 'src/x.js': planted.minifiedBundle(4_000_000) }],
  ['10 MB file', { 'src/x.ts': planted.dataRows(10_000_000) }],
  ['3.9 MB of data rows', { 'src/x.ts': planted.dataRows(3_900_000) }],
  ['nesting 300 deep', { 'src/x.ts': planted.deepNesting(300) }],
  ['nesting 3,000 deep', { 'src/x.ts': planted.deepNesting(3000) }],
  ['call chain of 20,000 links', { 'src/x.ts': planted.longChain(20_000) }],
  ['where object of 50,000 keys', { 'src/x.ts': planted.hugeObject(50_000) }],
  ['20,000 concatenations', { 'src/x.ts': planted.longConcatenation(20_000) }],
];

let broken = 0;
const row = (name, ms, files, extra) => {
  const cost = ms - baseline;
  const ok = cost <= files * (BUDGET_MS + SLACK_MS);
  if (!ok) broken++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name.padEnd(44)} ${String(Math.round(cost)).padStart(7)} ms over baseline${extra ? `  ${extra}` : ''}`);
};

for (const [name, files] of cases) {
  const t = timeScan(project(files));
  row(name, t.ms, Object.keys(files).length, `exit ${t.exit}, ${t.notices} errors entr${t.notices === 1 ? 'y' : 'ies'}`);
}

const shapes = {
  giant: (n) => planted.giantFunction(n * 150_000),
  handlers: (n) => planted.manyHandlers(n * 150_000),
  minified: (n) => planted.minifiedBundle(n * 150_000),
  nesting: (n) => planted.deepNesting(n * 60),
  chain: (n) => planted.longChain(n * 800),
  object: (n) => planted.hugeObject(n * 2000),
  concat: (n) => planted.longConcatenation(n * 800),
};
const projectArb = fc.array(fc.record({ shape: fc.constantFrom(...Object.keys(shapes)), size: fc.integer({ min: 1, max: 25 }) }), { minLength: 1, maxLength: 3 });
const drawn = fc.sample(projectArb, { numRuns: Number(process.env.LIMITS_RUNS ?? 8), seed: Number(process.env.LIMITS_SEED ?? 18) });
for (const files of drawn) {
  const name = files.map((f) => `${f.shape}×${f.size}`).join(' + ');
  const tree = Object.fromEntries(files.map((f, i) => [`src/${f.shape}${i}.${f.shape === 'minified' ? 'js' : 'ts'}`, shapes[f.shape](f.size)]));
  const t = timeScan(project(tree));
  row(`random: ${name}`, t.ms, files.length, `exit ${t.exit}`);
}

const many = timeScan(project(planted.manySmallFiles(20_000)));
console.log(`\n20,000 files: ${(many.ms / 1000).toFixed(1)} s, exit ${many.exit}, ${many.notices} errors entries`);

rmSync(base, { recursive: true, force: true });
console.log(broken ? `\nlimits: ${broken} case(s) over budget + ${SLACK_MS} ms` : '\nlimits: every file within its budget + 2 s');
process.exitCode = broken ? 1 : 0;
