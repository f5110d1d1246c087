/**
 * The default of every audit hook: the event as a structured (JSON) process warning of type
 * `TenantAuditWarning` with the event's own code, visible in any Node deployment without configuration.
 */
export function auditWarningHook<E>(code: string): (event: E) => void {
  return (event) => {
    process.emitWarning(JSON.stringify(event), { type: 'TenantAuditWarning', code });
  };
}
