import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-shared-encryption-key';

export default createRule<Options, 'sharedEncryptionKey' | 'finding'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow encrypting tenant data with one process-wide key' },
    schema: optionsSchema,
    messages: {
      sharedEncryptionKey: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { sharedEncryptionKey: 'sharedEncryptionKey' },
    fallback: 'finding',
  }),
});
