/**
 * Calls the onRejected observer after the 401/403 has been sent. An observer that throws (a broken
 * logger) must neither crash the process nor turn the rejection into something else, so its error is
 * reported as a process warning instead.
 */
import type { TenantRejection } from './options.js';

export function notifyRejected(observer: ((rejection: TenantRejection) => void) | undefined, rejection: TenantRejection): void {
  if (observer === undefined) return;
  try {
    observer(rejection);
  } catch (error) {
    process.emitWarning(`tenant middleware onRejected observer threw: ${String(error)}`, { type: 'TenantAuditWarning', code: 'TENANT_AUDIT_OBSERVER_FAILED' });
  }
}
