import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';

export const name = 'no-platform-fallback';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Disallow falling back to platform (all-tenants) access when the tenant context is missing',
  shapes: ['platformFallback', 'rlsBypass', 'superuserConnection', 'swallowedMissingContext'],
});
