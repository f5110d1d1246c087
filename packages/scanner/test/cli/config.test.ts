import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, ensureBuilt, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0] ?? '';
}

describe('bad config exits 2 with one line naming the file and the key', () => {
  it('unknown key in tenant-audit.config.json at the root', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'tenant-audit.config.json'), JSON.stringify({ tenantFeilds: ['tenantId'] }));
    const run = runCli(['.'], { cwd: dir });
    expect(run.code).toBe(2);
    const line = oneLine(run.stderr);
    expect(line).toMatch(/^tenant-audit: config error: /);
    expect(line).toContain(join(dir, 'tenant-audit.config.json'));
    expect(line).toContain('"tenantFeilds"');
  });

  it('wrong type via --config', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'custom.json'), JSON.stringify({ tenantFields: 'tenantId' }));
    const run = runCli(['.', '--config', 'custom.json'], { cwd: dir });
    expect(run.code).toBe(2);
    const line = oneLine(run.stderr);
    expect(line).toContain('custom.json');
    expect(line).toContain('"tenantFields"');
    expect(line).toMatch(/must be an array/);
  });

  it('bad severity override names the nested key', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'tenant-audit.config.json'), JSON.stringify({ severity: { 'unscoped-query': 'P9' } }));
    const run = runCli(['.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toContain('severity.unscoped-query');
  });

  it('invalid JSON', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'tenant-audit.config.json'), '{ "tenantFields": [ }');
    const run = runCli(['.'], { cwd: dir });
    expect(run.code).toBe(2);
    const line = oneLine(run.stderr);
    expect(line).toContain('tenant-audit.config.json');
    expect(line).toMatch(/invalid JSON/);
  });

  it('package.json#tenantAudit with an unknown key', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', tenantAudit: { nope: true } }));
    const run = runCli(['.'], { cwd: dir });
    expect(run.code).toBe(2);
    const line = oneLine(run.stderr);
    expect(line).toContain('package.json');
    expect(line).toContain('"nope"');
  });

  it('--config that does not exist', () => {
    const dir = copyFixture('basic');
    const run = runCli(['.', '--config', 'missing.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/missing\.json: config file not found/);
  });
});

describe('a valid config applies', () => {
  it('severity overrides change the exit code and the JSON', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ severity: { 'unscoped-query': 'P2', 'shared-cache-keyspace': 'P2' } }));
    const run = runCli(['.', '--config', 'cfg.json', '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { bySeverity: Record<string, number> } };
    expect(report.summary.bySeverity).toEqual({ P0: 0, P1: 0, P2: 3 });
  });

  it('ignore globs leave files out', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'tenant-audit.config.json'), JSON.stringify({ ignore: ['src/documents.ts', 'src/cache.ts'] }));
    const run = runCli(['.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { file: string }[] };
    expect(report.findings.map((f) => f.file)).toEqual(['src/crypto.ts']);
  });
});
