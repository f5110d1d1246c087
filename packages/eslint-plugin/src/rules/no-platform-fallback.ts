import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-platform-fallback';

export default createRule<Options, 'platformFallback' | 'finding'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow falling back to platform (all-tenants) access when the tenant context is missing' },
    schema: optionsSchema,
    messages: {
      platformFallback:
        '[{{kind}}] {{message}}. Every code path that forgets to set the tenant silently runs with god-mode over all tenants. ' +
        'Fail closed: getCurrentTenant() / requireTenantId() throw outside runWithTenant, and platform access is entered only through runAsPlatform(reason, fn).',
      finding: '[{{kind}}] {{message}}.',
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { platformFallback: 'platformFallback' },
    fallback: 'finding',
  }),
});
