import { validateConfig } from '@tenant-audit/core';
import { describe, expect, it } from 'vitest';
import { configKeys, configText } from '../../src/init/config-text.js';
import { eslintSnippet } from '../../src/init/eslint-snippet.js';
import type { InitFindings } from '../../src/init/findings.js';

const found = (over: Partial<InitFindings> = {}): InitFindings => ({
  root: '/p',
  sourceFiles: 3,
  stack: [{ name: 'Prisma', kind: 'orm', evidence: ['@prisma/client in package.json'] }],
  tenantFields: {
    fields: ['projectId', 'workspaceId'],
    kept: [{ entity: 'Project', fields: ['projectId', 'workspaceId'], seen: ['projectId', 'workspaceId'], models: ['Link', 'Tag'], because: 'foreign keys to Project, the tenant entity' }],
    dropped: [],
    modelCount: 3,
    sources: ['prisma/schema.prisma'],
    mostReferenced: [],
  },
  contextGetters: [{ name: 'getCurrentTenantIdOrThrow', at: 'src/ctx.ts:3' }],
  ...over,
});

describe('init: the written config and the ESLint lines', () => {
  it('writes each key after a "//" comment saying where it came from, and loads as the keys alone', () => {
    const text = configText(found());
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual(['$comment', '//stack', '//tenantFields', 'tenantFields', '//contextGetters', 'contextGetters']);
    expect(raw['//tenantFields']).toMatch(/prisma\/schema\.prisma.*foreign keys to Project/);
    expect(raw['//contextGetters']).toContain('src/ctx.ts:3');
    expect(validateConfig(raw)).toEqual({ tenantFields: ['projectId', 'workspaceId'], contextGetters: ['getCurrentTenantIdOrThrow'] });
  });

  it('leaves tenantFields out (the defaults apply) and says so when nothing was found', () => {
    const raw = JSON.parse(configText(found({ tenantFields: { fields: [], kept: [], dropped: [], modelCount: 1, sources: ['s.prisma'], mostReferenced: [{ model: 'Environment', references: 2 }] }, contextGetters: [] }))) as Record<string, unknown>;
    expect(raw.tenantFields).toBeUndefined();
    expect(raw['//tenantFields']).toMatch(/defaults apply \(tenantId, tenant_id/);
    expect(raw['//tenantFields']).toContain('most referenced models: Environment 2');
    expect(validateConfig(raw)).toEqual({});
  });

  it('prints the flat config with the same keys as settings.tenantIsolation', () => {
    const snippet = eslintSnippet(configKeys(found()));
    expect(snippet).toContain("import tenantIsolation from 'eslint-plugin-tenant-isolation';");
    expect(snippet).toContain("tenantIsolation.configs['flat/recommended'],");
    expect(snippet).toContain("{ settings: { tenantIsolation: { tenantFields: ['projectId', 'workspaceId'], contextGetters: ['getCurrentTenantIdOrThrow'] } } },");
    expect(eslintSnippet({})).not.toContain('settings');
    expect(eslintSnippet({ tenantFields: ["it's"] })).toContain("['it\\'s']");
  });
});
