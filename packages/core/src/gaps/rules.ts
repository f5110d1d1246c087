import type { GapKind } from './kinds.js';

/** ESLint rule names (without the `tenant-isolation/` prefix) and the kinds each reports. */
export const RULE_KINDS = {
  'no-optional-tenant-id': ['optional-tenant-param'],
  'no-unscoped-redis-keys': ['shared-cache-keyspace'],
  'no-context-free-data-access': ['unscoped-query', 'unscoped-vector-search', 'unscoped-backup'],
  'no-platform-fallback': ['platform-fallback'],
  'no-unscoped-session-key': ['unscoped-session-key'],
  'no-fail-open-tenant-check': ['fail-open-tenant-check'],
  'require-span-tenant-attribute': ['untagged-telemetry'],
  'no-shared-encryption-key': ['shared-encryption-key'],
  'no-unscoped-log-access': ['unscoped-log-access'],
} as const satisfies Record<string, readonly GapKind[]>;

export type RuleName = keyof typeof RULE_KINDS;

export const RULE_NAMES = Object.keys(RULE_KINDS) as RuleName[];

export const PLUGIN_NAMESPACE = 'tenant-isolation';

/** The rule that reports a kind, as `tenant-isolation/<rule>`; undefined for scanner-only kinds. */
export function ruleIdForKind(kind: GapKind): string | undefined {
  for (const name of RULE_NAMES) {
    if ((RULE_KINDS[name] as readonly GapKind[]).includes(kind)) return `${PLUGIN_NAMESPACE}/${name}`;
  }
  return undefined;
}
