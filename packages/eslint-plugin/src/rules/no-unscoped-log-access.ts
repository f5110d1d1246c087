import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';

export const name = 'no-unscoped-log-access';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Disallow serving logs, traces or audit events without a tenant filter or a platform-only guard',
  shapes: ['unscopedLogAccess'],
});
