/** Attribute names stamped on telemetry, shared by the span processor, the guard exporter and queries in trace backends. */
export const TENANT_ID_ATTRIBUTE = 'tenant.id';
export const TENANT_PLATFORM_ATTRIBUTE = 'tenant.platform';
/** Set by TenantAttributeGuardExporter in 'flag' mode on spans that arrived without tenant attribution. */
export const TENANT_MISSING_ATTRIBUTE = 'tenant.missing';

/** true if the attributes attribute the span to a tenant or to explicit platform work. */
export function hasTenantAttribution(attributes: Readonly<Record<string, unknown>>): boolean {
  const tenantId = attributes[TENANT_ID_ATTRIBUTE];
  return (typeof tenantId === 'string' && tenantId.length > 0) || attributes[TENANT_PLATFORM_ATTRIBUTE] === true;
}
