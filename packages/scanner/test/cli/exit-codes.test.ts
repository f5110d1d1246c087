import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, SCANNER, ensureBuilt, runCli, runStubCli, tempProject } from './helpers/cli.js';

const basic = join(FIXTURES, 'basic');
const version = (JSON.parse(readFileSync(join(SCANNER, 'package.json'), 'utf8')) as { version: string }).version;

/** One `tenant-audit: …` line naming the problem, and no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^tenant-audit: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

beforeAll(ensureBuilt);

describe('--version and --help', () => {
  it('prints the package version and exits 0', () => {
    const run = runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it('prints usage with every flag of the contract and exits 0', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--format', '--output', '--fail-on', '--config', '--project', '--baseline', '--update-baseline', '--changed', '--staged', '--no-progress', '--quiet', '--allow-incomplete', '--follow-external-symlinks', '--print-config', '--version', '--help']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('[paths...]');
  });
});

describe('usage errors exit 2 with one line', () => {
  it('unknown flag', () => {
    const run = runCli(['--frobnicate', basic]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /unknown option '--frobnicate'/);
    expect(run.stdout).toBe('');
  });

  it('bad --format value', () => {
    const run = runCli(['--format', 'xml', basic]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /--format.*'xml' is invalid/);
  });

  it('bad --fail-on value', () => {
    const run = runCli(['--fail-on', 'P3', basic]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /--fail-on.*'P3' is invalid/);
  });

  it('missing value of --output', () => {
    const run = runCli([basic, '--output']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /--output <file>' argument missing/);
  });

  it('missing path', () => {
    const run = runCli([join(basic, 'no-such-folder')]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /path not found: .*no-such-folder/);
  });

  it('missing --project tsconfig', () => {
    const run = runCli([basic, '--project', join(basic, 'nope.json')]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /--project tsconfig not found/);
  });

  it('--update-baseline without --baseline', () => {
    const run = runCli([basic, '--update-baseline']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /--update-baseline needs --baseline/);
  });

  it('--update-baseline with a partial scan', () => {
    const run = runCli([basic, '--baseline', 'b.json', '--update-baseline', '--staged']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /--update-baseline needs a full scan/);
  });

  it('--changed together with --staged', () => {
    const run = runCli([basic, '--staged', '--changed']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /cannot be combined/);
  });

  it('unwritable --output', () => {
    const run = runCli([basic, '--output', join(basic, 'no-such-dir', 'report.json'), '--format', 'json']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /cannot write --output/);
  });
});

describe('--fail-on decides 0 or 1', () => {
  // basic holds one P0, one P1 and one P2 finding.
  it.each([
    ['P0', 1],
    ['P1', 1],
    ['P2', 1],
    ['none', 0],
  ] as const)('with findings P0+P1+P2, --fail-on %s exits %i', (failOn, code) => {
    expect(runCli([basic, '--fail-on', failOn, '--format', 'json']).code).toBe(code);
  });

  it('default is P1: a P2-only project exits 0, a P1 project exits 1', () => {
    const p2 = tempProject({ 'a.ts': '// STUB shared-encryption-key\nconst x = 1;\n' });
    expect(runStubCli([p2]).code).toBe(0);
    expect(runStubCli([p2, '--fail-on', 'P2']).code).toBe(1);
    const p1 = tempProject({ 'a.ts': '// STUB platform-fallback\nconst x = 1;\n' });
    expect(runStubCli([p1]).code).toBe(1);
    expect(runStubCli([p1, '--fail-on', 'P0']).code).toBe(0);
  });

  it('a clean project exits 0', () => {
    const clean = tempProject({ 'src/add.ts': 'export const add = (a: number, b: number): number => a + b;\n' });
    const run = runCli([clean]);
    expect(run.code).toBe(0);
    // Nothing to judge is not a clean bill of health: the report says that no sink was recognised.
    expect(run.stdout).toContain('No tenant-isolation gaps found, but no data-access sink was recognised either');
    expect(run.stdout).toContain('data access: 0 sinks, 0 judged scoped, 0 reported, 0 not judged');
  });

  it('a manifest or schema that does not parse is a warning, not a failure', () => {
    const dir = tempProject({ 'src/add.ts': 'export const add = (a: number, b: number): number => a + b;\n', 'k8s/bad.yaml': 'kind: Namespace\nmetadata: [unclosed\n' });
    const run = runCli([dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^tenant-audit: warning: k8s\/bad\.yaml: invalid YAML/m);
  });
});

describe('a source file that could not be analysed fails closed', () => {
  const broken = (): string => tempProject({
    'src/broken.ts': 'export function broken( {\n  return 1 +;\n}\n',
    'src/add.ts': 'export const add = (a: number, b: number): number => a + b;\n',
  });

  it('exits 2 whatever --fail-on says, after writing the report, with one line naming the file', () => {
    const dir = broken();
    for (const failOn of ['P1', 'none']) {
      const run = runCli([dir, '--format', 'json', '--fail-on', failOn]);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr, /^tenant-audit: incomplete scan: 1 source file was not analysed \(src\/broken\.ts; see the report\)/);
      const report = JSON.parse(run.stdout) as { summary: { coverage: { filesNotAnalysed: number; notAnalysed: { file: string; message: string }[] } } };
      expect(report.summary.coverage.filesNotAnalysed).toBe(1);
      expect(report.summary.coverage.notAnalysed).toEqual([{ file: 'src/broken.ts', message: "syntax error at 2:10: ':' expected." }]);
    }
  });

  it('--allow-incomplete restores the exit code of the findings (0 here), the file still in the report', () => {
    const run = runCli([broken(), '--allow-incomplete']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^tenant-audit: warning: src\/broken\.ts: syntax error/m);
    expect(run.stderr).not.toMatch(/incomplete scan/);
    expect(run.stdout).toMatch(/^INCOMPLETE: 1 source file was not analysed/);
    expect(run.stdout).toContain('No tenant-isolation gaps found in the files analysed, but 1 source file was not analysed: this is not a clean bill of health.');
  });

  it('config "allowIncomplete": true does the same; an ignored file is not missed at all', () => {
    const dir = broken();
    writeFileSync(join(dir, 'tenant-audit.config.json'), JSON.stringify({ allowIncomplete: true }));
    expect(runCli([dir, '--format', 'json']).code).toBe(0);
    writeFileSync(join(dir, 'tenant-audit.config.json'), JSON.stringify({ ignore: ['src/broken.ts'] }));
    const ignored = runCli([dir, '--format', 'json']);
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toBe('');
  });

  it('--update-baseline still writes the baseline and exits 0, warning that the file is not in it', () => {
    const dir = broken();
    const run = runCli(['.', '--baseline', 'b.json', '--update-baseline'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('tenant-audit: wrote 0 findings to baseline b.json\ntenant-audit: warning: 1 source file was not analysed (src/broken.ts); what they hold is not in the baseline\n');
  });

  it('a binary file named like a source fails closed too: tsc compiles a NUL byte in a comment', () => {
    const dir = tempProject({ 'src/add.ts': 'export const add = 1;\n' });
    writeFileSync(join(dir, 'src/hidden.ts'), Buffer.from('export const x = 1; // \0\n'));
    const run = runCli([dir, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ summary: { coverage: { notAnalysed: [{ file: 'src/hidden.ts', message: 'binary file (contains NUL bytes), skipped' }] } } });
  });
});

describe('internal errors', () => {
  it('exit 2 with one line and no stack by default', () => {
    const dir = tempProject({ 'a.ts': 'const a = 1;\n' });
    const run = runStubCli([dir], { env: { STUB_THROW: 'engine exploded' } });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /internal error: engine exploded/);
  });

  it('print the stack with TENANT_AUDIT_DEBUG=1', () => {
    const dir = tempProject({ 'a.ts': 'const a = 1;\n' });
    const run = runStubCli([dir], { env: { STUB_THROW: 'engine exploded', TENANT_AUDIT_DEBUG: '1' } });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('tenant-audit: internal error: engine exploded');
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});
