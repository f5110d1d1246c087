/**
 * A pino `mixin` that adds the tenant to every log record, so log pipelines can filter per tenant
 * (see createTenantLogReader) and no record is written without attribution by accident.
 */
import { tryGetAccessScope } from '../context/store.js';

export interface TenantLogMixinOptions {
  /** Field name for the tenant id. Default `tenantId`, the marker createTenantLogReader reads. */
  key?: string;
}

/** Use as `pino({ mixin: tenantLogMixin() })`. Never throws: logging must work outside a context too. */
export function tenantLogMixin(options: TenantLogMixinOptions = {}): () => Record<string, unknown> {
  const key = options.key ?? 'tenantId';
  return () => {
    const scope = tryGetAccessScope();
    if (scope?.kind === 'tenant') return { [key]: scope.tenantId };
    if (scope?.kind === 'platform') return { tenantPlatform: true };
    return {};
  };
}
