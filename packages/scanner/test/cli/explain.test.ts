/**
 * `tenant-audit explain` as a real subprocess on the sample app: a finding by fingerprint (scanned
 * or read from a report), a line holding a data access judged scoped, and the one-line refusals.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, ensureBuilt, REPO, runCli } from './helpers/cli.js';

let top: string;
let app: string;
let report: { findings: { kind: string; file: string; line: number; fingerprint: string }[] };

beforeAll(() => {
  ensureBuilt();
  top = mkdtempSync(join(tmpdir(), 'ta-explain-'));
  app = join(top, 'vulnerable');
  cpSync(join(REPO, 'fixtures/ai-saas/vulnerable'), app, { recursive: true });
  const run = runCli(['.', '--format', 'json', '--fail-on', 'none'], { cwd: app });
  expect(run.code).toBe(0);
  writeFileSync(join(app, 'report.json'), run.stdout);
  report = JSON.parse(run.stdout) as typeof report;
});

function byIdFinding(): { fingerprint: string } {
  const f = report.findings.find((x) => x.file === 'src/repositories/document-repository.ts' && x.kind === 'unscoped-query');
  if (!f) throw new Error('the sample app lost its by-id document read');
  return f;
}

describe('tenant-audit explain <fingerprint>', () => {
  it('prints the kind, severity, message, trace from the route and the verdict that decided', () => {
    const run = runCli(['explain', byIdFinding().fingerprint], { cwd: app });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('[P0] unscoped-query: Database access without a tenant constraint');
    expect(run.stdout).toMatch(/at {10}src\/repositories\/document-repository\.ts:\d+:\d+ in findById/);
    expect(run.stdout).toContain('ESLint rule tenant-isolation/no-context-free-data-access');
    expect(run.stdout).toMatch(/trace \(from the entry point to the flagged code\):\n {4}1\. src\/routes\/documents\.ts:\d+ {2}GET \/documents\/:id\n/);
    expect(run.stdout).toMatch(/what decided:\n {4}prisma\.document\.findUnique at src\/repositories\/document-repository\.ts:\d+ in findById: reported\n {6}why: the id comes from req\.params\.id/);
    expect(run.stdout).toMatch(/file-local verdict: id-parameter/);
    expect(run.stdout).toContain('fix: Put the tenant in the same filter');
  });

  it('takes a unique prefix, and reads a JSON report with --from without scanning', () => {
    const fp = byIdFinding().fingerprint;
    const prefix = runCli(['explain', fp.slice(0, 12)], { cwd: app });
    expect(prefix.code).toBe(0);
    expect(prefix.stdout).toContain(`fingerprint ${fp}`);
    const from = runCli(['explain', fp, '--from', 'report.json'], { cwd: app });
    expect(from.code).toBe(0);
    expect(from.stdout).toContain('GET /documents/:id');
    // A report holds findings, not the sink verdicts.
    expect(from.stdout).not.toContain('what decided');
  });

  it('an unknown fingerprint is one line on stderr and exit 2', () => {
    const run = runCli(['explain', 'deadbeefdeadbeef'], { cwd: app });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('tenant-audit: no finding with fingerprint deadbeefdeadbeef in this scan\n');
    const from = runCli(['explain', 'deadbeefdeadbeef', '--from', 'report.json'], { cwd: app });
    expect(from.stderr).toBe('tenant-audit: no finding with fingerprint deadbeefdeadbeef in report report.json\n');
  });
});

describe('tenant-audit explain on a silenced finding', () => {
  it('still explains it, and says a comment silences it', () => {
    const dir = copyFixture('basic');
    const file = join(dir, 'src/documents.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  return prisma.document.findUnique', '  // tenant-audit-ignore-next-line unscoped-query -- ids are random\n  return prisma.document.findUnique'));
    const run = runCli(['explain', 'src/documents.ts:7'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\[P0\] unscoped-query/);
    expect(run.stdout).toContain('silenced    by a tenant-audit-ignore-next-line comment above it');
    const plain = runCli(['explain', 'src/documents.ts:11'], { cwd: dir });
    expect(plain.stdout).not.toContain('silenced');
  });
});

describe('tenant-audit explain <file:line>', () => {
  it('says why a data access was judged scoped', () => {
    const run = runCli(['explain', 'src/repositories/document-repository.ts:17'], { cwd: app });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe([
      'data access on this line:',
      '  prisma.document.findFirst at src/repositories/document-repository.ts:17 in findForTenant: judged scoped',
      '    why: every caller passes the verified tenant',
      '    file-local verdict: parameter (tenant from a parameter)',
      '',
    ].join('\n'));
  });

  it('explains the finding on a flagged line, from another working directory too', () => {
    const run = runCli(['explain', 'vulnerable/src/repositories/document-repository.ts:13', 'vulnerable'], { cwd: top });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\[P0\] unscoped-query/);
  });

  it('a line with nothing on it, a bad target and an unreadable report exit 2 with one line', () => {
    const empty = runCli(['explain', 'src/repositories/document-repository.ts:1'], { cwd: app });
    expect([empty.code, empty.stderr]).toEqual([2, 'tenant-audit: src/repositories/document-repository.ts:1: no finding and no data access the scanner recognised\n']);
    const bad = runCli(['explain', 'zz'], { cwd: app });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tenant-audit: explain needs a finding's fingerprint .* or FILE:LINE, got "zz"\n$/);
    const missing = runCli(['explain', 'deadbeefdeadbeef', '--from', 'nope.json'], { cwd: app });
    expect([missing.code, missing.stderr]).toEqual([2, 'tenant-audit: cannot read report nope.json (not found)\n']);
    const notReport = runCli(['explain', 'deadbeefdeadbeef', '--from', 'tsconfig.json'], { cwd: app });
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toContain('is not a tenant-audit JSON report');
  });
});
