/**
 * Strict vs audit mode. Strict (default) throws outside a tenant context. Audit mode exists only to
 * migrate legacy code that relied on an implicit platform fallback: it keeps such code paths working
 * but reports every one of them (with a stack) so they can be found and fixed before switching to strict.
 */

export type TenantContextMode = 'strict' | 'audit';

export interface TenantContextOptions {
  mode?: TenantContextMode;
}

let mode: TenantContextMode = 'strict';

export function configureTenantContext(options: TenantContextOptions): void {
  if (options.mode !== undefined) {
    if (options.mode !== 'strict' && options.mode !== 'audit') {
      throw new TypeError(`unknown tenant context mode: ${String(options.mode)}`);
    }
    mode = options.mode;
  }
}

export function getTenantContextMode(): TenantContextMode {
  return mode;
}
