import { GAP_CATALOGUE, PLUGIN_NAMESPACE, RULE_KINDS, RULE_NAMES, isAtLeast, type RuleName } from '@tenant-audit/core';
import tsParser from '@typescript-eslint/parser';

type Level = 'error' | 'warn';
type RulesRecord = Record<string, Level>;

/** A rule's severity class is that of its most severe kind (P0/P1 → error, P2 → warning). */
function recommendedLevel(rule: RuleName): Level {
  const kinds = RULE_KINDS[rule];
  return kinds.some((kind) => isAtLeast(GAP_CATALOGUE[kind].defaultSeverity, 'P1')) ? 'error' : 'warn';
}

function rulesAt(level: (rule: RuleName) => Level): RulesRecord {
  return Object.fromEntries(RULE_NAMES.map((rule) => [`${PLUGIN_NAMESPACE}/${rule}`, level(rule)]));
}

export const recommendedRules = rulesAt(recommendedLevel);
export const strictRules = rulesAt(() => 'error');

/** Everything ESLint's flat config would lint with this plugin by default. */
export const FLAT_FILES = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}'];

export interface LegacyConfig {
  plugins: string[];
  parser: string;
  rules: RulesRecord;
}

export interface FlatConfig {
  name: string;
  files: string[];
  plugins: Record<string, unknown>;
  languageOptions: { parser: unknown };
  rules: RulesRecord;
}

/** `.eslintrc` shape, for `extends: ['plugin:tenant-isolation/recommended']`. */
export function legacyConfig(rules: RulesRecord): LegacyConfig {
  return { plugins: [PLUGIN_NAMESPACE], parser: '@typescript-eslint/parser', rules };
}

/** Flat config object; ESLint 9/10 take it in a config array or via `extends: ['tenant-isolation/recommended']`. */
export function flatConfig(name: string, plugin: unknown, rules: RulesRecord): FlatConfig {
  return {
    name: `${PLUGIN_NAMESPACE}/${name}`,
    files: FLAT_FILES,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    languageOptions: { parser: tsParser },
    rules,
  };
}
