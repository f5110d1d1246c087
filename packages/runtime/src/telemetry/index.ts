export { TenantSpanProcessor } from './tenant-span-processor.js';
export { TenantAttributeGuardExporter, UNTAGGED_SPANS_WARNING_CODE } from './tenant-attribute-guard-exporter.js';
export type { TenantAttributeGuardOptions, UntaggedSpansEvent } from './tenant-attribute-guard-exporter.js';
export { tenantLogMixin } from './tenant-log-mixin.js';
export type { TenantLogMixinOptions } from './tenant-log-mixin.js';
export { TENANT_ID_ATTRIBUTE, TENANT_PLATFORM_ATTRIBUTE, TENANT_MISSING_ATTRIBUTE, hasTenantAttribution } from './attributes.js';
