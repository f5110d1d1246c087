/**
 * `tenant-audit init` as a real subprocess on real code bases: the bundled sample app and scanner
 * fixtures with other ORMs and tenant names. The written config must load with core's loader, and
 * a scan with it must report exactly what a scan with the hand-written config reports.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile, validateConfig } from '@tenant-audit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO, runCli, SCANNER, tempProject } from './helpers/cli.js';

beforeAll(ensureBuilt);

/** A temp copy of a code base with its hand-written config moved aside to `hand.json` beside it. */
function copyWithoutConfig(source: string): { dir: string; hand: string } {
  const top = mkdtempSync(join(tmpdir(), 'ta-init-'));
  const dir = join(top, 'app');
  cpSync(source, dir, { recursive: true });
  const hand = join(top, 'hand.json');
  renameSync(join(dir, 'tenant-audit.config.json'), hand);
  return { dir, hand };
}

function fingerprints(dir: string, config: string): string[] {
  const run = runCli([dir, '--format', 'json', '--config', config, '--fail-on', 'none']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { findings: { fingerprint: string }[] }).findings.map((f) => f.fingerprint).sort();
}

describe('tenant-audit init on the sample app', () => {
  it('finds Prisma, Express, tenantId and the fail-closed getter; the scan with its config equals the hand-written one', () => {
    const { dir, hand } = copyWithoutConfig(join(REPO, 'fixtures/ai-saas/vulnerable'));
    const run = runCli(['init', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/data\s+Prisma: schema prisma\/schema\.prisma, @prisma\/client imported by \d+ source files/);
    expect(run.stdout).toMatch(/framework\s+Express/);
    expect(run.stdout).toMatch(/tenant fields tenantId: a default tenant field name, pointing at Tenant; 9 models/);
    expect(run.stdout).toContain('not proposed: workspaceId (only 1 model carries it');
    expect(run.stdout).toContain('context getter getCurrentTenantIdOrThrow (src/lib/tenant-context.ts:22)');
    expect(run.stdout).toContain("{ settings: { tenantIsolation: { tenantFields: ['tenantId'], contextGetters: ['getCurrentTenantIdOrThrow'] } } },");

    const written = join(dir, 'tenant-audit.config.json');
    const { config } = loadConfigFile(written);
    expect(config.tenantFields).toEqual(['tenantId']);
    expect(config.contextGetters).toContain('getCurrentTenantIdOrThrow');
    const raw = JSON.parse(readFileSync(written, 'utf8')) as Record<string, unknown>;
    expect(raw['//tenantFields']).toMatch(/prisma\/schema\.prisma/);

    const withInit = fingerprints(dir, written);
    expect(withInit.length).toBeGreaterThan(20);
    expect(withInit).toEqual(fingerprints(dir, hand));
  });
});

describe('tenant-audit init on code bases with other ORMs and tenant names', () => {
  const cases = [
    { fixture: 'recall/mongoose-tenant-ref', orm: 'Mongoose', framework: 'Express', fields: ['workspaceId'] },
    { fixture: 'recall/typeorm-repository-getters', orm: 'TypeORM', framework: 'Fastify', fields: ['projectId'] },
    { fixture: 'flow/trpc-context', orm: 'Prisma', framework: undefined, fields: ['teamId'] },
    { fixture: 'recall/tenant-entity', orm: 'Prisma', framework: undefined, fields: ['organizationId'] },
  ];
  for (const c of cases) {
    it(`${c.fixture}: ${c.orm}, tenant field ${c.fields.join(', ')}, same findings as the hand-written config`, () => {
      const { dir, hand } = copyWithoutConfig(join(SCANNER, 'test/fixtures', c.fixture));
      const run = runCli(['init'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`data\\s+${c.orm}: `));
      if (c.framework) expect(run.stdout).toMatch(new RegExp(`framework\\s+${c.framework}: `));
      const written = join(dir, 'tenant-audit.config.json');
      expect(loadConfigFile(written).config.tenantFields).toEqual(c.fields);
      expect(validateConfig(JSON.parse(readFileSync(hand, 'utf8'))).tenantFields).toEqual(c.fields);
      const withInit = fingerprints(dir, written);
      expect(withInit.length).toBeGreaterThan(0);
      expect(withInit).toEqual(fingerprints(dir, hand));
    });
  }
});

describe('tenant-audit init: refusals and edges', () => {
  it('refuses to overwrite a config (exit 2, file untouched) unless --force', () => {
    const dir = tempProject({ 'tenant-audit.config.json': '{ "tenantFields": ["mine"] }\n', 'src/a.ts': 'export const a = 1;\n' });
    const run = runCli(['init', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tenant-audit: .*tenant-audit\.config\.json already exists; pass --force to overwrite it\n$/);
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dir, 'tenant-audit.config.json'), 'utf8')).toBe('{ "tenantFields": ["mine"] }\n');
    const forced = runCli(['init', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(loadConfigFile(join(dir, 'tenant-audit.config.json')).config.tenantFields).not.toContain('mine');
  });

  it('refuses to shadow a package.json#tenantAudit section unless --force', () => {
    const dir = tempProject({ 'package.json': JSON.stringify({ name: 'x', tenantAudit: { tenantFields: ['orgId'] } }) });
    const run = runCli(['init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"tenantAudit" section');
    expect(existsSync(join(dir, 'tenant-audit.config.json'))).toBe(false);
    expect(runCli(['init', '--force'], { cwd: dir }).code).toBe(0);
  });

  it('exits 2 with one line for a missing path or a file', () => {
    const dir = tempProject({ 'a.ts': 'export {};\n' });
    const missing = runCli(['init', 'nope'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([2, 'tenant-audit: path not found: nope\n']);
    const file = runCli(['init', 'a.ts'], { cwd: dir });
    expect([file.code, file.stderr]).toEqual([2, 'tenant-audit: init needs a folder, got a file: a.ts\n']);
  });

  it('keeps the defaults and says so when the code base has no data model', () => {
    const dir = tempProject({ 'package.json': JSON.stringify({ dependencies: { fastify: '^5' } }), 'src/server.ts': "import Fastify from 'fastify';\nexport const app = Fastify();\n" });
    const run = runCli(['init', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('framework  Fastify: fastify in package.json, fastify imported by 1 source file');
    expect(run.stdout).toContain('no tenant column found: the defaults stay');
    expect(run.stdout).toContain("tenantIsolation.configs['flat/recommended'],\n];");
    const raw = JSON.parse(readFileSync(join(dir, 'tenant-audit.config.json'), 'utf8')) as Record<string, unknown>;
    expect(raw.tenantFields).toBeUndefined();
    expect(loadConfigFile(join(dir, 'tenant-audit.config.json')).config.tenantFields).toContain('tenantId');
  });

  it('has its own help, and the scan help lists the commands', () => {
    const help = runCli(['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--force');
    const root = runCli(['--help']);
    expect(root.stdout).toMatch(/tenant-audit init \[path\]/);
    expect(root.stdout).toMatch(/tenant-audit explain <fingerprint\|file:line>/);
    expect(runCli(['init', '--nope']).stderr).toBe("tenant-audit: unknown option '--nope'\n");
  });

  it('still scans a folder named init when written as ./init', () => {
    const dir = tempProject({ 'init/a.ts': 'export const a = 1;\n' });
    const run = runCli(['./init', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary.filesScanned).toBe(1);
    expect(existsSync(join(dir, 'init/tenant-audit.config.json'))).toBe(false);
  });
});
