/** Config key `fileTimeBudgetMs`: the scanner's per-file analysis budget (the scanner test exercises it). */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, resolveConfig, validateConfig } from '../../src/index.js';

describe('fileTimeBudgetMs', () => {
  it('defaults to 10 s and takes any positive number of milliseconds', () => {
    expect(DEFAULT_CONFIG.fileTimeBudgetMs).toBe(10_000);
    expect(resolveConfig().fileTimeBudgetMs).toBe(10_000);
    expect(resolveConfig(validateConfig({ fileTimeBudgetMs: 2500 })).fileTimeBudgetMs).toBe(2500);
    expect(resolveConfig(validateConfig({ fileTimeBudgetMs: 0.5 })).fileTimeBudgetMs).toBe(0.5);
  });

  it.each([[0], [-1], ['10s'], [null], [[1000]]])('rejects %j, naming the key', (value) => {
    expect(() => validateConfig({ fileTimeBudgetMs: value }, 'cfg.json')).toThrow(ConfigError);
    expect(() => validateConfig({ fileTimeBudgetMs: value }, 'cfg.json')).toThrow(/cfg\.json: key "fileTimeBudgetMs" must be a positive number of milliseconds/);
  });
});
