// In-process checks of the pure parts; the subprocess suites cover the wiring.
import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../../src/baseline/apply.js';
import { baselineOf } from '../../src/baseline/file.js';
import { incompleteMessage } from '../../src/cli/incomplete.js';
import { parseArgs } from '../../src/cli/program.js';
import type { Finding } from '../../src/model.js';
import { githubReport } from '../../src/report/github.js';
import { scorecard } from '../../src/report/scorecard.js';
import { cleanVerdict, coverageLine, summaryLine } from '../../src/report/summary.js';
import { parseDirectives } from '../../src/suppress/directive.js';

const finding = (over: Partial<Finding>): Finding => ({
  kind: 'unscoped-query', severity: 'P0', file: 'a.ts', line: 1, column: 1, message: 'm', fingerprint: 'f', ...over,
});

describe('parseDirectives', () => {
  it('reads kinds and reason; rejects a missing reason or kind', () => {
    const text = [
      '// tenant-audit-ignore-next-line unscoped-query, platform-fallback -- reviewed',
      'x(); // tenant-audit-ignore-next-line unscoped-backup',
      '/* tenant-audit-ignore-next-line unscoped-query -- block comments are not directives */',
      '// tenant-audit-ignore-next-line -- reason but no kind',
      '// tenant-audit-ignore-next-lines unscoped-query -- different word',
    ].join('\n');
    const { directives, problems } = parseDirectives(text);
    expect(directives).toEqual([{ line: 1, kinds: ['unscoped-query', 'platform-fallback'], reason: 'reviewed' }]);
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
  });
});

describe('applyBaseline', () => {
  it('lets each entry absorb one finding', () => {
    const f = finding({});
    const { kept, suppressed } = applyBaseline([f, { ...f, line: 9 }], baselineOf([f]).findings);
    expect(suppressed).toBe(1);
    expect(kept).toHaveLength(1);
  });
});

describe('githubReport', () => {
  it('escapes %, newlines, colons and commas', () => {
    const out = githubReport({
      tool: { name: 'tenant-audit', version: '0' },
      result: { root: '/r', filesScanned: 1, durationMs: 0, suppressed: 0, errors: [], findings: [finding({ file: 'a,b:c.ts', message: '50% done\nnext' })],
        coverage: { sinks: 1, scoped: 0, reported: 1, unjudged: 0, unjudgedBy: { model: 0, table: 0, filter: 0, caller: 0 }, filesNotAnalysed: 0, notAnalysed: [] } },
      failOn: 'P1', source: () => undefined, quiet: false, color: false, allowIncomplete: false, finishedAt: new Date(),
    });
    expect(out).toMatch(/^::error file=a%2Cb%3Ac\.ts,line=1,col=1,title=P0 unscoped-query%3A [^:]*::50%25 done%0Anext%0AFix: /);
  });
});

describe('scorecard', () => {
  it('fails at or above --fail-on, warns below, passes when clean', () => {
    const rows = scorecard([finding({ severity: 'P1' }), finding({ kind: 'unscoped-backup', severity: 'P2' })], 'P1');
    expect(rows.find((r) => r.kind === 'unscoped-query')).toMatchObject({ count: 1, worst: 'P1', status: 'fail' });
    expect(rows.find((r) => r.kind === 'unscoped-backup')).toMatchObject({ count: 1, worst: 'P2', status: 'warn' });
    expect(rows.find((r) => r.kind === 'untagged-telemetry')).toMatchObject({ count: 0, status: 'pass' });
    expect(scorecard([finding({})], 'none')[0]?.status).toBe('warn');
  });
});

describe('parseArgs', () => {
  it('defaults and --changed forms', () => {
    const base = parseArgs([], '1.0.0', () => undefined);
    expect(base).toMatchObject({ paths: ['.'], format: 'pretty', failOn: 'P1', progress: true, quiet: false, changed: undefined });
    expect(parseArgs(['src', '--changed'], '1', () => undefined)).toMatchObject({ paths: ['src'], changed: true });
    expect(parseArgs(['--changed=main', 'src'], '1', () => undefined)).toMatchObject({ paths: ['src'], changed: 'main' });
    expect(parseArgs(['--no-progress'], '1', () => undefined).progress).toBe(false);
    expect(base.allowIncomplete).toBe(false);
    expect(parseArgs(['--allow-incomplete'], '1', () => undefined).allowIncomplete).toBe(true);
    expect(base.followExternalSymlinks).toBe(false);
    expect(parseArgs(['--follow-external-symlinks'], '1', () => undefined).followExternalSymlinks).toBe(true);
  });
});

describe('cleanVerdict and coverageLine', () => {
  const result = (coverage: { sinks: number; scoped: number; reported: number; unjudged: number; model?: number; caller?: number }, filesScanned = 3) => ({
    root: '/r', filesScanned, durationMs: 0, suppressed: 0, errors: [], findings: [],
    coverage: { sinks: coverage.sinks, scoped: coverage.scoped, reported: coverage.reported, unjudged: coverage.unjudged,
      unjudgedBy: { model: coverage.model ?? 0, table: 0, filter: 0, caller: coverage.caller ?? 0 }, filesNotAnalysed: 0, notAnalysed: [] },
  });
  it('says "no gaps" only when every sink was judged', () => {
    expect(cleanVerdict(result({ sinks: 4, scoped: 4, reported: 0, unjudged: 0 }))).toBe('No tenant-isolation gaps found.');
    expect(cleanVerdict(result({ sinks: 4, scoped: 3, reported: 0, unjudged: 1, model: 1 }))).toMatch(/^No tenant-isolation gaps found in what could be judged; 1 of 4 data-access sinks were not judged/);
  });
  it('with nothing recognised or nothing judged, says it is not a clean bill of health', () => {
    expect(cleanVerdict(result({ sinks: 0, scoped: 0, reported: 0, unjudged: 0 }))).toMatch(/no data-access sink was recognised.*not a clean bill of health/);
    expect(cleanVerdict(result({ sinks: 2, scoped: 0, reported: 0, unjudged: 2, model: 1, caller: 1 }))).toMatch(/none of the 2 data-access sinks could be judged \(2 sinks, .*1 model unknown, 1 no caller found\)/);
    expect(cleanVerdict(result({ sinks: 0, scoped: 0, reported: 0, unjudged: 0 }, 0))).toMatch(/^Nothing was scanned/);
  });
  it('the coverage line names the causes of what was not judged', () => {
    expect(coverageLine(result({ sinks: 10, scoped: 6, reported: 2, unjudged: 2, model: 1, caller: 1 })))
      .toBe('data access: 10 sinks, 6 judged scoped, 2 reported, 2 not judged (1 model unknown, 1 no caller found)');
  });
});

describe('files not analysed', () => {
  const lostFiles = (files: string[], filesScanned = 3) => ({
    root: '/r', filesScanned, durationMs: 0, suppressed: 0, errors: [], findings: [],
    coverage: { sinks: 4, scoped: 4, reported: 0, unjudged: 0, unjudgedBy: { model: 0, table: 0, filter: 0, caller: 0 },
      filesNotAnalysed: files.length, notAnalysed: files.map((file) => ({ file, message: 'syntax error at 1:1: x' })) },
  });

  it('a clean verdict never says "no gaps" over files that were not read', () => {
    expect(cleanVerdict(lostFiles(['a.ts']))).toBe('No tenant-isolation gaps found in the files analysed, but 1 source file was not analysed: this is not a clean bill of health.');
    expect(cleanVerdict(lostFiles(['a.ts', 'b.ts'], 0))).toBe('Nothing was analysed: 2 source files could not be, so this is not a clean bill of health.');
    expect(summaryLine(lostFiles(['a.ts', 'b.ts']), { P0: 0, P1: 0, P2: 0 })).toBe('0 findings (P0 0, P1 0, P2 0) in 3 files, 2 files not analysed, 0.0 s');
  });

  it('the stderr line names at most three files', () => {
    expect(incompleteMessage(lostFiles(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts']))).toBe(
      'incomplete scan: 5 source files were not analysed (a.ts, b.ts, c.ts and 2 more; see the report); fix or "ignore" them, or pass --allow-incomplete to exit by the findings');
  });
});
