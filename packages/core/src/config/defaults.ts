import { CONFIG_KEYS, type ConfigKey } from './keys.js';
import type { ResolvedConfig } from './types.js';

/** A fresh copy of a declared key's default (maps start empty). */
function defaultOf(key: ConfigKey): unknown {
  const spec = CONFIG_KEYS[key];
  if (spec.kind === 'severityMap' || spec.kind === 'namesMap') return {};
  return Array.isArray(spec.default) ? [...spec.default] : spec.default;
}

/** Defaults from the public contract (declared with each key in keys.ts); the list keys other than the contract's are our extensions. */
export const DEFAULT_CONFIG: Readonly<ResolvedConfig> = Object.freeze(
  Object.fromEntries((Object.keys(CONFIG_KEYS) as ConfigKey[]).map((key) => [key, defaultOf(key)])) as unknown as ResolvedConfig,
);

/**
 * Test code the scanner leaves out unless `includeTests` is set: tests query across tenants on
 * purpose (fixtures, RLS checks) and would bury the real findings.
 */
export const TEST_FILE_GLOBS: readonly string[] = [
  '**/*.test.*', '**/*.spec.*', '**/__tests__/**', '**/__mocks__/**', '**/test/**', '**/tests/**',
  '**/e2e/**', '**/playwright/**', '**/cypress/**',
];
