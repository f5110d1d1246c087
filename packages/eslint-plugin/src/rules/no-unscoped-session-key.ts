import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-unscoped-session-key';

export default createRule<Options, 'unscopedSessionKey' | 'finding'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow process-wide stores keyed by caller-chosen ids (session, trace, conversation) without the tenant' },
    schema: optionsSchema,
    messages: {
      unscopedSessionKey:
        '[{{kind}}] {{message}}. Two tenants that use the same id share one entry, and a guessed id reads another tenant\'s traces or chat history. ' +
        'Key the store by `${tenantId}:${id}` or use createTenantSessionStore(), which takes the tenant from getCurrentTenant().',
      finding: '[{{kind}}] {{message}}.',
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { unscopedSessionKey: 'unscopedSessionKey' },
    fallback: 'finding',
  }),
});
