import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, DEFAULT_CONFIG, resolveConfig, validateConfig, type ConfigKey } from '../src/index.js';

/** Validation, defaults and resolution all come from the one declaration in config/keys.ts. */
const KEYS = Object.keys(CONFIG_KEYS) as ConfigKey[];

/** A value of the wrong type for each kind, and the message part that names what was expected. */
const WRONG: Record<(typeof CONFIG_KEYS)[ConfigKey]['kind'], [unknown, string]> = {
  stringList: ['x', 'must be an array of non-empty strings, got string "x"'],
  boolean: ['yes', 'must be true or false, got string "yes"'],
  number: [-1, 'must be a positive number of milliseconds, got number -1'],
  severityMap: [[], 'must be an object mapping gap kinds to "P0" | "P1" | "P2", got an array'],
  namesMap: [3, 'must be an object mapping name heuristics to arrays of names, got number 3'],
};

describe('config keys', () => {
  it('the resolved config has every declared key, in declaration order, with its default', () => {
    expect(Object.keys(resolveConfig())).toEqual(KEYS);
    expect(Object.keys(DEFAULT_CONFIG)).toEqual(KEYS);
    expect(resolveConfig()).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.fileTimeBudgetMs).toBe(10_000);
    expect(DEFAULT_CONFIG.reportUnreachedSinks).toBeUndefined();
    expect(DEFAULT_CONFIG.tenantFields).toContain('tenantId');
  });

  it.each(KEYS)('%s: a value of the wrong type is an error naming the key', (key) => {
    const [value, expected] = WRONG[CONFIG_KEYS[key].kind];
    expect(() => validateConfig({ [key]: value })).toThrow(new ConfigError(`key "${key}" ${expected}`, { key }));
  });

  it('list keys replace or extend their defaults as declared', () => {
    for (const key of KEYS) {
      const spec = CONFIG_KEYS[key];
      if (spec.kind !== 'stringList') continue;
      const resolved = resolveConfig({ [key]: ['extraName'] })[key];
      expect(resolved, key).toEqual(spec.merge === 'replace' ? ['extraName'] : [...spec.default, 'extraName']);
    }
  });

  it('an unknown key lists the known ones grouped by kind', () => {
    expect(() => validateConfig({ tenantField: [] })).toThrow(
      'unknown key "tenantField" (known keys: tenantFields, contextGetters, authorizers, platformNames, ignore, tenantModels, globalModels, ' +
      'scopedClients, verifiedSources, untrustedSources, platformGuards, entryPoints, includeTests, reportUnreachedSinks, allowIncomplete, ' +
      'severity, names, fileTimeBudgetMs)');
  });

  it('every key has a one-line doc', () => {
    for (const key of KEYS) expect(CONFIG_KEYS[key].doc, key).toMatch(/^[A-Z][^\n]+\.$/);
  });
});
