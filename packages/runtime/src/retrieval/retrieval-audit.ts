/**
 * Audit events for items the tenant post-check dropped. A drop means the backend ignored or lost the
 * tenant filter: the user is protected, but the backend bug must be found, so it is always reported.
 */

import { auditWarningHook } from '../audit-warning.js';

export interface DroppedItemsEvent {
  readonly type: 'cross-tenant-items-dropped';
  readonly tenantId: string;
  /** foreign + unmarked */
  readonly dropped: number;
  readonly foreign: number;
  readonly unmarked: number;
  /** How many items the backend returned in total. */
  readonly returned: number;
  /** Name given in the retriever options, to tell backends apart in the audit trail. */
  readonly source: string;
  readonly timestamp: string;
}

export type DroppedItemsHook = (event: DroppedItemsEvent) => void;

export const RETRIEVAL_DROPPED_WARNING_CODE = 'TENANT_AUDIT_RETRIEVAL_DROPPED';

/** Default: a structured process warning. The event never includes the dropped content itself. */
export const defaultDroppedItemsHook: DroppedItemsHook = auditWarningHook(RETRIEVAL_DROPPED_WARNING_CODE);

export function reportDropped(
  hook: DroppedItemsHook | undefined,
  details: { tenantId: string; foreign: number; unmarked: number; returned: number; source: string },
): void {
  const dropped = details.foreign + details.unmarked;
  if (dropped === 0) return;
  (hook ?? defaultDroppedItemsHook)({ type: 'cross-tenant-items-dropped', dropped, timestamp: new Date().toISOString(), ...details });
}
