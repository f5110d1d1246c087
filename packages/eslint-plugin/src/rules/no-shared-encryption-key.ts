import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';

export const name = 'no-shared-encryption-key';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Disallow encrypting tenant data with one process-wide key',
  shapes: ['sharedEncryptionKey'],
});
