import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
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
      unscopedLogAccess: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { unscopedLogAccess: 'unscopedLogAccess' },
    fallback: 'finding',
  }),
});
