import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';

export const name = 'no-fail-open-tenant-check';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Disallow tenant checks that pass when the record has no tenant marker',
  shapes: ['failOpenCheck'],
});
