/** `--print-config` as a real subprocess: the effective config and each key's source, no scan. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beforeAll } from 'vitest';
import { ensureBuilt, runCli, tempProject } from './helpers/cli.js';

beforeAll(ensureBuilt);

interface Printed {
  root: string;
  configFile: string | null;
  config: Record<string, unknown>;
  sources: Record<string, string>;
}

function printed(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Printed {
  const run = runCli([...args, '--print-config'], { cwd, env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Printed;
}

// A file that a scan would flag: --print-config must exit 0 without scanning it.
const FLAGGED = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const f = (id: string) => prisma.document.findUnique({ where: { id } });\n";

describe('--print-config', () => {
  it('without a config: every key from the defaults, and no scan', () => {
    const dir = tempProject({ 'src/a.ts': FLAGGED });
    const out = printed(['.'], dir);
    expect(out.configFile).toBeNull();
    expect(out.root).toBe(dir);
    expect(out.config.tenantFields).toEqual(['tenantId', 'tenant_id', 'orgId', 'organizationId', 'workspaceId', 'teamId', 'accountId']);
    expect(out.config.reportUnreachedSinks).toBeNull();
    expect(new Set(Object.values(out.sources))).toEqual(new Set(['default']));
    expect(Object.keys(out.sources).sort()).toEqual(Object.keys(out.config).sort());
    expect(out).not.toHaveProperty('findings');
  });

  it('a config file at the root: replaced and extended keys say so, the rest stay default', () => {
    const dir = tempProject({
      'src/a.ts': FLAGGED,
      'tenant-audit.config.json': JSON.stringify({ $comment: 'x', tenantFields: ['projectId'], contextGetters: ['getProjectIdOrThrow'], severity: { 'unscoped-query': 'P1' }, includeTests: true }),
    });
    const file = join(dir, 'tenant-audit.config.json');
    // From a subfolder too: the config root is found as the scan finds it.
    const out = printed(['src'], dir);
    expect(out.configFile).toBe(file);
    expect(out.config.tenantFields).toEqual(['projectId']);
    expect(out.config.contextGetters).toEqual(['getCurrentTenant', 'requireTenantId', 'getProjectIdOrThrow']);
    expect(out.sources).toMatchObject({
      tenantFields: file,
      contextGetters: `default + ${file}`,
      severity: file,
      includeTests: file,
      authorizers: 'default',
      fileTimeBudgetMs: 'default',
      allowIncomplete: 'default',
    });
  });

  it('--config, the environment variable and --allow-incomplete are named as the sources', () => {
    const dir = tempProject({ 'src/a.ts': FLAGGED, 'cfg.json': JSON.stringify({ authorizers: ['assertMember'], fileTimeBudgetMs: 900 }) });
    const out = printed(['.', '--config', 'cfg.json', '--allow-incomplete'], dir, { TENANT_AUDIT_FILE_BUDGET_MS: '250' });
    expect(out.configFile).toBe(join(dir, 'cfg.json'));
    expect(out.sources.authorizers).toBe(`${join(dir, 'cfg.json')} (--config)`);
    expect(out.config.fileTimeBudgetMs).toBe(250);
    expect(out.sources.fileTimeBudgetMs).toBe('environment variable TENANT_AUDIT_FILE_BUDGET_MS');
    expect(out.config.allowIncomplete).toBe(true);
    expect(out.sources.allowIncomplete).toBe('CLI flag --allow-incomplete');
  });

  it('package.json#tenantAudit is named as the source', () => {
    const dir = tempProject({ 'package.json': JSON.stringify({ name: 'x', tenantAudit: { tenantFields: ['orgId'] } }) });
    expect(printed([], dir).sources.tenantFields).toBe(`${join(dir, 'package.json')}#tenantAudit`);
  });

  it('a bad config or environment value still exits 2 with one line', () => {
    const dir = tempProject({ 'tenant-audit.config.json': JSON.stringify({ tenantFeilds: ['x'] }) });
    const bad = runCli(['--print-config'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tenant-audit: config error: .*unknown key "tenantFeilds"/);
    const ok = tempProject({ 'a.ts': 'export {};\n' });
    const env = runCli(['--print-config'], { cwd: ok, env: { TENANT_AUDIT_FILE_BUDGET_MS: 'soon' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('TENANT_AUDIT_FILE_BUDGET_MS must be a positive number');
  });
});
