/**
 * A stand-in for the engine's scan(): tiny regex "analysis" with full control over what the CLI
 * receives (traces, errors, every severity, thrown failures). It keeps the contract the real engine
 * keeps: root = the scanned folder, paths relative with `/`, config errors as core's ConfigError,
 * suppression comments and the baseline applied.
 *
 * Markers: `// STUB <kind> [P0|P1|P2]` alone on a line flags the NEXT line, after code it flags its own
 * line (several may follow one another); `// STUB-TRACE` on the line before adds a two-step trace; a file containing `STUB-PARSE-ERROR` is reported in errors and, as the engine does for a source
 * file it could not parse, in `coverage.notAnalysed`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { GAP_CATALOGUE, loadConfig } from '@tenant-audit/core';
import { baselineEntries, withoutAccepted } from '../../../dist/analysis/accepted.js';

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|js)$/.test(name)) out.push(p);
  }
  return out;
}

export async function scan(options) {
  if (process.env.STUB_THROW) throw new Error(process.env.STUB_THROW);
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(cwd, options.paths[0] ?? '.');
  const { config } = loadConfig(root, options.configFile);
  const baseline = baselineEntries(options);
  const files = walk(root, []).sort();
  const only = options.onlyFiles ? new Set(options.onlyFiles) : undefined;
  const findings = [];
  const errors = [];
  files.forEach((file, index) => {
    options.onProgress?.(index + 1, files.length);
    const rel = relative(root, file).split(sep).join('/');
    const text = readFileSync(file, 'utf8');
    if (text.includes('STUB-PARSE-ERROR')) {
      errors.push({ file: rel, message: 'syntax error at 1:1: stub parse error' });
      return;
    }
    if (only && !only.has(file)) return;
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(/\/\/ STUB (\S+)(?: (P[012]))?/g)) {
        const kind = m[1];
        // After code: flags its own line; alone on a line: flags the next one.
        const own = line.slice(0, line.indexOf('//')).trim().length > 0;
        const at = own ? i : i + 1;
        const target = lines[at] ?? '';
        const severity = config.severity[kind] ?? m[2] ?? GAP_CATALOGUE[kind].defaultSeverity;
        const traced = (lines[i - 1] ?? '').includes('STUB-TRACE');
        findings.push({
          kind,
          severity,
          file: rel,
          line: at + 1,
          column: target.length - target.trimStart().length + 1,
          message: `stub finding ${kind}`,
          symbol: 'stubbed',
          ...(traced && { trace: [{ file: rel, line: 1, note: 'GET /stub', entry: true }, { file: rel, line: at + 1, note: 'calls stubbed' }] }),
          fingerprint: createHash('sha256').update(`${kind}|${rel}|${target.replace(/\/\/.*$/, '').trim()}`).digest('hex'),
        });
      }
    });
  });
  // Suppression comments and the baseline as the engine applies them (its own code, so the CLI's
  // reporting of them is tested through the stub too).
  return withoutAccepted({ root, filesScanned: files.length, durationMs: Date.now() - started, findings, errors, suppressed: 0,
    coverage: { sinks: findings.length, scoped: 0, reported: findings.length, unjudged: 0, unjudgedBy: { model: 0, table: 0, filter: 0, caller: 0 },
      filesNotAnalysed: errors.length, notAnalysed: errors.map((e) => ({ ...e })) } }, options.applySuppressions !== false, baseline);
}
