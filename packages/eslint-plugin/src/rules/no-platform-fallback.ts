import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-platform-fallback';

export default createRule<Options, 'platformFallback' | 'rlsBypass' | 'superuserConnection' | 'swallowedMissingContext' | 'finding'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow falling back to platform (all-tenants) access when the tenant context is missing' },
    schema: optionsSchema,
    messages: {
      platformFallback: FINDING_MESSAGE,
      rlsBypass: FINDING_MESSAGE,
      superuserConnection: FINDING_MESSAGE,
      swallowedMissingContext: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: {
      platformFallback: 'platformFallback',
      rlsBypass: 'rlsBypass',
      superuserConnection: 'superuserConnection',
      swallowedMissingContext: 'swallowedMissingContext',
    },
    fallback: 'finding',
  }),
});
