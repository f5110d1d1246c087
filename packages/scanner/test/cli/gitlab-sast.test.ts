import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GAP_CATALOGUE } from '@tenant-audit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, SCANNER, ensureBuilt, runCli, runStubCli, tempProject } from './helpers/cli.js';
import { gitlabSastProblems } from './helpers/gitlab-sast-shape.js';

beforeAll(ensureBuilt);

interface Vulnerability {
  id: string;
  category: string;
  name: string;
  description: string;
  severity: string;
  solution: string;
  identifiers: { type: string; name: string; value: string }[];
  location: { file: string; start_line: number; end_line: number; method?: string };
}

interface SastReport {
  version: string;
  scan: {
    analyzer: { id: string; version: string };
    scanner: { id: string; name: string; version: string; vendor: { name: string } };
    type: string;
    start_time: string;
    end_time: string;
    status: string;
    messages: { level: string; value: string }[];
  };
  vulnerabilities: Vulnerability[];
}

/** Deterministic input: P0 with a trace, P1, P2, and a file that does not parse. */
function project(): string {
  return tempProject({
    'src/routes.ts': ['export function handler() {', '  // STUB-TRACE', '  // STUB unscoped-query', '  return db.find({ where: { id } });', '}', ''].join('\n'),
    'src/cache.ts': ['const key = `ctx:${id}`; // STUB shared-cache-keyspace', ''].join('\n'),
    'src/crypto.ts': ['// STUB shared-encryption-key', "const c = createCipheriv('aes-256-gcm', KEY, iv);", ''].join('\n'),
    'src/broken.ts': 'STUB-PARSE-ERROR\n',
  });
}

const notGit = (dir: string) => ({ env: { GIT_CEILING_DIRECTORIES: dir } });

function report(dir: string, args: string[] = []): { code: number; report: SastReport } {
  // The broken file is a source file the scan could not analyse: accepted here, so the findings decide the exit code.
  const run = runStubCli([dir, '--format', 'gitlab-sast', '--allow-incomplete', ...args], notGit(dir));
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as SastReport };
}

describe('--format gitlab-sast', () => {
  it('fits GitLab SAST report schema v15: scan block, times, one vulnerability per finding', () => {
    const dir = project();
    const { code, report: r } = report(dir);
    expect(code).toBe(1);
    expect(gitlabSastProblems(r)).toEqual([]);
    expect(r.version).toBe('15.0.7');
    expect(r.scan.type).toBe('sast');
    expect(r.scan.status).toBe('success');
    expect(r.scan.scanner).toMatchObject({ id: 'tenant-audit', name: 'tenant-audit', vendor: { name: 'tenant-audit' } });
    expect(r.scan.analyzer.version).toBe(JSON.parse(readFileSync(join(SCANNER, 'package.json'), 'utf8')).version);
    expect(r.scan.start_time <= r.scan.end_time).toBe(true);
    // A file that did not parse is a scan message, not a vulnerability.
    expect(r.scan.messages).toEqual([{ level: 'warn', value: 'src/broken.ts: not analysed: syntax error at 1:1: stub parse error' }]);
    expect(r.vulnerabilities.map((v) => [v.identifiers[0]?.value, v.severity, v.location.file, v.location.start_line])).toEqual([
      ['unscoped-query', 'Critical', 'src/routes.ts', 4],
      ['shared-cache-keyspace', 'High', 'src/cache.ts', 1],
      ['shared-encryption-key', 'Medium', 'src/crypto.ts', 2],
    ]);
  });

  it('maps each finding to the fields GitLab shows: name, description, solution, identifiers, location', () => {
    const [query] = report(project()).report.vulnerabilities;
    expect(query).toBeDefined();
    const v = query!;
    expect(v.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(v.category).toBe('sast');
    // The name is the kind's title, never the finding's specifics (the schema's rule).
    expect(v.name).toBe(GAP_CATALOGUE['unscoped-query'].title);
    expect(v.description.startsWith('stub finding unscoped-query\n\n')).toBe(true);
    expect(v.description).toContain('1. GET /stub (`src/routes.ts:1`)');
    expect(v.solution).toBe(GAP_CATALOGUE['unscoped-query'].fix);
    expect(v.identifiers[0]).toEqual({ type: 'tenant_audit_rule', name: 'tenant-audit unscoped-query', value: 'unscoped-query' });
    expect(v.location).toEqual({ file: 'src/routes.ts', start_line: 4, end_line: 4, method: 'stubbed' });
  });

  it('ids are stable across runs and unique when one gap occurs twice', () => {
    const dir = tempProject({ 'a.ts': ['// STUB unscoped-query', 'db.find(id);', '// STUB unscoped-query', 'db.find(id);', ''].join('\n') });
    const first = report(dir).report.vulnerabilities.map((v) => v.id);
    const second = report(dir).report.vulnerabilities.map((v) => v.id);
    expect(first).toHaveLength(2);
    expect(new Set(first).size).toBe(2);
    expect(second).toEqual(first);
  });

  it('follows --fail-on like every format and writes an empty list for a clean scan', () => {
    expect(report(project(), ['--fail-on', 'none']).code).toBe(0);
    expect(report(project(), ['--fail-on', 'P0']).code).toBe(1);
    const clean = report(tempProject({ 'ok.ts': 'export const ok = 1;\n' }));
    expect(clean.code).toBe(0);
    expect(clean.report.vulnerabilities).toEqual([]);
    expect(gitlabSastProblems(clean.report)).toEqual([]);
  });

  it('on the real engine: repository-relative paths and the end line of the flagged code', () => {
    const run = runCli([join(FIXTURES, 'basic'), '--format', 'gitlab-sast']);
    expect(run.code).toBe(1);
    const r = JSON.parse(run.stdout) as SastReport;
    expect(gitlabSastProblems(r)).toEqual([]);
    const query = r.vulnerabilities.find((v) => v.identifiers[0]?.value === 'unscoped-query');
    expect(query?.location).toEqual({ file: 'packages/scanner/test/cli-fixtures/basic/src/documents.ts', start_line: 6, end_line: 6, method: 'findDocument' });
    expect(query?.identifiers[1]).toEqual({ type: 'eslint_rule', name: 'tenant-isolation/no-context-free-data-access', value: 'tenant-isolation/no-context-free-data-access' });
  });

  it('the shape check is not vacuous: a missing identifier, a bad severity or a zoned time fails', () => {
    const r = report(project()).report as unknown as { scan: Record<string, unknown>; vulnerabilities: Record<string, unknown>[] };
    r.vulnerabilities[0]!.identifiers = [];
    r.vulnerabilities[1]!.severity = 'P1';
    r.scan.end_time = '2026-01-01T00:00:00.000Z';
    expect(gitlabSastProblems(r)).toEqual([
      'scan.end_time must be yyyy-mm-ddThh:mm:ss',
      'vulnerabilities[0].identifiers must hold at least one identifier',
      'vulnerabilities[1].severity must be one of Info, Unknown, Low, Medium, High, Critical',
    ]);
  });
});
