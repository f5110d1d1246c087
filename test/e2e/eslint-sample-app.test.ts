import { join } from 'node:path';
import { ESLint } from 'eslint';
import { LegacyESLint } from 'eslint/use-at-your-own-risk';
import plugin from 'eslint-plugin-tenant-isolation';
import { describe, expect, it } from 'vitest';
import { APP, REPO } from './support.js';

const RULES = Object.keys(plugin.rules).map((name) => `tenant-isolation/${name}`).sort();

// No tenant settings are passed: the rules read each variant's tenant-audit.config.json, as the scanner
// does. The scanner's cache is turned off here (a scan of the app, like the demo's, writes one): these
// tests are about what the rules see in one file; test/e2e/eslint-scanner-cache.test.ts covers the other mode.
const ONE_FILE = { settings: { tenantIsolationCache: false } };

async function flatLint(variant: string): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({
    cwd: REPO,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs['flat/recommended'] as never, ONE_FILE],
  });
  return eslint.lintFiles([join(APP, variant, 'src/**/*.ts')]);
}

async function legacyLint(variant: string): Promise<ESLint.LintResult[]> {
  const eslint = new LegacyESLint({
    cwd: REPO,
    useEslintrc: false,
    overrideConfigFile: join(REPO, '.eslintrc.cjs'),
    overrideConfig: ONE_FILE,
    ignore: false,
    resolvePluginsRelativeTo: REPO,
  });
  return (await eslint.lintFiles([join(APP, variant, 'src/**/*.ts')])) as ESLint.LintResult[];
}

function firedRules(results: ESLint.LintResult[]): string[] {
  const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}: ${m.message}`));
  expect(fatal).toEqual([]);
  return [...new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId ?? '')))].filter(Boolean).sort();
}

describe('eslint-plugin-tenant-isolation on the sample AI SaaS app', () => {
  it('flat recommended config: every rule fires in the vulnerable variant', async () => {
    expect(firedRules(await flatLint('vulnerable'))).toEqual(RULES);
  });
  it('flat recommended config: nothing fires in the fixed variant', async () => {
    expect(firedRules(await flatLint('fixed'))).toEqual([]);
  });
  it('legacy .eslintrc.cjs: every rule fires in the vulnerable variant and nothing in the fixed one', async () => {
    expect(firedRules(await legacyLint('vulnerable'))).toEqual(RULES);
    expect(firedRules(await legacyLint('fixed'))).toEqual([]);
  });
});
