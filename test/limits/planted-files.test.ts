/**
 * The limit suite's behaviour half: hostile files planted in one project, scanned by the real CLI with
 * a small per-file budget. Each file ends the way its notice says (over budget, skipped as minified,
 * too large, too deep), the findings of every other file are still reported, and the run fails closed
 * (exit 2) for what was not analysed. The time half (no file costs more than its budget plus 2 s) is
 * measured in `npm run bench -- --limits` (bench/limits/run.mjs): timings belong in benchmarks, not tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, tempProject } from '../../packages/scanner/test/cli/helpers/cli.js';
import type { ScanOptions, ScanResult } from '../../packages/scanner/src/index.js';
// @ts-expect-error -- plain JavaScript shared with the bench
import * as planted from '../../bench/limits/planted.mjs';

interface Report {
  findings: { file: string }[];
  errors: { file: string; message: string }[];
  summary: { coverage: { notAnalysed: { file: string }[] } };
}

const OVER_BUDGET = /^analysis took \d+(\.\d+)? (ms|s), over the 300 ms per-file budget \(fileTimeBudgetMs\); its findings are skipped$/;
const OK = 'declare const prisma: any;\nexport async function load(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\n';

let report: Report;
let code: number | null;

beforeAll(() => {
  ensureBuilt();
  const dir = tempProject({
    'schema.prisma': planted.SCHEMA,
    'src/ok.ts': OK,
    'src/giant.ts': planted.giantFunction(3_900_000),
    'src/bundle.js': planted.minifiedBundle(4_000_000),
    'src/ten-megabytes.ts': planted.dataRows(10_000_000),
    'src/deep.ts': planted.deepNesting(3_000),
    'src/nested.ts': planted.deepNesting(300),
    'src/chain.ts': planted.longChain(20_000),
    'src/concat.ts': planted.longConcatenation(20_000),
  });
  const run = runCli([dir, '--format', 'json', '--no-progress'], { env: { TENANT_AUDIT_FILE_BUDGET_MS: '300' } });
  code = run.code;
  report = JSON.parse(run.stdout) as Report;
}, 120_000);

describe('planted hostile files', () => {
  it('each hostile file is one errors entry saying what became of it', () => {
    const byFile = Object.fromEntries(report.errors.map((e) => [e.file, e.message]));
    expect(byFile).toEqual({
      'src/giant.ts': expect.stringMatching(OVER_BUDGET),
      'src/chain.ts': expect.stringMatching(OVER_BUDGET),
      'src/bundle.js': expect.stringMatching(/^skipped as generated: minified code \(one line of \d+ characters\)/),
      'src/ten-megabytes.ts': expect.stringMatching(/^file too large \(\d+ KiB\), skipped$/),
      'src/deep.ts': 'cannot parse: Maximum call stack size exceeded',
      'src/concat.ts': 'nested too deeply to analyse (the call stack ran out); its findings are skipped',
    });
  });

  it('the rest is analysed: the plain file and the deep-but-parsable file are reported', () => {
    expect([...new Set(report.findings.map((f) => f.file))].sort()).toEqual(['src/nested.ts', 'src/ok.ts']);
  });

  it('fails closed: every file not analysed is in the coverage and the run exits 2; the minified bundle is a notice only', () => {
    expect(report.summary.coverage.notAnalysed.map((e) => e.file).sort()).toEqual(['src/chain.ts', 'src/concat.ts', 'src/deep.ts', 'src/giant.ts', 'src/ten-megabytes.ts']);
    expect(code).toBe(2);
  });
});

describe('many files', () => {
  // 3,000 here keeps the suite fast on a loaded CI machine; `npm run bench -- --limits` times 20,000.
  it('3,000 files finish with every finding and no error', () => {
    const dir = tempProject({ 'schema.prisma': planted.SCHEMA, ...(planted.manySmallFiles(3_000) as Record<string, string>) });
    // Megabytes of JSON: written to a file, not piped.
    const run = runCli([dir, '--format', 'json', '--no-progress', '--output', join(dir, 'report.json')]);
    expect(run.code).toBe(1);
    const many = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(many.errors).toEqual([]);
    expect(many.findings).toHaveLength(3_000);
  }, 150_000);
});

describe('generated hostile programs (fast-check)', () => {
  let scan: (options: ScanOptions) => Promise<ScanResult>;
  beforeAll(async () => {
    ({ scan } = (await import('../../packages/scanner/dist/index.js')) as { scan: typeof scan });
  });

  const shapes = {
    giant: (n: number) => planted.giantFunction(n * 40_000),
    handlers: (n: number) => planted.manyHandlers(n * 40_000),
    minified: (n: number) => planted.minifiedBundle(n * 40_000),
    nesting: (n: number) => planted.deepNesting(n * 60),
    chain: (n: number) => planted.longChain(n * 400),
    object: (n: number) => planted.hugeObject(n * 800),
    concat: (n: number) => planted.longConcatenation(n * 400),
  } as Record<string, (n: number) => string>;
  const projectArb = fc.array(fc.record({ shape: fc.constantFrom(...Object.keys(shapes)), size: fc.integer({ min: 1, max: 25 }) }), { minLength: 1, maxLength: 4 });

  it('a tight budget never crashes a scan: every file is analysed, or is one errors entry with a known reason', async () => {
    const KNOWN = /^(analysis took .* per-file budget|skipped as generated: |cannot parse: Maximum call stack|nested too deeply to analyse)/;
    let n = 0;
    await fc.assert(fc.asyncProperty(projectArb, async (files) => {
      const dir = tempProject({ 'schema.prisma': planted.SCHEMA, 'src/ok.ts': OK, 'tenant-audit.config.json': '{ "fileTimeBudgetMs": 300 }' });
      files.forEach((f, i) => {
        const path = join(dir, `src/${f.shape}${i}.${f.shape === 'minified' ? 'js' : 'ts'}`);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, (shapes[f.shape] as (n: number) => string)(f.size));
      });
      const result = await scan({ paths: [dir], cwd: dir });
      n++;
      for (const e of result.errors) expect(e.message).toMatch(KNOWN);
      // The one plain file is always reported: nothing hostile beside it hides it.
      expect(result.findings.some((f) => f.file === 'src/ok.ts')).toBe(true);
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 6), seed: Number(process.env.FUZZ_SEED ?? 18) });
    expect(n).toBeGreaterThan(0);
  }, 300_000);
});
