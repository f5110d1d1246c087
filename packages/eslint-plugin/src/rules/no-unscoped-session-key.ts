import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
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
      unscopedSessionKey: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { unscopedSessionKey: 'unscopedSessionKey' },
    fallback: 'finding',
  }),
});
