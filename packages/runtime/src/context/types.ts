/** The shapes of the tenant context, shared by every part of the runtime. */

/** What the current tenant looks like to application code: at least its id, plus whatever the caller attached (plan, region, user). */
export interface TenantContext {
  readonly tenantId: string;
  readonly [attribute: string]: unknown;
}

/** What runWithTenant accepts: a bare id or an object carrying one. */
export type TenantInput = string | { readonly tenantId: string; readonly [attribute: string]: unknown };

/**
 * What the code is allowed to see right now. Tenant-scoped code uses getCurrentTenant(); only code
 * that can genuinely serve all tenants (operator tools, migrations, backups) looks at the scope.
 */
export type AccessScope =
  | { readonly kind: 'tenant'; readonly tenantId: string; readonly tenant: TenantContext }
  | {
      readonly kind: 'platform';
      readonly reason: string;
      /** true when the scope is the audit-mode fallback for a missing context, not an explicit runAsPlatform(). */
      readonly implicit: boolean;
    };

/** The marker getCurrentTenant() returns in audit mode outside any context. */
export interface PlatformFallbackTenant extends TenantContext {
  readonly tenantId: '*';
  readonly platform: true;
}
