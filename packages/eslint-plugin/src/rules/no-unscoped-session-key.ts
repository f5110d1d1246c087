import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';

export const name = 'no-unscoped-session-key';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Disallow process-wide stores keyed by caller-chosen ids (session, trace, conversation) without the tenant',
  shapes: ['unscopedSessionKey'],
});
