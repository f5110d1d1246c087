/**
 * The scanner benchmark: for each synthetic size (and/or a real checkout), times the full scan,
 * a `--changed` scan with 5 changed files, and three baselines in the same run: parse-only,
 * ts-morph project load and `tsc --noEmit`. All five run as fresh child processes, so each figure
 * includes Node start-up and module loading the same way.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { HAS_TIME, SCRIPTS, measureNode } from './measure.mjs';
import { listSources } from './sources.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'packages/scanner/dist/cli.js');
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

const TARGETS = { tsmorph: 1.35, tsc: 0.25, changedMs: 5000, warmParse: 1, edited5Parse: 1.5, rssMb: 1024 };

function countLines(files) {
  let lines = 0;
  for (const f of files) lines += readFileSync(f, 'utf8').split('\n').length;
  return lines;
}

function gitQuiet(cwd, ...args) {
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd, stdio: 'ignore' });
}

/** Commits the tree, then edits 5 service files (a new exported function each) for `--changed`. */
function prepareChanged(dir) {
  gitQuiet(dir, 'init', '-q', '-b', 'main');
  gitQuiet(dir, 'add', '-A');
  gitQuiet(dir, 'commit', '-q', '-m', 'base');
  const services = listSources(join(dir, 'src/services')).slice(0, 5);
  services.forEach((file, i) => appendFileSync(file, `\nexport function touched${i}(): number {\n  return ${i};\n}\n`));
  return services.length;
}

/** The `inProcessMs` a baseline script printed on stdout. */
function inner(run) {
  try {
    return JSON.parse(run.stdout.trim().split('\n').at(-1)).inProcessMs;
  } catch {
    return NaN;
  }
}

function recall(report, gaps) {
  const flagged = new Set(report.findings.map((f) => f.file));
  const found = gaps.filter((g) => flagged.has(g.file)).length;
  return { planted: gaps.length, found };
}

/** Measures one code base; `gaps` only for generated ones. */
export function benchOne(label, dir, { tsconfig, gaps, changed = true, repeat = 1, cache = false } = {}) {
  const files = listSources(dir).filter((f) => !f.endsWith('.d.ts'));
  const lines = countLines(files);
  const out = join(mkdtempSync(join(tmpdir(), 'ta-bench-out-')), 'report.json');
  const best = (fn) => {
    let r;
    for (let i = 0; i < repeat; i++) {
      const m = fn();
      if (!r || m.ms < r.ms) r = m;
    }
    return r;
  };
  console.error(`[bench] ${label}: ${files.length} files, ${(lines / 1000).toFixed(1)} kLOC`);
  // The report is read after each run so the in-process time belongs to the run that is kept.
  const scan = best(() => {
    // --allow-incomplete: a real code base (--path) with a few unparsable files is still measured.
    const m = measureNode([CLI, dir, '--format', 'json', '--output', out, '--fail-on', 'none', '--no-progress', '--allow-incomplete', '--no-cache']);
    return { ...m, report: JSON.parse(readFileSync(out, 'utf8')) };
  });
  const report = scan.report;
  console.error(`[bench]   scan ${(scan.ms / 1000).toFixed(1)} s`);
  const parse = best(() => measureNode([SCRIPTS.parseOnly, dir]));
  console.error(`[bench]   parse-only ${(parse.ms / 1000).toFixed(1)} s`);
  const morph = best(() => measureNode([SCRIPTS.tsmorph, tsconfig]));
  console.error(`[bench]   ts-morph load ${(morph.ms / 1000).toFixed(1)} s`);
  // tsc exits 1/2 on type errors in a real checkout; the time is what matters here.
  const tsc = best(() => measureNode([TSC, '-p', tsconfig, '--noEmit'], { allowFail: true }));
  console.error(`[bench]   tsc --noEmit ${(tsc.ms / 1000).toFixed(1)} s`);
  let changedRun;
  if (changed) {
    const n = prepareChanged(dir);
    changedRun = measureNode([CLI, '.', '--changed', '--format', 'json', '--output', out, '--fail-on', 'none', '--no-progress', '--allow-incomplete', '--no-cache'], { cwd: dir });
    changedRun.files = n;
    console.error(`[bench]   --changed (${n} files) ${(changedRun.ms / 1000).toFixed(1)} s`);
  }
  const cached = cache ? cacheRuns(dir, out, cache) : undefined;
  rmSync(resolve(out, '..'), { recursive: true, force: true });
  return {
    cached,
    label,
    files: files.length,
    kloc: lines / 1000,
    findings: report.findings.length,
    recall: gaps ? recall(report, gaps) : undefined,
    scan: { ms: scan.ms, inProcessMs: report.summary.durationMs, rssMb: scan.rssMb, filesPerS: files.length / (scan.ms / 1000), klocPerS: lines / 1000 / (scan.ms / 1000) },
    parse: { ...parse, inProcessMs: inner(parse) },
    tsmorph: { ...morph, inProcessMs: inner(morph) },
    tsc,
    changed: changedRun,
    ratio: {
      parse: scan.ms / parse.ms,
      tsmorph: scan.ms / morph.ms,
      tsc: scan.ms / tsc.ms,
      // Without Node start-up and compiler loading on both sides (tsc has no in-process figure).
      tsmorphInProcess: report.summary.durationMs / inner(morph),
    },
  };
}

/**
 * The persistent cache on `dir` (a scratch copy: files are edited): a cold scan that writes a fresh
 * cache, a warm re-scan with nothing changed, then a full re-scan after 5 source files are edited
 * (a new exported function each). Each run's report must equal the uncached one's after the edits.
 */
function cacheRuns(dir, out, cacheDir) {
  const run = (label) => {
    const m = measureNode([CLI, dir, '--format', 'json', '--output', out, '--fail-on', 'none', '--no-progress', '--allow-incomplete', '--cache-location', cacheDir]);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    console.error(`[bench]   cache ${label} ${(m.ms / 1000).toFixed(1)} s`);
    return { ms: m.ms, rssMb: m.rssMb, inProcessMs: report.summary.durationMs, report };
  };
  const cold = run('cold');
  const warm = run('warm');
  const sources = listSources(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
  const step = Math.max(1, Math.floor(sources.length / 5));
  const edited = [0, 1, 2, 3, 4].map((i) => sources[i * step]).filter(Boolean);
  edited.forEach((file, i) => appendFileSync(file, `\nexport function benchTouched${i}(): number {\n  return ${i};\n}\n`));
  const afterEdit = run('after 5 edits');
  const uncached = measureNode([CLI, dir, '--format', 'json', '--output', out, '--fail-on', 'none', '--no-progress', '--allow-incomplete', '--no-cache']);
  const truth = JSON.parse(readFileSync(out, 'utf8'));
  const same = (a, b) => JSON.stringify(a.findings) === JSON.stringify(b.findings) && JSON.stringify(a.errors) === JSON.stringify(b.errors);
  const strip = ({ report: _r, ...rest }) => rest;
  return { cold: strip(cold), warm: strip(warm), edited5: { ...strip(afterEdit), files: edited.length }, uncachedAfterEditMs: uncached.ms, identical: same(afterEdit.report, truth) && same(warm.report, cold.report) };
}

function f1(n) {
  return Number.isFinite(n) ? n.toFixed(1) : 'n/a';
}
function f2(n) {
  return Number.isFinite(n) ? n.toFixed(2) : 'n/a';
}

export function table(results) {
  const rows = [
    ['code base', 'files', 'kLOC', 'scan s', 'files/s', 'kLOC/s', 'scan RSS MB', 'parse-only s', 'ts-morph load s', 'tsc --noEmit s', 'scan/parse', 'scan/ts-morph', 'scan/tsc', 'in-process scan s / ts-morph s (ratio)', '--changed(5) s', 'recall'],
  ];
  for (const r of results) {
    rows.push([
      r.label, String(r.files), f1(r.kloc), f1(r.scan.ms / 1000), f1(r.scan.filesPerS), f2(r.scan.klocPerS), f1(r.scan.rssMb),
      f1(r.parse.ms / 1000), f1(r.tsmorph.ms / 1000), f1(r.tsc.ms / 1000),
      f2(r.ratio.parse), f2(r.ratio.tsmorph), f2(r.ratio.tsc),
      `${f1(r.scan.inProcessMs / 1000)} / ${f1(r.tsmorph.inProcessMs / 1000)} (${f2(r.ratio.tsmorphInProcess)})`,
      r.changed ? f1(r.changed.ms / 1000) : '—',
      r.recall ? `${r.recall.found}/${r.recall.planted}` : '—',
    ]);
  }
  const lines = rows.map((row) => `| ${row.join(' | ')} |`);
  lines.splice(1, 0, `|${rows[0].map(() => ' --- ').join('|')}|`);
  return lines.join('\n');
}

export function verdicts(results) {
  const out = [];
  for (const r of results) {
    out.push(`${r.label}: scan/ts-morph ${f2(r.ratio.tsmorph)} (target ≤ ${TARGETS.tsmorph}) ${r.ratio.tsmorph <= TARGETS.tsmorph ? 'MET' : 'NOT MET'}; ` +
      `scan/tsc ${f2(r.ratio.tsc)} (target ≤ ${TARGETS.tsc}) ${r.ratio.tsc <= TARGETS.tsc ? 'MET' : 'NOT MET'}` +
      (r.changed ? `; --changed ${f1(r.changed.ms / 1000)} s (target ≤ 5 s) ${r.changed.ms <= TARGETS.changedMs ? 'MET' : 'NOT MET'}` : ''));
    if (r.cached) {
      const c = r.cached;
      const met = (ok) => (ok ? 'MET' : 'NOT MET');
      const cold = c.cold.ms / r.tsmorph.ms;
      const warm = c.warm.ms / r.parse.ms;
      const edited = c.edited5.ms / r.parse.ms;
      out.push(`${r.label} with the cache: cold ${f1(c.cold.ms / 1000)} s = ${f2(cold)}× ts-morph load (≤ ${TARGETS.tsmorph}) ${met(cold <= TARGETS.tsmorph)}, ` +
        `${f2(c.cold.ms / r.tsc.ms)}× tsc (≤ ${TARGETS.tsc}) ${met(c.cold.ms / r.tsc.ms <= TARGETS.tsc)}; ` +
        `warm ${f1(c.warm.ms / 1000)} s = ${f2(warm)}× parse-only (≤ ${TARGETS.warmParse}) ${met(warm <= TARGETS.warmParse)}; ` +
        `after ${c.edited5.files} edited files ${f1(c.edited5.ms / 1000)} s = ${f2(edited)}× parse-only (≤ ${TARGETS.edited5Parse}) ${met(edited <= TARGETS.edited5Parse)}; ` +
        `peak RSS ${f1(Math.max(c.cold.rssMb, r.scan.rssMb))} MB (≤ ${TARGETS.rssMb}) ${met(Math.max(c.cold.rssMb, r.scan.rssMb) <= TARGETS.rssMb)}; ` +
        `cached reports identical to uncached: ${c.identical ? 'yes' : 'NO'}`);
    }
  }
  const gen = results.filter((r) => r.recall).sort((a, b) => a.files - b.files);
  if (gen.length >= 2) {
    // Linear memory: a fixed start-up cost plus a constant cost per file, so the marginal kB per
    // added file should stay about the same from one size to the next.
    const marginal = [];
    for (let i = 1; i < gen.length; i++) {
      const a = gen[i - 1];
      const b = gen[i];
      marginal.push(`${a.files}→${b.files}: ${f1(((b.scan.rssMb - a.scan.rssMb) * 1024) / (b.files - a.files))} kB/file`);
    }
    out.push(`peak RSS: ${gen.map((r) => `${r.files} files ${f1(r.scan.rssMb)} MB`).join(', ')}; marginal ${marginal.join(', ')}`);
  }
  return out;
}

export function machine() {
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // nproc missing: cpus() is the same figure on Linux.
  }
  return { node: process.version, nproc, cpu: cpus()[0]?.model ?? 'unknown', peakRss: HAS_TIME ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS hook' };
}

/** Generated sizes, plus an optional real checkout; returns the results (also printed). */
export function runSuite({ sizes, path, repeat = 1, keep = false }) {
  if (!existsSync(CLI)) throw new Error('packages/scanner/dist/cli.js missing: run `npm run build` first');
  const results = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `ta-bench-${size}-`));
    const gen = generate(dir, size);
    try {
      results.push(benchOne(`synthetic ${size}`, dir, { tsconfig: join(dir, 'tsconfig.json'), gaps: gen.gaps, repeat }));
    } finally {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  }
  if (path) {
    const abs = resolve(path);
    // Never edit a real checkout: --changed is measured on generated code only, and everything else on
    // a scratch copy (the cache runs edit 5 files).
    const copy = mkdtempSync(join(tmpdir(), 'ta-bench-copy-'));
    cpSync(abs, copy, { recursive: true, filter: (src) => !/[\\/](node_modules|\.git|\.tenant-audit)$/.test(src) });
    let tsconfig = join(copy, 'tsconfig.json');
    let scratch;
    if (!existsSync(tsconfig)) {
      // A checkout without a tsconfig: baselines need one, so generate it outside the checkout.
      scratch = mkdtempSync(join(tmpdir(), 'ta-bench-tsconfig-'));
      tsconfig = join(scratch, 'tsconfig.json');
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { noEmit: true, skipLibCheck: true, allowJs: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' }, include: [`${copy}/**/*`], exclude: [`${copy}/**/node_modules`, `${copy}/**/dist`] }));
    }
    const cacheDir = join(mkdtempSync(join(tmpdir(), 'ta-bench-cache-')), 'cache');
    try {
      results.push(benchOne(`checkout ${path}`, copy, { tsconfig, changed: false, repeat, cache: cacheDir }));
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(resolve(cacheDir, '..'), { recursive: true, force: true });
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  }
  return results;
}
