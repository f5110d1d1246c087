import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
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
      optionalTenantParam:
        '[{{kind}}] {{message}}. An optional tenant leaks because ORMs drop undefined filters (Prisma `{ tenantId: undefined }` matches every row). ' +
        'Take the tenant from context with requireTenantId() / getCurrentTenant() (set by runWithTenant), or make the parameter required.',
      finding: '[{{kind}}] {{message}}.',
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
