import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-fail-open-tenant-check';

export default createRule<Options, 'failOpenCheck' | 'finding'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow tenant checks that pass when the record has no tenant marker' },
    schema: optionsSchema,
    messages: {
      failOpenCheck: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { failOpenCheck: 'failOpenCheck' },
    fallback: 'finding',
  }),
});
