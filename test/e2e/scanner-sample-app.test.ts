import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP, REPO, runCli, type CliRun, type ExpectedFinding } from './support.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The shipped SARIF schema is draft-04 as OASIS published it: read its `id` as `$id` for Ajv 8. */
function sarifValidator() {
  const raw = JSON.parse(readFileSync(join(REPO, 'packages/scanner/schema/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = raw;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id as string, ...rest });
}

const expected = (JSON.parse(readFileSync(join(APP, 'expected.json'), 'utf8')) as { findings: ExpectedFinding[] }).findings;
const key = (f: ExpectedFinding) => `${f.severity} ${f.kind} ${f.file}:${f.line}`;

describe('tenant-audit CLI on the sample AI SaaS app', () => {
  let vulnerableJson: CliRun;
  let vulnerableSarif: CliRun;
  let fixedJson: CliRun;

  beforeAll(() => {
    vulnerableJson = runCli([join(APP, 'vulnerable'), '--format', 'json', '--no-progress']);
    vulnerableSarif = runCli([join(APP, 'vulnerable'), '--format', 'sarif', '--no-progress']);
    fixedJson = runCli([join(APP, 'fixed'), '--format', 'json', '--no-progress']);
  });

  it('reports exactly the expected findings on the vulnerable variant, and exits 1', () => {
    expect(vulnerableJson.stderr).toBe('');
    expect(vulnerableJson.status).toBe(1);
    const report = JSON.parse(vulnerableJson.stdout) as { findings: ExpectedFinding[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.findings.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('covers every gap kind of the contract in the expected findings', () => {
    const kinds = new Set(expected.map((f) => f.kind));
    expect([...kinds].sort()).toEqual([
      'fail-open-tenant-check', 'missing-network-policy', 'missing-rls-policy', 'optional-tenant-param', 'platform-fallback', 'shared-cache-keyspace',
      'shared-encryption-key', 'unscoped-backup', 'unscoped-log-access', 'unscoped-query', 'unscoped-session-key',
      'unscoped-vector-search', 'untagged-telemetry',
    ]);
  });

  it('writes SARIF 2.1.0 that validates against the shipped schema', () => {
    expect(vulnerableSarif.status).toBe(1);
    const validate = sarifValidator();
    const sarif = JSON.parse(vulnerableSarif.stdout) as { runs: { results: unknown[] }[] };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(sarif.runs[0]?.results).toHaveLength(expected.length);
  });

  it('reports nothing on the fixed variant, and exits 0', () => {
    expect(fixedJson.status).toBe(0);
    const report = JSON.parse(fixedJson.stdout) as { findings: unknown[]; summary: { bySeverity: Record<string, number> } };
    expect(report.findings).toEqual([]);
    expect(report.summary.bySeverity).toEqual({ P0: 0, P1: 0, P2: 0 });
  });
});
