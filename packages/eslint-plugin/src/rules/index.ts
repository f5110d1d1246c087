import type { RuleName } from '@tenant-audit/core';
import type { TSESLint } from '@typescript-eslint/utils';
import noContextFreeDataAccess from './no-context-free-data-access.js';
import noFailOpenTenantCheck from './no-fail-open-tenant-check.js';
import noOptionalTenantId from './no-optional-tenant-id.js';
import noPlatformFallback from './no-platform-fallback.js';
import noSharedEncryptionKey from './no-shared-encryption-key.js';
import noUnscopedLogAccess from './no-unscoped-log-access.js';
import noUnscopedRedisKeys from './no-unscoped-redis-keys.js';
import noUnscopedSessionKey from './no-unscoped-session-key.js';
import requireSpanTenantAttribute from './require-span-tenant-attribute.js';

/** The nine rules of the contract, by name (without the `tenant-isolation/` prefix). */
export const rules = {
  'no-optional-tenant-id': noOptionalTenantId,
  'no-unscoped-redis-keys': noUnscopedRedisKeys,
  'no-context-free-data-access': noContextFreeDataAccess,
  'no-platform-fallback': noPlatformFallback,
  'no-unscoped-session-key': noUnscopedSessionKey,
  'no-fail-open-tenant-check': noFailOpenTenantCheck,
  'require-span-tenant-attribute': requireSpanTenantAttribute,
  'no-shared-encryption-key': noSharedEncryptionKey,
  'no-unscoped-log-access': noUnscopedLogAccess,
} satisfies Record<RuleName, TSESLint.RuleModule<string, readonly unknown[]>>;
