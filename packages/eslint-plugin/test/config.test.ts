import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { configs } from '../src/index.js';
import { mergeConfig } from '../src/util/options.js';
import { FIXTURE_FILE } from './rule-tester.js';

// An id from request input: reported by one file whatever the mode, so it exercises the config alone.
const CODE = 'export const GET = (req: Request) => prisma.document.findUnique({ where: { id: req.body.id } });\n';

function lint(extra: Linter.Config): Linter.LintMessage[] {
  return new Linter().verify(CODE, [configs['flat/recommended'] as unknown as Linter.Config, extra], FIXTURE_FILE);
}

describe('settings and options', () => {
  it('an unknown key in settings.tenantIsolation fails the run and names the key', () => {
    expect(() => lint({ settings: { tenantIsolation: { tenantField: ['orgId'] } } })).toThrow(/unknown key "tenantField"/);
  });

  it('a wrong type in settings names the key', () => {
    expect(() => lint({ settings: { tenantIsolation: { authorizers: 'authorize' } } })).toThrow(/key "authorizers" must be an array/);
  });

  it('rule options are checked by the schema', () => {
    expect(() => lint({ rules: { 'tenant-isolation/no-context-free-data-access': ['error', { globalModel: ['Document'] }] } }))
      .toThrow(/no-context-free-data-access[\s\S]*additional properties/);
  });

  it('options replace settings key by key; tenantFields replaces the default list', () => {
    const { config } = mergeConfig({ tenantFields: ['projectId'], authorizers: ['mayRead'] }, { tenantFields: ['environmentId'] });
    expect(config.tenantFields).toEqual(['environmentId']);
    expect(config.authorizers).toContain('mayRead');
  });

  it('globalModels from settings silence an unscoped read of that model', () => {
    expect(lint({}).map((m) => m.messageId)).toEqual(['unscopedQuery']);
    expect(lint({ settings: { tenantIsolation: { globalModels: ['Document'] } } })).toEqual([]);
  });
});
