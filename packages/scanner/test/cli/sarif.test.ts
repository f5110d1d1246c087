import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GAP_CATALOGUE, GAP_KINDS } from '@tenant-audit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, ensureBuilt, runCli, runStubCli, tempProject } from './helpers/cli.js';
import { sarifValidator } from './helpers/sarif-schema.js';

beforeAll(ensureBuilt);

const validate = sarifValidator();

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; properties: { tags: string[]; 'security-severity': string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
      partialFingerprints: Record<string, string>;
      properties: Record<string, unknown>;
      codeFlows?: { threadFlows: { locations: { location: { message: { text: string } } }[] }[] }[];
    }[];
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('--format sarif', () => {
  it('validates against the shipped SARIF 2.1.0 schema and maps every field GitHub reads', () => {
    const run = runCli([join(FIXTURES, 'basic'), '--format', 'sarif']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const log = JSON.parse(run.stdout) as Sarif;
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const runObj = log.runs[0]!;
    expect(runObj.tool.driver.name).toBe('tenant-audit');
    expect(runObj.tool.driver.rules.map((r) => r.id)).toEqual([...GAP_KINDS]);
    for (const rule of runObj.tool.driver.rules) {
      const info = GAP_CATALOGUE[rule.id as keyof typeof GAP_CATALOGUE];
      expect(rule.shortDescription.text).toBe(info.title);
      expect(rule.fullDescription.text).toBe(info.explanation);
      expect(rule.help.text).toBe(info.fix);
      expect(rule.help.markdown).toContain(info.fix);
      expect(rule.properties['security-severity']).toBe(info.securitySeverity.toFixed(1));
      expect(rule.properties.tags[0]).toBe('security');
    }
    // Inside a git work tree %SRCROOT% is its top, so GitHub maps the URIs onto the repository.
    expect(runObj.originalUriBaseIds['%SRCROOT%']?.uri).toBe(pathToFileURL(`${REPO}/`).href);
    expect(runObj.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['unscoped-query', 'error'],
      ['shared-cache-keyspace', 'error'],
      ['shared-encryption-key', 'warning'],
    ]);
    for (const r of runObj.results) {
      expect(runObj.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
      const loc = r.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).toMatch(/^packages\/scanner\/test\/cli-fixtures\/basic\/src\/[a-z]+\.ts$/);
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(r.partialFingerprints['tenantAudit/v1']).toMatch(/^[0-9a-f]{16,}$/);
      expect(typeof r.properties['security-severity']).toBe('string');
      // The fix tailored to the scanned code (this fixture does not use @tenant-audit/runtime).
      expect(r.properties.fix).toEqual(expect.any(String));
      expect(r.properties.fix).not.toMatch(/getCurrentTenant|createTenantRedis|deriveTenantKey/);
    }
    // Rules link to their kind's page.
    for (const rule of runObj.tool.driver.rules as unknown as { id: keyof typeof GAP_CATALOGUE; helpUri: string }[]) expect(rule.helpUri).toBe(GAP_CATALOGUE[rule.id].docsUrl);
    // The manifest that does not parse is a tool notification, not a result.
    expect(runObj.invocations[0]?.toolExecutionNotifications[0]?.message.text).toMatch(/^invalid YAML/);
  });

  it('outside git, %SRCROOT% is the scan root and URIs are relative to it', () => {
    const dir = tempProject({ 'lib/a.ts': '// STUB unscoped-query\nq();\n' });
    const log = JSON.parse(runStubCli([dir, '--format', 'sarif'], { env: { GIT_CEILING_DIRECTORIES: dir } }).stdout) as Sarif;
    expectValid(log);
    expect(log.runs[0]?.originalUriBaseIds['%SRCROOT%']?.uri).toBe(pathToFileURL(`${dir}/`).href);
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('lib/a.ts');
  });

  it('turns traces into codeFlows / threadFlows ending at the finding', () => {
    const dir = tempProject({ 'a.ts': '// STUB-TRACE\n// STUB unscoped-vector-search\nsearch(q);\n' });
    const log = JSON.parse(runStubCli([dir, '--format', 'sarif']).stdout) as Sarif;
    expectValid(log);
    const flow = log.runs[0]?.results[0]?.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
    expect(flow.map((l) => l.location.message.text)).toEqual(['GET /stub', 'calls stubbed', 'stub finding unscoped-vector-search']);
  });

  it('the validator is not vacuous: a wrong level or a missing message fails', () => {
    const log = JSON.parse(runCli([join(FIXTURES, 'basic'), '--format', 'sarif']).stdout) as { runs: { results: Record<string, unknown>[] }[] };
    const result = log.runs[0]!.results[0]!;
    result.level = 'critical';
    expect(validate(log)).toBe(false);
    result.level = 'error';
    delete result.message;
    expect(validate(log)).toBe(false);
  });

  it('validates for a clean scan and for the demo fixture', () => {
    const clean = tempProject({ 'ok.ts': 'export const ok = 1;\n' });
    const empty = JSON.parse(runCli([clean, '--format', 'sarif']).stdout) as Sarif;
    expectValid(empty);
    expect(empty.runs[0]?.results).toEqual([]);
    expectValid(JSON.parse(runCli([join(REPO, 'fixtures/ai-saas/vulnerable'), '--format', 'sarif']).stdout));
  });
});
