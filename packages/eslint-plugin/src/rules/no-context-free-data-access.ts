import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
import { optionsSchema, type Options } from '../util/options.js';
import { isOwnWrapperCall } from '../util/own-accessor.js';
import { runRule } from '../util/run.js';

export const name = 'no-context-free-data-access';

type MessageIds = 'unscopedQuery' | 'unscopedVectorSearch' | 'untrustedTenant' | 'conditionalTenantFilter' | 'unscopedBackup' | 'backupSharedKey' | 'clientChosenKey' | 'massAssignment' | 'finding' | 'addVerifiedTenant';

export default createRule<Options, MessageIds>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow database, vector-search and backup reads that carry no tenant constraint' },
    hasSuggestions: true,
    schema: optionsSchema,
    messages: {
      unscopedQuery: FINDING_MESSAGE,
      unscopedVectorSearch: FINDING_MESSAGE,
      untrustedTenant: FINDING_MESSAGE,
      conditionalTenantFilter: FINDING_MESSAGE,
      unscopedBackup: FINDING_MESSAGE,
      backupSharedKey: FINDING_MESSAGE,
      clientChosenKey: FINDING_MESSAGE,
      massAssignment: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
      addVerifiedTenant: '{{description}}.',
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: {
      unscopedQuery: 'unscopedQuery', unscopedVectorSearch: 'unscopedVectorSearch', untrustedTenant: 'untrustedTenant',
      conditionalTenantFilter: 'conditionalTenantFilter', unscopedBackup: 'unscopedBackup', backupSharedKey: 'backupSharedKey',
      clientChosenKey: 'clientChosenKey', massAssignment: 'massAssignment',
    },
    fallback: 'finding',
    suggestions: { addVerifiedTenant: 'addVerifiedTenant' },
    // A written key whose value the function receives is its callers' to answer: one file cannot say,
    // and repositories that take the tenant as a parameter are the norm. The scanner follows them.
    // A wrapper method of the program's own code is linted where its query is written.
    keep: (finding) => !(finding.sink?.match.writtenKey !== undefined && finding.sink.verdict === 'id-parameter') &&
      !isOwnWrapperCall(finding),
  }),
});
