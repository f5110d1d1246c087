#!/usr/bin/env node
/**
 * Triage sheet for one real code base: the scanner CLI and the ESLint plugin on a checkout, with
 * counts, time, peak RSS, crashes and a seeded sample of findings to judge by hand.
 *
 *   node bench/real-world/triage.mjs <checkout> --out docs/accuracy/<name>.md
 *        [--config '{"tenantFields":["projectId"]}'] [--sample 25] [--seed 1]
 *        [--eslint-timeout 300] [--no-eslint]
 *   node bench/real-world/triage.mjs --tally docs/accuracy/<name>.md
 *
 * Build first: npx tsc -b packages/core packages/scanner packages/eslint-plugin
 * Verdicts already written in an existing sheet are kept for findings sampled again (keyed by
 * fingerprint), so a rerun after a fix only asks about the findings that are new to the sample.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const self = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(self), '../..');
const BIN = join(repoRoot, 'packages/scanner/bin/tenant-audit.js');
const RSS_HOOK = join(dirname(self), 'rss-hook.mjs');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.next', '.turbo', '.git', 'coverage', 'out']);
const VERDICTS = ['true gap', 'defensible', 'false positive'];

// ---------------------------------------------------------------- ESLint child (capped by the parent)
if (process.argv[2] === '--eslint-child') {
  const [, , , dir, configJson, outFile] = process.argv;
  const { ESLint } = await import('eslint');
  const plugin = (await import('eslint-plugin-tenant-isolation')).default;
  const files = listTsFiles(dir);
  const settings = configJson ? { tenantIsolation: JSON.parse(configJson) } : {};
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [{ ...plugin.configs['flat/recommended'], files: ['**/*.{ts,tsx}'], settings }],
    cache: false,
    errorOnUnmatchedPattern: false,
  });
  const { appendFileSync } = await import('node:fs');
  writeFileSync(outFile, JSON.stringify({ total: files.length }) + '\n');
  // Batches, so that a parent that stops us at the time cap still has everything linted so far.
  for (let i = 0; i < files.length; i += 100) {
    const results = await eslint.lintFiles(files.slice(i, i + 100));
    const lines = results.map((r) => JSON.stringify({
      file: relative(dir, r.filePath).split('\\').join('/'),
      messages: r.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, message: m.message, fatal: m.fatal ?? false })),
    }));
    appendFileSync(outFile, lines.join('\n') + '\n');
  }
  appendFileSync(outFile, JSON.stringify({ done: true }) + '\n');
  process.exit(0);
}

function listTsFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(join(d, e.name)); }
      else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

// ---------------------------------------------------------------- helpers
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const has = (name) => args.includes(`--${name}`);

/** Runs a command, measuring wall time and peak RSS: GNU time if present, else the rss hook. */
function run(cmd, argv, { cwd, timeoutMs }) {
  const gnuTime = existsSync('/usr/bin/time');
  const [file, full] = gnuTime ? ['/usr/bin/time', ['-v', cmd, ...argv]] : [cmd, argv];
  const env = gnuTime ? process.env : { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(RSS_HOOK)}` };
  return new Promise((done) => {
    const start = process.hrtime.bigint();
    const child = spawn(file, full, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, timeoutMs) : undefined;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr) ?? /TA_MAXRSS_KB=(\d+)/.exec(stderr);
      const rssMb = m ? Math.round(Number(m[1]) / 1024) : undefined;
      const cleanErr = stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '').replace(/\n?TA_MAXRSS_KB=\d+\n?/, '');
      done({ code, signal, ms, rssMb, stdout, stderr: cleanErr, timedOut });
    });
  });
}

/** Deterministic per-seed rank: the sample keeps its members when unrelated findings come and go. */
const rank = (seed, key) => createHash('sha1').update(`${seed}:${key}`).digest('hex');

function snippet(root, file, line, before = 4, after = 5) {
  try {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    const from = Math.max(1, line - before);
    const to = Math.min(lines.length, line + after);
    const out = [];
    for (let n = from; n <= to; n++) out.push(`${n === line ? '>' : ' '}${String(n).padStart(5)} ${lines[n - 1]}`);
    return out.join('\n');
  } catch { return '(file not readable)'; }
}

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const countBy = (items, key) => {
  const m = new Map();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};

/** Verdict rows of a sheet: `| S3 | … | verdict | reason | fingerprint |`. */
function readVerdicts(sheet) {
  const out = new Map();
  if (!existsSync(sheet)) return out;
  for (const line of readFileSync(sheet, 'utf8').split('\n')) {
    const m = /^\| (S\d+|E\d+) \|.*\| ([^|]*) \| ([^|]*) \| `([0-9a-zA-Z:_.-]+)` \|$/.exec(line);
    if (m && VERDICTS.includes(m[2].trim())) out.set(m[4], { verdict: m[2].trim(), reason: m[3].trim() });
  }
  return out;
}

/** Fingerprints of the sampled P0 rows: precision is published for P0 only (the sample tops up with P1/P2). */
function p0Rows(text) {
  const out = new Set();
  for (const line of text.split('\n')) {
    const m = /^\| S\d+ \| [^|]+ \| P0 \|.*`([0-9a-zA-Z:_.-]+)` \|$/.exec(line);
    if (m) out.add(m[1]);
  }
  return out;
}

function tally(sheet) {
  const rows = [...readVerdicts(sheet).entries()];
  const text = readFileSync(sheet, 'utf8');
  const p0 = p0Rows(text);
  const sampled = p0.size;
  const judged = rows.filter(([k]) => p0.has(k));
  const c = Object.fromEntries(VERDICTS.map((v) => [v, judged.filter(([, r]) => r.verdict === v).length]));
  const good = c['true gap'] + c['defensible'];
  const total = good + c['false positive'];
  return { sampled, judged: total, ...c, precision: total ? good / total : undefined };
}

// ---------------------------------------------------------------- main
if (has('tally')) {
  const sheet = flag('tally');
  console.log(JSON.stringify(tally(sheet)));
  process.exit(0);
}

const checkout = args[0] && !args[0].startsWith('--') ? resolve(args[0]) : undefined;
const out = flag('out');
if (!checkout || !out) {
  console.error('usage: triage.mjs <checkout> --out <sheet.md> [--config JSON] [--sample N] [--seed N] [--eslint-timeout S] [--no-eslint]');
  process.exit(2);
}
const name = flag('name') ?? checkout.split('/').pop();
const configJson = flag('config');
const sampleSize = Number(flag('sample') ?? 25);
const seed = flag('seed') ?? '1';
const eslintTimeoutS = Number(flag('eslint-timeout') ?? 300);
const tmp = mkdtempSync(join(tmpdir(), 'ta-triage-'));

let commit = 'unknown';
try { commit = (await run('git', ['-C', checkout, 'rev-parse', 'HEAD'], {})).stdout.trim().split('\n').at(-1) ?? commit; } catch { /* not git */ }
const tsFiles = listTsFiles(checkout).length;

// Scanner CLI
// --allow-incomplete: a checkout with a few unparsable files is still triaged (exit 2 stays a crash).
const cliArgs = [BIN, '.', '--format', 'json', '--no-progress', '--fail-on', 'none', '--allow-incomplete', '--output', join(tmp, 'cli.json')];
if (configJson) { writeFileSync(join(tmp, 'config.json'), configJson); cliArgs.push('--config', join(tmp, 'config.json')); }
process.stderr.write(`[triage] ${name}: scanner…\n`);
const cli = await run(process.execPath, cliArgs, { cwd: checkout });
let report;
try { report = JSON.parse(readFileSync(join(tmp, 'cli.json'), 'utf8')); } catch { report = undefined; }
const cliCrash = !report ? `exit ${cli.code}${cli.signal ? ` (${cli.signal})` : ''}: ${cli.stderr.trim().split('\n').slice(-3).join(' / ')}` : undefined;
const findings = report?.findings ?? [];
process.stderr.write(`[triage] ${name}: scanner ${Math.round(cli.ms / 1000)} s, ${findings.length} findings\n`);

// ESLint (child process, capped)
let lint;
if (!has('no-eslint')) {
  process.stderr.write(`[triage] ${name}: eslint (cap ${eslintTimeoutS} s)…\n`);
  const lintOut = join(tmp, 'eslint.jsonl');
  const r = await run(process.execPath, [self, '--eslint-child', checkout, configJson ?? '', lintOut], { cwd: repoRoot, timeoutMs: eslintTimeoutS * 1000 });
  const rows = existsSync(lintOut) ? readFileSync(lintOut, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const total = rows.find((x) => 'total' in x)?.total;
  const done = rows.some((x) => x.done);
  const files = rows.filter((x) => 'file' in x);
  const messages = files.flatMap((f) => f.messages.map((m) => ({ ...m, file: f.file })));
  lint = {
    ms: r.ms, rssMb: r.rssMb, total, linted: files.length, done, timedOut: r.timedOut,
    crash: !done && !r.timedOut ? `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}` : undefined,
    // Only the plugin's rules: the code bases' own `eslint-disable` comments name rules this config
    // does not load, and ESLint reports each as "Definition for rule … was not found".
    problems: messages.filter((m) => m.ruleId?.startsWith('tenant-isolation/') && !m.fatal),
    unknownRules: messages.filter((m) => m.ruleId && !m.ruleId.startsWith('tenant-isolation/') && !m.fatal).length,
    fatal: messages.filter((m) => m.fatal || !m.ruleId),
  };
  process.stderr.write(`[triage] ${name}: eslint ${Math.round(r.ms / 1000)} s, ${lint.problems.length} problems on ${files.length}/${total} files\n`);
}

// Sample: P0 scanner findings first (the precision we publish), a few ESLint problems for comparison.
const old = readVerdicts(out);
const fp = (f) => f.fingerprint ?? `${f.kind}:${f.file}:${f.line}`;
const p0 = findings.filter((f) => f.severity === 'P0').sort((a, b) => rank(seed, fp(a)).localeCompare(rank(seed, fp(b))));
const rest = findings.filter((f) => f.severity !== 'P0').sort((a, b) => rank(seed, fp(a)).localeCompare(rank(seed, fp(b))));
const sample = [...p0.slice(0, sampleSize), ...rest.slice(0, Math.max(0, Math.min(5, sampleSize - p0.length)))];
const lintKey = (m) => `E:${m.ruleId}:${m.file}:${m.line}:${m.column}`;
const lintSample = (lint?.problems ?? []).slice().sort((a, b) => rank(seed, lintKey(a)).localeCompare(rank(seed, lintKey(b)))).slice(0, 5);

const L = [];
L.push(`# Triage: ${name}`, '');
L.push(`Generated by \`bench/real-world/triage.mjs\`. Checkout commit \`${commit}\`, ${tsFiles} .ts/.tsx files (without node_modules, dist, build output).`);
L.push(`Config: ${configJson ? `\`${configJson}\`` : 'defaults'}. Sample seed ${seed}.`, '');
L.push('## Scanner CLI', '');
L.push(`| files scanned | findings | P0 | P1 | P2 | time | peak RSS | crash | errors |`, '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const bySev = (s) => findings.filter((f) => f.severity === s).length;
L.push(`| ${report?.summary?.filesScanned ?? '–'} | ${findings.length} | ${bySev('P0')} | ${bySev('P1')} | ${bySev('P2')} | ${(cli.ms / 1000).toFixed(1)} s | ${cli.rssMb ?? '?'} MB | ${cliCrash ? cell(cliCrash) : 'none'} | ${report?.errors?.length ?? 0} |`, '');
L.push('| kind | severity | findings |', '| --- | --- | --- |');
for (const [k, n] of countBy(findings, (f) => `${f.kind} | ${f.severity}`)) L.push(`| ${k} | ${n} |`);
if (report?.errors?.length) {
  L.push('', '<details><summary>errors</summary>', '');
  for (const e of report.errors.slice(0, 30)) L.push(`- \`${e.file}\`: ${cell(e.message)}`);
  L.push('', '</details>');
}
L.push('');
if (lint) {
  L.push('## ESLint (`flat/recommended`, no type information)', '');
  L.push('| files linted | problems | time | peak RSS | capped | crash | parse errors | unknown-rule notices |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  L.push(`| ${lint.linted}/${lint.total ?? '?'} | ${lint.problems.length} | ${(lint.ms / 1000).toFixed(1)} s | ${lint.rssMb ? `${lint.rssMb} MB` : 'n/a (stopped)'} | ${lint.timedOut ? `yes, stopped at ${eslintTimeoutS} s` : 'no'} | ${lint.crash ? cell(lint.crash) : 'none'} | ${lint.fatal.length} | ${lint.unknownRules} |`, '');
  L.push('| rule | problems |', '| --- | --- |');
  for (const [k, n] of countBy(lint.problems, (m) => m.ruleId)) L.push(`| ${k} | ${n} |`);
  L.push('');
}
L.push('## Sample to judge', '');
L.push(`${Math.min(sampleSize, p0.length)} of ${p0.length} P0 scanner findings (S…), ranked by a seeded hash of the fingerprint${sample.length > Math.min(sampleSize, p0.length) ? ', topped up with lower severities' : ''}; ${lintSample.length} ESLint problems (E…) for comparison.`);
L.push('Verdict: `true gap` / `defensible` (relies on something the tool cannot see) / `false positive`, with a one-line reason.', '');
L.push('| # | kind | severity | location | verdict | reason | fingerprint |', '| --- | --- | --- | --- | --- | --- | --- |');
sample.forEach((f, i) => {
  const v = old.get(fp(f));
  L.push(`| S${i + 1} | ${f.kind} | ${f.severity} | \`${cell(f.file)}:${f.line}\` | ${v?.verdict ?? '?'} | ${cell(v?.reason ?? '')} | \`${fp(f)}\` |`);
});
lintSample.forEach((m, i) => {
  const v = old.get(lintKey(m));
  L.push(`| E${i + 1} | ${m.ruleId} | – | \`${cell(m.file)}:${m.line}\` | ${v?.verdict ?? '?'} | ${cell(v?.reason ?? '')} | \`${lintKey(m)}\` |`);
});
L.push('');
sample.forEach((f, i) => {
  L.push(`### S${i + 1}: ${f.kind} (${f.severity}) \`${f.file}:${f.line}\``, '');
  L.push(`${cell(f.message)}${f.symbol ? ` — in \`${f.symbol}\`` : ''}`, '');
  if (f.trace?.length) L.push(`Trace: ${f.trace.map((t) => `\`${t.file}:${t.line}\`${t.note ? ` (${cell(t.note)})` : ''}`).join(' → ')}`, '');
  L.push('```ts', snippet(checkout, f.file, f.line), '```', '');
});
lintSample.forEach((m, i) => {
  L.push(`### E${i + 1}: ${m.ruleId} \`${m.file}:${m.line}\``, '', cell(m.message), '');
  L.push('```ts', snippet(checkout, m.file, m.line), '```', '');
});

mkdirSync(dirname(resolve(out)), { recursive: true });
writeFileSync(out, L.join('\n'));
rmSync(tmp, { recursive: true, force: true });
const t = tally(out);
process.stderr.write(`[triage] ${name}: wrote ${out} (${t.judged}/${t.sampled} sampled findings already judged)\n`);
console.log(JSON.stringify({
  name, commit, tsFiles, cli: { ms: Math.round(cli.ms), rssMb: cli.rssMb, findings: findings.length, crash: cliCrash ?? null, errors: report?.errors?.length ?? 0, byKind: Object.fromEntries(countBy(findings, (f) => f.kind)) },
  eslint: lint ? { ms: Math.round(lint.ms), rssMb: lint.rssMb, problems: lint.problems.length, linted: lint.linted, total: lint.total, timedOut: lint.timedOut, crash: lint.crash ?? null, byRule: Object.fromEntries(countBy(lint.problems, (m) => m.ruleId)) } : null,
}));
