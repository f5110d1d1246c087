import { CONFIG_KEYS } from '@tenant-audit/core';
import { describe, expect, it } from 'vitest';
import { optionsSchema } from '../src/util/options.js';

/** The rules' option schema comes from core's one list of config keys. */
describe('the rule option schema', () => {
  const properties = optionsSchema[0]?.properties ?? {};

  it('takes the config keys core marks as rule options, and the plugin\'s own checkSpans and reportParameterIds', () => {
    expect(Object.keys(properties).sort()).toEqual([
      'authorizers', 'checkSpans', 'contextGetters', 'entryPoints', 'globalModels', 'ignore', 'includeTests', 'names',
      'platformGuards', 'platformNames', 'reportParameterIds', 'reportUnreachedSinks', 'scopedClients', 'severity', 'tenantFields', 'tenantModels',
      'untrustedSources', 'verifiedSources',
    ]);
    for (const [key, spec] of Object.entries(CONFIG_KEYS)) expect(key in properties, key).toBe(spec.ruleOption);
  });

  it('gives each key the shape of its kind', () => {
    expect(properties.tenantFields).toEqual({ type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true });
    expect(properties.includeTests).toEqual({ type: 'boolean' });
    expect(properties.severity).toEqual({ type: 'object', additionalProperties: { type: 'string', enum: ['P0', 'P1', 'P2'] } });
    expect(properties.names).toMatchObject({ type: 'object', additionalProperties: false });
  });
});
