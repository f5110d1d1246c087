import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-unscoped-redis-keys';

export default createRule<Options, 'unscopedKey' | 'keyspaceCommand' | 'finding' | 'addTenantToKey'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Require a tenant segment in Redis keys and forbid keyspace-wide commands on shared connections' },
    hasSuggestions: true,
    schema: optionsSchema,
    messages: {
      unscopedKey: FINDING_MESSAGE,
      keyspaceCommand: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
      addTenantToKey: '{{description}}.',
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { unscopedKey: 'unscopedKey', keyspaceCommand: 'keyspaceCommand' },
    fallback: 'finding',
    suggestions: { addTenantToKey: 'addTenantToKey' },
  }),
});
