/**
 * Where a scoped client gets its tenant: a fixed id, or the current tenant context at the moment of
 * each command (so one scoped client can be shared by concurrent requests of different tenants).
 * Both paths go through assertValidTenantId, which also rejects the audit-mode platform marker `*`:
 * a Redis or SQL scope never widens to "all tenants".
 */
import { getCurrentTenant } from '../context/store.js';
import { assertValidTenantId } from '../context/tenant-id.js';

export type TenantGetter = () => string | { readonly tenantId: string };

/** Either a fixed tenant or a context getter; exactly one must be given. */
export type TenantSourceOptions =
  | { tenantId: string; fromContext?: undefined }
  | { fromContext: true | TenantGetter; tenantId?: undefined };

export function tenantResolver(options: TenantSourceOptions): () => string {
  if (options.tenantId !== undefined && options.fromContext !== undefined) {
    throw new TypeError('give either tenantId or fromContext, not both');
  }
  if (options.tenantId !== undefined) {
    const fixed = assertValidTenantId(options.tenantId);
    return () => fixed;
  }
  const source = options.fromContext;
  if (source === undefined) throw new TypeError('a tenant scope needs tenantId or fromContext (fail closed)');
  const getter: TenantGetter = source === true ? getCurrentTenant : source;
  return () => {
    const tenant = getter();
    return assertValidTenantId(typeof tenant === 'string' ? tenant : tenant.tenantId);
  };
}
