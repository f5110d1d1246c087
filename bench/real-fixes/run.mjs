#!/usr/bin/env node
/**
 * Real-fix recall benchmark: for each historical cross-tenant fix in cases/*.json, extract the tree at
 * the fix's parent and at the fix from a fetched snapshot (a bare git repository), scan both with the
 * built CLI, and score
 *   HIT    a finding of the case's kinds in a function the fix changed, at the parent;
 *   SILENT no such finding in the changed functions at the fix.
 * A finding counts for a function when it is located in it or its trace passes through it (a fix that
 * adds a membership check to a handler is scored on the sink the handler reaches in another file).
 *
 *   node bench/real-fixes/run.mjs [--mirror DIR] [--work DIR] [--case ID]... [--repo OWNER/NAME]...
 *        [--jobs N] [--timeout S] [--out results.json] [--markdown FILE] [--keep] [--cli PATH]
 *
 * Snapshots are looked up as DIR/<owner>+<name>/repo (the layout `fetch` writes); a case whose
 * snapshot is missing is listed as "no snapshot" and not scored. The code of the scanned projects is
 * never copied into this repository: trees go to --work (a temp folder) and are deleted after the scan.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changedFunctions, parseHunks } from './changed-functions.mjs';
import { extractTree } from './extract.mjs';
import { kindsForShape } from './shapes.mjs';
import { renderMarkdown, summarise } from './score.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

function parseArgs(argv) {
  const opts = { mirror: process.env.REAL_FIXES_MIRROR ?? '/work/.mirror', work: join(tmpdir(), 'tenant-audit-real-fixes'),
    cases: [], repos: [], jobs: 2, timeout: 420, out: undefined, markdown: undefined, keep: false,
    cli: join(repoRoot, 'packages/scanner/bin/tenant-audit.js') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--real-fixes') continue;
    else if (a === '--mirror') opts.mirror = next();
    else if (a === '--work') opts.work = next();
    else if (a === '--case') opts.cases.push(next());
    else if (a === '--repo') opts.repos.push(next());
    else if (a === '--jobs') opts.jobs = Math.max(1, Number(next()));
    else if (a === '--timeout') opts.timeout = Number(next());
    else if (a === '--out') opts.out = resolve(next());
    else if (a === '--markdown') opts.markdown = resolve(next());
    else if (a === '--keep') opts.keep = true;
    // Another build of the scanner (an older commit's checkout), to measure before and after in one run.
    else if (a === '--cli') opts.cli = resolve(next());
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

export function loadCases(dir = join(here, 'cases')) {
  const cases = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const list = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    for (const c of list) cases.push({ ...c, group: name.replace(/\.json$/, '') });
  }
  const ids = new Set();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  return cases;
}

function loadRepoConfigs() {
  const path = join(here, 'repos.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
}

function git(gitDir, args, maxBuffer = 256 * 1024 * 1024) {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
}

function runScan(cli, root, configPath, timeoutS) {
  return new Promise((resolvePromise) => {
    // --allow-incomplete: a real repository with a few files the parser refuses still scores; exit 2
    // then means a crash or a usage error, as it did before the scanner failed closed on unread files.
    const args = [cli, '.', '--format', 'json', '--no-progress', '--fail-on', 'none', '--allow-incomplete'];
    if (configPath) args.push('--config', configPath);
    const started = Date.now();
    // Every sink's verdict on stderr (one JSON line each): the diagnosis of a miss.
    const env = { ...process.env, TENANT_AUDIT_DEBUG_SINKS: '1' };
    const child = spawn(process.execPath, ['--max-old-space-size=4096', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      if (signal || code === 2 || code === null) {
        resolvePromise({ ok: false, seconds, error: signal ? `killed (${signal}) after ${seconds.toFixed(0)} s` : `exit ${code}: ${err.trim().split('\n').pop()}` });
        return;
      }
      const sinks = err.split('\n').filter((l) => l.startsWith('{')).flatMap((l) => {
        try {
          return [JSON.parse(l)];
        } catch {
          return [];
        }
      });
      try {
        resolvePromise({ ok: true, seconds, report: JSON.parse(out), sinks });
      } catch (e) {
        resolvePromise({ ok: false, seconds, error: `unreadable JSON: ${e.message}` });
      }
    });
  });
}

/** Findings (as repo paths) that sit in, or pass through, one of the functions. */
function findingsIn(report, scanRoot, functions, kinds) {
  const prefix = scanRoot === '.' || !scanRoot ? '' : `${scanRoot.replace(/\/$/, '')}/`;
  const within = (file, line) => functions.some((f) => f.file === `${prefix}${file}` && f.start <= line && line <= f.end);
  // A finding counts where it is, or where any of its entry paths passes (`trace`, and `otherTraces`
  // for a helper that several handlers reach unchecked).
  return report.findings.filter((f) => kinds.has(f.kind) &&
    (within(f.file, f.line) || [f.trace ?? [], ...(f.otherTraces ?? [])].some((t) => t.some((s) => within(s.file, s.line)))));
}

function changedSides(gitDir, c) {
  const diff = git(gitDir, ['diff', '-U0', '--no-color', '--no-renames', c.parent, c.fix, '--', ...c.files]);
  const hunks = parseHunks(diff);
  const before = [];
  const after = [];
  for (const file of c.files) {
    const h = hunks.get(file);
    if (!h) continue;
    if (h.oldPath) {
      const text = git(gitDir, ['show', `${c.parent}:${h.oldPath}`]);
      for (const f of changedFunctions(h.oldPath, text, h.oldLines, h.oldAnchors)) before.push({ file: h.oldPath, ...f });
    }
    if (h.newPath) {
      const text = git(gitDir, ['show', `${c.fix}:${h.newPath}`]);
      for (const f of changedFunctions(h.newPath, text, h.newLines, h.newAnchors)) after.push({ file: h.newPath, ...f });
    }
  }
  return { before, after };
}

async function runCase(c, opts, repoConfigs) {
  // `snapshot`: a fork that carries the upstream history, where the upstream's own snapshot is too large to fetch.
  const gitDir = join(opts.mirror, (c.snapshot ?? c.repo).replace('/', '+'), 'repo');
  const base = { id: c.id, repo: c.repo, shape: c.shape, library: c.library, framework: c.framework, exploitable: c.exploitable !== false };
  if (!existsSync(gitDir)) return { ...base, status: 'no-snapshot' };
  let sides;
  try {
    sides = changedSides(gitDir, c);
  } catch (e) {
    return { ...base, status: 'bad-case', error: String(e.message).split('\n')[0] };
  }
  if (sides.before.length === 0) return { ...base, status: 'bad-case', error: 'the fix changes no function in the listed files' };
  const kinds = new Set(c.kinds ?? kindsForShape(c.shape));
  const config = { ...(repoConfigs[c.repo] ?? {}), ...(c.config ?? {}) };
  const dir = join(opts.work, c.id);
  mkdirSync(dir, { recursive: true });
  let configPath;
  if (Object.keys(config).length) {
    configPath = join(dir, 'tenant-audit.config.json');
    writeFileSync(configPath, JSON.stringify(config));
  }
  const side = async (sha, name, functions) => {
    const tree = join(dir, name);
    extractTree(gitDir, sha, tree);
    const root = join(tree, c.scanRoot ?? '.');
    const scanned = await runScan(opts.cli, root, configPath, opts.timeout);
    if (!opts.keep) rmSync(tree, { recursive: true, force: true });
    if (!scanned.ok) return { error: scanned.error, seconds: scanned.seconds };
    const hits = findingsIn(scanned.report, c.scanRoot, functions, kinds);
    const prefix = c.scanRoot && c.scanRoot !== '.' ? `${c.scanRoot.replace(/\/$/, '')}/` : '';
    // What the scanner made of the sinks inside the changed functions (older builds print none).
    const sinksInChanged = scanned.sinks.filter((o) => functions.some((f) => f.file === `${prefix}${o.file}` && f.start <= o.line && o.line <= f.end))
      .map((o) => ({ file: `${prefix}${o.file}`, line: o.line, sink: o.sink, verdict: o.verdict, outcome: o.outcome, why: o.why }));
    return {
      seconds: scanned.seconds,
      total: scanned.report.findings.length,
      p0: scanned.report.findings.filter((f) => f.severity === 'P0').length,
      errors: scanned.report.errors.length,
      coverage: scanned.report.summary.coverage,
      sinksInChanged,
      inChanged: hits.map((f) => ({ kind: f.kind, severity: f.severity, file: `${c.scanRoot && c.scanRoot !== '.' ? `${c.scanRoot}/` : ''}${f.file}`, line: f.line, message: f.message })),
    };
  };
  const before = await side(c.parent, 'parent', sides.before);
  const after = await side(c.fix, 'fix', sides.after);
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  if (before.error || after.error) return { ...base, status: 'crash', before, after, changed: sides };
  const hit = before.inChanged.length > 0;
  const silent = after.inChanged.length === 0;
  return { ...base, status: 'scored', hit, silent, before, after, changed: { before: sides.before, after: sides.after } };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(opts.cli)) throw new Error(`no scanner at ${opts.cli}: build first (npm run build)`);
  let cases = loadCases();
  if (opts.cases.length) cases = cases.filter((c) => opts.cases.includes(c.id));
  if (opts.repos.length) cases = cases.filter((c) => opts.repos.includes(c.repo));
  const repoConfigs = loadRepoConfigs();
  mkdirSync(opts.work, { recursive: true });
  const results = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      const r = await runCase(c, opts, repoConfigs);
      results[i] = r;
      const mark = r.status !== 'scored' ? r.status.toUpperCase() : `${r.hit ? 'HIT' : 'miss'}${r.hit ? (r.silent ? '+SILENT' : ' (not silent)') : ''}`;
      console.error(`real-fixes: ${c.id}: ${mark}${r.before?.seconds ? ` (${r.before.seconds.toFixed(0)}+${r.after?.seconds?.toFixed(0) ?? '?'} s)` : ''}${r.error ? ` ${r.error}` : ''}${r.before?.error ? ` parent: ${r.before.error}` : ''}${r.after?.error ? ` fix: ${r.after.error}` : ''}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, cases.length) }, worker));
  const summary = summarise(results);
  const payload = { generatedAt: new Date().toISOString(), summary, results };
  if (opts.out) writeFileSync(opts.out, `${JSON.stringify(payload, null, 2)}\n`);
  const md = renderMarkdown(results, summary, cases);
  if (opts.markdown) writeFileSync(opts.markdown, md);
  process.stdout.write(md);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`real-fixes: ${e.message}`);
    process.exitCode = 2;
  });
}
