import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';

export const name = 'no-optional-tenant-id';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Disallow optional, nullable or defaulted tenant parameters at API boundaries',
  shapes: ['optionalTenantParam'],
  suggestions: ['makeTenantRequired'],
});
