import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';

export const name = 'no-unscoped-redis-keys';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Require a tenant segment in Redis keys and forbid keyspace-wide commands on shared connections',
  shapes: ['unscopedKey', 'keyspaceCommand'],
  suggestions: ['addTenantToKey'],
});
