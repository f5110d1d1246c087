import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';
import { isOwnWrapperCall } from '../util/own-accessor.js';

export const name = 'no-context-free-data-access';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Disallow database, vector-search and backup reads that carry no tenant constraint',
  shapes: ['unscopedQuery', 'unscopedVectorSearch', 'untrustedTenant', 'conditionalTenantFilter', 'unscopedBackup', 'backupSharedKey',
    'clientChosenKey', 'massAssignment'],
  suggestions: ['addVerifiedTenant'],
  // A written key whose value the function receives is its callers' to answer: one file cannot say,
  // and repositories that take the tenant as a parameter are the norm. The scanner follows them.
  // A wrapper method of the program's own code is linted where its query is written.
  keep: (finding) => !(finding.sink?.match.writtenKey !== undefined && finding.sink.verdict === 'id-parameter') &&
    !isOwnWrapperCall(finding),
});
