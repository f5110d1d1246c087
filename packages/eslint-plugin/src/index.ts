import { createRequire } from 'node:module';
import { flatConfig, legacyConfig, recommendedRules, strictRules, type FlatConfig, type LegacyConfig } from './configs.js';
import { rules } from './rules/index.js';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const meta = { name: pkg.name, version: pkg.version, namespace: 'tenant-isolation' };

export { rules };

/**
 * `recommended` / `strict` stay eslintrc-shaped so `plugin:tenant-isolation/recommended` keeps
 * working in legacy mode; the flat variants live under `flat/…`. ESLint 9/10's
 * `extends: ['tenant-isolation/recommended']` (defineConfig) falls back to `flat/recommended`
 * by itself when the plain name is an eslintrc config.
 */
export interface PluginConfigs {
  recommended: LegacyConfig;
  strict: LegacyConfig;
  'flat/recommended': FlatConfig;
  'flat/strict': FlatConfig;
}

export const configs = {
  recommended: legacyConfig(recommendedRules),
  strict: legacyConfig(strictRules),
} as PluginConfigs;

const plugin = { meta, rules, configs };

// The flat configs name the plugin object itself, so they are added once it exists.
configs['flat/recommended'] = flatConfig('flat/recommended', plugin, recommendedRules);
configs['flat/strict'] = flatConfig('flat/strict', plugin, strictRules);

export default plugin;
