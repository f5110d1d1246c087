#!/usr/bin/env node
/**
 * Overhead of eslint-plugin-tenant-isolation's recommended config over a parse-only baseline.
 *
 *   node bench/eslint.mjs [--files 1000] [--typed-files 200] [--runs 5]
 *
 * Generates a code base of routes / services / repositories into a temp dir, then lints it with
 * ESLint 9 (flat config) in fresh child processes, alternating:
 *   baseline: @typescript-eslint/parser, no rules      vs   recommended: the same + the plugin's rules
 * first without type information, then with `projectService` on a smaller set. Reports medians.
 * A fourth mode, `cached`, lints with the recommended rules reading the verdicts of a `tenant-audit`
 * scan made before the runs (the plugin's second mode: files whose scan found nothing skip the analysis).
 * Build first: npx tsc -b packages/core packages/eslint-plugin
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const SCANNER = fileURLToPath(new URL('../packages/scanner/bin/tenant-audit.js', import.meta.url));

if (process.argv[2] === '--child') {
  const [, , , dir, mode, typed] = process.argv;
  const { ESLint } = await import('eslint');
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const plugin = (await import('eslint-plugin-tenant-isolation')).default;
  const parserOptions = typed === 'typed' ? { projectService: true, tsconfigRootDir: dir } : {};
  // noop: one rule with an empty Program listener, i.e. what ESLint itself costs once any rule is on.
  const noop = { rules: { noop: { meta: { type: 'problem', schema: [] }, create: () => ({ Program() {} }) } } };
  const config = mode === 'recommended' || mode === 'cached'
    ? [plugin.configs['flat/recommended'], { languageOptions: { parserOptions } },
      // cached: the rules read the verdicts of a scan made before the runs (the plugin's second mode).
      { settings: { tenantIsolationCache: mode === 'cached' ? join(dir, '.ta-cache') : false } }]
    : mode === 'noop'
      ? [{ files: ['**/*.ts'], plugins: { bench: noop }, languageOptions: { parser: tsParser, parserOptions }, rules: { 'bench/noop': 'error' } }]
      : [{ files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions } }];
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, cache: false });
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const results = await eslint.lintFiles(['src']);
  const cpu = process.cpuUsage(cpuStart);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const problems = results.reduce((n, r) => n + r.messages.length, 0);
  // CPU time is what the rules add; wall time on a shared 2-core machine mostly measures the neighbours.
  process.stdout.write(JSON.stringify({ ms: (cpu.user + cpu.system) / 1000, wall, files: results.length, problems }));
  process.exit(0);
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 1000);
const TYPED_FILES = arg('typed-files', 200);
const RUNS = arg('runs', 5);

/** Three layers per feature; roughly one planted gap per ten files, the rest look-alikes. */
function route(i) {
  return `import { Router } from 'express';
import { getItem${i}, listItems${i}, updateItem${i} } from '../services/service${i}.js';
import { requireTenantId } from '@tenant-audit/runtime';

export const router${i} = Router();

router${i}.get('/items${i}', async (req, res) => {
  const items = await listItems${i}(requireTenantId(), Number(req.query.limit ?? 20));
  res.json(items.map((item) => ({ id: item.id, title: item.title })));
});

router${i}.get('/items${i}/:id', async (req, res) => {
  const item = await getItem${i}(req.params.id);
  if (!item) return res.status(404).end();
  res.json(item);
});

router${i}.put('/items${i}/:id', async (req, res) => {
  const { title, body } = req.body as { title: string; body: string };
  const updated = await updateItem${i}(requireTenantId(), req.params.id, { title, body });
  res.json(updated);
});
`;
}

function service(i) {
  const gap = i % 10 === 0;
  return `import { getCurrentTenant } from '@tenant-audit/runtime';
import { prisma } from '../db.js';
import { redis } from '../redis.js';
import { tracer } from '../tracing.js';

export interface Item${i} { id: string; tenantId: string; title: string; body: string }

export async function listItems${i}(tenantId: string, limit: number): Promise<Item${i}[]> {
  const cached = await redis.get(\`items:\${tenantId}:${i}:\${limit}\`);
  if (cached) return JSON.parse(cached) as Item${i}[];
  const items = await prisma.document.findMany({ where: { tenantId }, take: limit, orderBy: { title: 'asc' } });
  await redis.set(\`items:\${tenantId}:${i}:\${limit}\`, JSON.stringify(items), 'EX', 60);
  return items as Item${i}[];
}

export async function getItem${i}(id: string): Promise<Item${i} | null> {
  return tracer.startActiveSpan('getItem${i}', async (span) => {
    span.setAttribute('tenant.id', getCurrentTenant().tenantId);
    const item = await prisma.document.findFirst({ where: { id${gap ? '' : ', tenantId: getCurrentTenant().tenantId'} } });
    span.end();
    return item as Item${i} | null;
  });
}

export async function updateItem${i}(tenantId: string, id: string, patch: { title: string; body: string }) {
  const existing = await prisma.document.findFirst({ where: { id, tenantId } });
  if (!existing) throw new Error('not found');
  const title = patch.title.trim().slice(0, 200);
  const body = patch.body.replace(/\\s+/g, ' ');
  return prisma.document.update({ where: { id_tenantId: { id, tenantId } }, data: { title, body } });
}

export function summarise${i}(items: Item${i}[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const word = item.title.split(' ')[0] ?? '';
    counts[word] = (counts[word] ?? 0) + 1;
  }
  return counts;
}
`;
}

function repository(i) {
  return `import type { Pool } from 'pg';
import { withTenantTransaction } from '@tenant-audit/runtime';

export class Repository${i} {
  constructor(private readonly pool: Pool) {}

  async count(tenantId: string): Promise<number> {
    const { rows } = await this.pool.query('SELECT count(*) AS n FROM documents WHERE tenant_id = $1', [tenantId]);
    return Number(rows[0]?.n ?? 0);
  }

  async search(tenantId: string, term: string) {
    return withTenantTransaction(this.pool, tenantId, async (client) => {
      const { rows } = await client.query('SELECT id, title FROM documents WHERE title ILIKE $1 LIMIT 50', [\`%\${term}%\`]);
      return rows.map((r: { id: string; title: string }) => ({ ...r, score: r.title.length }));
    });
  }

  async archive(tenantId: string, ids: string[]): Promise<void> {
    await this.pool.query('UPDATE documents SET archived = true WHERE tenant_id = $1 AND id = ANY($2)', [tenantId, ids]);
  }
}
`;
}

const SHARED = {
  'package.json': '{ "name": "bench-app", "private": true, "type": "module" }',
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true }, include: ['src'] }),
  'prisma/schema.prisma': 'model Document {\n  id String @id\n  tenantId String\n  title String\n  body String\n  @@unique([id, tenantId])\n}\n',
  'src/db.ts': "export const prisma: any = {};\n",
  'src/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\n",
  'src/tracing.ts': "import { trace } from '@opentelemetry/api';\nexport const tracer = trace.getTracer('bench');\n",
};

function generate(count) {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-isolation-bench-'));
  for (const [path, text] of Object.entries(SHARED)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const sub of ['routes', 'services', 'repositories']) mkdirSync(join(dir, 'src', sub), { recursive: true });
  const features = Math.ceil((count - 3) / 3);
  for (let i = 0; i < features; i++) {
    writeFileSync(join(dir, 'src/routes', `route${i}.ts`), route(i));
    writeFileSync(join(dir, 'src/services', `service${i}.ts`), service(i));
    writeFileSync(join(dir, 'src/repositories', `repository${i}.ts`), repository(i));
  }
  return dir;
}

function child(dir, mode, typed, attempt = 0) {
  try {
    const out = execFileSync(process.execPath, [self, '--child', dir, mode, typed], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return JSON.parse(out);
  } catch (error) {
    // A child killed from outside (busy CI box) is retried once rather than losing the whole run.
    if (attempt === 0 && error.signal) return child(dir, mode, typed, 1);
    throw error;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(label, count, typed) {
  const dir = generate(count);
  try {
    child(dir, 'baseline', typed); // warm the file system cache
    // The scanner's cache for the `cached` mode: what a CI job or pre-commit hook leaves behind.
    execFileSync(process.execPath, [SCANNER, dir, '--format', 'json', '--output', join(dir, '.ta-report.json'), '--fail-on', 'none', '--no-progress', '--allow-incomplete', '--cache-location', join(dir, '.ta-cache')]);
    const modes = ['baseline', 'noop', 'recommended', 'cached'];
    const cpu = Object.fromEntries(modes.map((m) => [m, []]));
    const wall = Object.fromEntries(modes.map((m) => [m, []]));
    let info;
    for (let r = 0; r < RUNS; r++) {
      for (const mode of modes) {
        const run = child(dir, mode, typed);
        cpu[mode].push(run.ms);
        wall[mode].push(run.wall);
        if (mode === 'recommended') info = run;
      }
    }
    const b = median(cpu.baseline);
    const n = median(cpu.noop);
    const m = median(cpu.recommended);
    const pct = (x, y) => `${(((x - y) / y) * 100).toFixed(1)} %`;
    const row = (name, mode) =>
      `  ${name.padEnd(34)} ${median(cpu[mode]).toFixed(0).padStart(6)} ms cpu (${median(wall[mode]).toFixed(0)} ms wall)   [${cpu[mode].map((x) => x.toFixed(0)).join(', ')}]`;
    console.log(`${label}: ${info.files} files, ${RUNS} runs per mode (median CPU time of lintFiles; wall time in parentheses)`);
    console.log(row('baseline: parser, no rules', 'baseline'));
    console.log(row('parser + one empty rule', 'noop'));
    console.log(`${row('recommended (9 rules)', 'recommended')}   ${info.problems} problems`);
    console.log(`  overhead of recommended over the no-rules baseline   ${pct(m, b)} cpu (${pct(median(wall.recommended), median(wall.baseline))} wall)`);
    console.log(`    of which ESLint's own cost of running any rule    ${pct(n, b)} cpu`);
    console.log(`    the plugin over an empty rule                     ${pct(m, n)} cpu`);
    const c = median(cpu.cached);
    console.log(`${row('recommended with the scanner\'s cache', 'cached')}`);
    console.log(`  overhead with the cache over the no-rules baseline   ${pct(c, b)} cpu (${pct(median(wall.cached), median(wall.baseline))} wall)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--generate') {
  console.log(generate(Number(process.argv[3] ?? FILES)));
  process.exit(0);
}

console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})`);
measure('without type information', FILES, 'untyped');
measure('with projectService', TYPED_FILES, 'typed');
