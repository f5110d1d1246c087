import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { optionsSchema, type Options } from '../util/options.js';
import { isOwnWrapperCall } from '../util/own-accessor.js';
import { runRule } from '../util/run.js';

export const name = 'no-context-free-data-access';

type MessageIds = 'unscopedQuery' | 'unscopedVectorSearch' | 'untrustedTenant' | 'conditionalTenantFilter' | 'unscopedBackup' | 'backupSharedKey' | 'clientChosenKey' | 'massAssignment' | 'finding';

export default createRule<Options, MessageIds>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow database, vector-search and backup reads that carry no tenant constraint' },
    schema: optionsSchema,
    messages: {
      unscopedQuery:
        '[{{kind}}] {{message}}. Anyone who can name an id reads or changes another tenant\'s row. ' +
        'Filter by the verified tenant (getCurrentTenant().tenantId / requireTenantId()), check the loaded record with an authorizer, or run the work in withTenantTransaction(pool, tenantId, fn) so row-level security refuses other tenants.',
      unscopedVectorSearch:
        '[{{kind}}] {{message}}. The nearest neighbours of every tenant flow into the LLM context and come back as answers. ' +
        'Retrieve through createScopedRetriever(backend), or pass the tenant (getCurrentTenant().tenantId) as a mandatory filter / namespace.',
      untrustedTenant:
        '[{{kind}}] {{message}}. A caller picks any tenant by editing the request. ' +
        'Use the tenant of the verified identity (getCurrentTenant().tenantId inside runWithTenant), or compare the request\'s tenant with it before querying.',
      conditionalTenantFilter:
        '[{{kind}}] {{message}}. When the tenant value is missing the filter disappears and the query reads every tenant. ' +
        'Require the tenant (requireTenantId() throws when it is missing) instead of spreading it in conditionally.',
      unscopedBackup:
        '[{{kind}}] {{message}}. One archive then holds several tenants\' data: restoring, sharing or deleting it touches everyone. ' +
        'Back up per tenant with exportTenantBackup(masterKey, tenantId, records).',
      backupSharedKey:
        '[{{kind}}] {{message}}. A backup under one process-wide key cannot be handed to, or crypto-shredded for, a single tenant. ' +
        'Use exportTenantBackup(masterKey, tenantId, records), which encrypts with deriveTenantKey(masterKey, tenantId).',
      clientChosenKey:
        '[{{kind}}] {{message}}. The client names a tenant, or another tenant\'s row to link to, by editing the request. ' +
        'Look the id up with the verified tenant first (findFirst({ where: { id, tenantId } }) and not-found otherwise), or take the tenant from getCurrentTenant().',
      massAssignment:
        '[{{kind}}] {{message}}. Whatever keys the client sends are written, the tenant key and the id included. ' +
        'Copy the allowed fields one by one and set the tenant from getCurrentTenant().',
      finding: '[{{kind}}] {{message}}.',
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
    // A written key whose value the function receives is its callers' to answer: one file cannot say,
    // and repositories that take the tenant as a parameter are the norm. The scanner follows them.
    // A wrapper method of the program's own code is linted where its query is written.
    keep: (finding) => !(finding.sink?.match.writtenKey !== undefined && finding.sink.verdict === 'id-parameter') &&
      !isOwnWrapperCall(finding),
  }),
});
