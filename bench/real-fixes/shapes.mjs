/**
 * The gap kinds that count as flagging each shape of fix. A finding of another kind in the same
 * function (a Redis key next to an unscoped read) is not the bug the fix closed.
 */
const DATA = ['unscoped-query', 'unscoped-vector-search', 'unscoped-log-access', 'optional-tenant-param', 'fail-open-tenant-check', 'unscoped-backup'];

const BY_SHAPE = {
  'cache-key-without-tenant': ['shared-cache-keyspace', 'unscoped-session-key'],
  'platform-fallback': ['platform-fallback', ...DATA],
  'shared-encryption-key': ['shared-encryption-key'],
  'log-access-unscoped': ['unscoped-log-access', 'unscoped-query', 'untagged-telemetry'],
};

/** Every shape of cases/*.json, in the order the docs table lists them. */
export const SHAPES = [
  'by-id-without-tenant', 'checked-tenant-not-in-filter', 'authorized-other-object', 'child-without-parent-key',
  'unchecked-foreign-ids', 'client-chosen-tenant', 'mass-assignment', 'check-cannot-fail', 'external-system-by-id',
  'raw-sql-unscoped', 'cache-key-without-tenant', 'optional-tenant-param', 'conditional-filter-fail-open',
  'or-branch-without-tenant', 'join-one-side-filtered', 'platform-fallback', 'log-access-unscoped',
  'shared-encryption-key', 'other-cross-tenant',
];

export function kindsForShape(shape) {
  return BY_SHAPE[shape] ?? DATA;
}
