import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, SCHEMA_DIR, copyFixture, ensureBuilt, runCli, runStubCli, tempProject } from './helpers/cli.js';

beforeAll(ensureBuilt);

const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, 'tenant-audit-report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function expectValid(report: unknown): void {
  const ok = validate(report);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  root: string;
  summary: { filesScanned: number; durationMs: number; bySeverity: Record<string, number>; suppressed: number; coverage: { filesNotAnalysed: number; notAnalysed: { file: string; message: string }[] } };
  findings: { kind: string; severity: string; file: string; line: number; column: number; fingerprint: string; trace?: unknown[] }[];
  errors: { file: string; message: string }[];
}

describe('--format json', () => {
  it('has the contract shape and validates against the shipped schema', () => {
    const run = runCli([join(FIXTURES, 'basic'), '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expectValid(report);
    const pkg = JSON.parse(readFileSync(join(REPO, 'packages/scanner/package.json'), 'utf8')) as { version: string };
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'tenant-audit', version: pkg.version });
    expect(report.root).toBe(join(FIXTURES, 'basic'));
    expect(report.summary.bySeverity).toEqual({ P0: 1, P1: 1, P2: 1 });
    expect(report.summary.filesScanned).toBeGreaterThanOrEqual(4);
    expect(report.findings.map((f) => [f.severity, f.kind, f.file])).toEqual([
      ['P0', 'unscoped-query', 'src/documents.ts'],
      ['P1', 'shared-cache-keyspace', 'src/cache.ts'],
      ['P2', 'shared-encryption-key', 'src/crypto.ts'],
    ]);
    // The manifest that does not parse is in errors and the scan went on; it is no source file, so
    // nothing counts as not analysed (and the exit code follows the findings).
    expect(report.errors).toEqual([{ file: 'k8s/broken.yaml', message: expect.stringMatching(/^invalid YAML/) as string }]);
    expect(report.summary.coverage).toMatchObject({ filesNotAnalysed: 0, notAnalysed: [] });
    expect(run.code).toBe(1);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'root', 'summary', 'findings', 'errors']);
    // Each finding carries its full fix, right after the message; the fixture imports no @tenant-audit/runtime.
    const first = report.findings[0] as unknown as Record<string, unknown>;
    expect(Object.keys(first).slice(Object.keys(first).indexOf('message'), Object.keys(first).indexOf('message') + 2)).toEqual(['message', 'fix']);
    expect(first.fix).toMatch(/^Put the tenant in the same filter \(`findFirst\(\{ where: \{ id, tenantId \} \}\)`/);
    expect(report.findings.every((f) => typeof (f as unknown as { fix?: unknown }).fix === 'string')).toBe(true);
  });

  it('validates with traces, parse errors and the real demo fixture', () => {
    const dir = tempProject({
      'a.ts': '// STUB-TRACE\n// STUB unscoped-query\nconst a = 1;\n',
      'b.ts': 'STUB-PARSE-ERROR\n',
    });
    const stub = JSON.parse(runStubCli([dir, '--format', 'json']).stdout) as Report;
    expectValid(stub);
    expect(stub.findings[0]?.trace).toHaveLength(2);
    // The entry point a trace starts at says so; other steps carry no flag at all.
    expect(stub.findings[0]?.trace).toEqual([{ file: 'a.ts', line: 1, note: 'GET /stub', entry: true }, { file: 'a.ts', line: 3, note: 'calls stubbed' }]);
    expect(stub.errors).toHaveLength(1);
    expect(stub.summary.coverage.notAnalysed).toEqual([{ file: 'b.ts', message: 'syntax error at 1:1: stub parse error' }]);

    const demo = runCli([join(REPO, 'fixtures/ai-saas/vulnerable'), '--format', 'json']);
    expectValid(JSON.parse(demo.stdout));
  });

  it('--output writes the report to the file and nothing to stdout', () => {
    const dir = copyFixture('basic');
    const run = runCli(['.', '--format', 'json', '--output', 'out/../report.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expectValid(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
  });

  it('carries no progress output even when progress is allowed', () => {
    const run = runCli([join(FIXTURES, 'basic'), '--format', 'json']);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    expect(run.stdout.trimStart().startsWith('{')).toBe(true);
    expect(run.stderr).toBe('');
  });
});
