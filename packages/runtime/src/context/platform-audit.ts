/**
 * Reporting of platform (all-tenants) access. Every runAsPlatform() entry and every audit-mode
 * fallback goes through one hook so operators get a trail of who widened access, why and from where.
 * The default hook emits a process warning; production code usually routes it into its audit log.
 */

import { auditWarningHook } from '../audit-warning.js';

export interface PlatformAccessEvent {
  readonly type: 'platform-access';
  /** The caller's stated reason, or a fixed text for the audit-mode fallback. */
  readonly reason: string;
  /** true for the audit-mode fallback (a missing tenant context that was let through). */
  readonly implicit: boolean;
  /** The tenant that was active when platform access was entered, if any. */
  readonly fromTenantId: string | undefined;
  readonly timestamp: string;
  /** Where platform access was entered: the evidence needed to find a missing runWithTenant(). */
  readonly stack: string;
}

export type PlatformAuditHook = (event: PlatformAccessEvent) => void;

export const PLATFORM_ACCESS_WARNING_CODE = 'TENANT_AUDIT_PLATFORM_ACCESS';

/** Default: a structured (JSON) process warning, visible in any Node deployment without configuration. */
export const defaultPlatformAuditHook: PlatformAuditHook = auditWarningHook(PLATFORM_ACCESS_WARNING_CODE);

let currentHook: PlatformAuditHook = defaultPlatformAuditHook;

/**
 * Replaces the platform audit hook and returns the previous one (so tests and wrappers can restore
 * it). Passing undefined restores the default; there is deliberately no way to switch auditing off.
 * A hook that throws makes the platform entry fail: access that cannot be audited is not granted.
 */
export function setPlatformAuditHook(hook: PlatformAuditHook | undefined): PlatformAuditHook {
  const previous = currentHook;
  currentHook = hook ?? defaultPlatformAuditHook;
  return previous;
}

export function reportPlatformAccess(reason: string, implicit: boolean, fromTenantId: string | undefined): void {
  // Drop the message line and the two runtime frames (this function and its runtime caller) so the
  // first frame is the application code that entered platform access.
  const stack = (new Error('platform access').stack ?? '').split('\n').slice(3).map((line) => line.trim()).join('\n');
  currentHook({ type: 'platform-access', reason, implicit, fromTenantId, timestamp: new Date().toISOString(), stack });
}
