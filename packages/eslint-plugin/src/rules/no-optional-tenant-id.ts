import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-optional-tenant-id';

export default createRule<Options, 'optionalTenantParam' | 'finding' | 'makeTenantRequired'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow optional, nullable or defaulted tenant parameters at API boundaries' },
    hasSuggestions: true,
    schema: optionsSchema,
    messages: {
      optionalTenantParam: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
      makeTenantRequired: '{{description}}.',
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { optionalTenantParam: 'optionalTenantParam' },
    fallback: 'finding',
    suggestions: { makeTenantRequired: 'makeTenantRequired' },
  }),
});
