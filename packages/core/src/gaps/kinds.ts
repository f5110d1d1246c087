/** Every gap kind of the public contract. Names are stable: users' baselines and pipelines use them. */
export const GAP_KINDS = [
  'unscoped-query',
  'unscoped-vector-search',
  'unscoped-session-key',
  'fail-open-tenant-check',
  'untagged-telemetry',
  'platform-fallback',
  'shared-cache-keyspace',
  'unscoped-log-access',
  'optional-tenant-param',
  'shared-encryption-key',
  'unscoped-backup',
  'missing-network-policy',
  'missing-rls-policy',
] as const;

export type GapKind = (typeof GAP_KINDS)[number];

export function isGapKind(value: unknown): value is GapKind {
  return typeof value === 'string' && (GAP_KINDS as readonly string[]).includes(value);
}
