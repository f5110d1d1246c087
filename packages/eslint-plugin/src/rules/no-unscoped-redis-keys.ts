import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
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
      unscopedKey:
        '[{{kind}}] {{message}}. A key without the tenant is shared by every tenant: one tenant reads or overwrites another\'s cached data. ' +
        'Put the tenant in the key (`ctx:${tenantId}:…`) or go through createTenantRedis(client, { tenantId }).',
      keyspaceCommand:
        '[{{kind}}] {{message}}. KEYS / SCAN / FLUSH* on a connection shared by tenants enumerates or wipes every tenant\'s keys. ' +
        'Use createTenantRedis(client, { tenantId }), which confines SCAN to the tenant prefix and refuses FLUSH*.',
      finding: '[{{kind}}] {{message}}.',
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
