import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-unscoped-log-access';

export default createRule<Options, 'unscopedLogAccess' | 'finding'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow serving logs, traces or audit events without a tenant filter or a platform-only guard' },
    schema: optionsSchema,
    messages: {
      unscopedLogAccess:
        '[{{kind}}] {{message}}. Operational logs name other tenants\' users, ids and payloads; a tenant caller reads them all. ' +
        'Serve logs through createTenantLogReader(source), filter by getCurrentTenant().tenantId, or restrict the path to operators with runAsPlatform(reason, fn).',
      finding: '[{{kind}}] {{message}}.',
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { unscopedLogAccess: 'unscopedLogAccess' },
    fallback: 'finding',
  }),
});
