import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, ensureBuilt, runCli, runStubCli, tempProject } from './helpers/cli.js';

beforeAll(ensureBuilt);

interface Report {
  summary: { suppressed: number; bySeverity: Record<string, number> };
  findings: { kind: string; file: string; line: number }[];
  errors: { file: string; message: string }[];
}

/** Inserts `comment` above the line of documents.ts that holds `findUnique`. */
function annotate(dir: string, comment: string): void {
  const path = join(dir, 'src/documents.ts');
  const lines = readFileSync(path, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('findUnique'));
  lines.splice(at, 0, `  ${comment}`);
  writeFileSync(path, lines.join('\n'));
}

function json(dir: string, extra: string[] = []): { code: number; report: Report } {
  const run = runCli(['.', '--format', 'json', ...extra], { cwd: dir });
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

describe('// tenant-audit-ignore-next-line', () => {
  it('with a reason silences the kind on the next line and counts it as suppressed', () => {
    const dir = copyFixture('basic');
    annotate(dir, '// tenant-audit-ignore-next-line unscoped-query -- ids are random UUIDs checked by the gateway');
    const { report } = json(dir);
    expect(report.findings.map((f) => f.kind)).not.toContain('unscoped-query');
    expect(report.summary.suppressed).toBe(1);
    expect(report.summary.bySeverity.P0).toBe(0);
    expect(report.errors.filter((e) => e.file === 'src/documents.ts')).toEqual([]);
  });

  it('without a reason is ignored and reported in errors (JSON) and as a warning (pretty)', () => {
    const dir = copyFixture('basic');
    annotate(dir, '// tenant-audit-ignore-next-line unscoped-query');
    const { code, report } = json(dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.kind)).toContain('unscoped-query');
    expect(report.summary.suppressed).toBe(0);
    expect(report.errors).toContainEqual({ file: 'src/documents.ts', message: expect.stringMatching(/^line 6: .*has no reason.*ignored/) as unknown as string });
    const pretty = runCli(['.'], { cwd: dir });
    expect(pretty.stderr).toMatch(/warning: src\/documents\.ts: line 6: tenant-audit-ignore-next-line unscoped-query has no reason/);
  });

  it('an empty reason after -- is no reason', () => {
    const dir = copyFixture('basic');
    annotate(dir, '// tenant-audit-ignore-next-line unscoped-query --   ');
    const { report } = json(dir);
    expect(report.summary.suppressed).toBe(0);
    expect(report.errors.some((e) => /has no reason/.test(e.message))).toBe(true);
  });

  it('only silences the kinds it names', () => {
    const dir = copyFixture('basic');
    annotate(dir, '// tenant-audit-ignore-next-line shared-cache-keyspace -- wrong kind');
    expect(json(dir).report.findings.map((f) => f.kind)).toContain('unscoped-query');
  });

  it('names several kinds; an unknown kind is reported, the known ones still apply', () => {
    const dir = tempProject({
      'a.ts': [
        '// tenant-audit-ignore-next-line unscoped-query, platform-fallback, not-a-kind -- reviewed in SEC-12',
        'x(); // STUB unscoped-query // STUB platform-fallback // STUB unscoped-backup',
      ].join('\n'),
    });
    const report = JSON.parse(runStubCli([dir, '--format', 'json']).stdout) as Report;
    expect(report.summary.suppressed).toBe(2);
    expect(report.findings.map((f) => f.kind)).toEqual(['unscoped-backup']);
    expect(report.errors).toEqual([{ file: 'a.ts', message: 'line 1: tenant-audit-ignore-next-line: unknown gap kind "not-a-kind"' }]);
  });

  it('does not reach past the next line', () => {
    const dir = copyFixture('basic');
    annotate(dir, '// tenant-audit-ignore-next-line unscoped-query -- too far away');
    annotate(dir, '// an unrelated comment in between');
    expect(json(dir).report.summary.suppressed).toBe(0);
  });
});

describe('-- tenant-audit-ignore-next-line in SQL migrations', () => {
  const project = (comment: string): string => tempProject({
    'src/db.ts': "import { withTenantTransaction } from '@tenant-audit/runtime/postgres';\nexport const run = withTenantTransaction;\n",
    'migrations/001.sql': [
      'CREATE TABLE documents (id uuid PRIMARY KEY, tenant_id uuid NOT NULL);',
      'ALTER TABLE documents ENABLE ROW LEVEL SECURITY;',
      'ALTER TABLE documents FORCE ROW LEVEL SECURITY;',
      comment,
      'CREATE POLICY platform_reads ON documents FOR SELECT TO platform_operator USING (true);',
    ].join('\n'),
  });

  it('with a reason silences the finding on the next statement line', () => {
    const dir = project('-- tenant-audit-ignore-next-line missing-rls-policy -- the platform operator role reads across tenants by design (SEC-31)');
    const { report } = json(dir);
    expect(report.findings).toEqual([]);
    expect(report.summary.suppressed).toBe(1);
    expect(report.errors).toEqual([]);
  });

  it('without a reason silences nothing and is reported', () => {
    const dir = project('-- tenant-audit-ignore-next-line missing-rls-policy');
    const { report } = json(dir);
    expect(report.findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['missing-rls-policy migrations/001.sql:5']);
    expect(report.errors.map((e) => e.file)).toEqual(['migrations/001.sql']);
  });

  it('an unrelated comment above the statement silences nothing', () => {
    const dir = project('-- an unrelated comment');
    expect(json(dir).report.findings.map((f) => f.line)).toEqual([5]);
  });
});
