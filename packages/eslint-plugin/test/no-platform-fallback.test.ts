import rule from '../src/rules/no-platform-fallback.js';
import { run } from './rule-tester.js';

run('no-platform-fallback', rule, {
  valid: [
    `export const nightly = () => runAsPlatform('nightly billing', () => bill());`,
    `export const current = () => store.getStore() ?? throwMissingTenant();`,
    // 'all' as a plain label default, nothing about tenants or context.
    `export const label = (name?: string) => name ?? 'all';`,
    `export const mode = (flags: { mode?: string }) => flags.mode ?? 'global';`,
    `export function current() { const ctx = store.getStore(); if (!ctx) throw new MissingTenantContextError(); return ctx; }`,
    `export const isPlatform = (t: unknown) => t === PLATFORM;`,
    // One unconditional return of the platform marker is a constant, not a fallback.
    `export function platformMarker() { return PLATFORM_CONTEXT; }`,
    `export const pageSize = (tenantId?: string) => tenantId ?? DEFAULT_PAGE_SIZE;`,
    `export const tenant = () => getCurrentTenant();`,
    `export const scope = (ctx: { tenantId?: string }) => ctx.tenantId ?? requireTenantId();`,
  ],
  invalid: [
    { code: `export const current = () => store.getStore() ?? PLATFORM_CONTEXT;`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export const tenant = (ctx: any) => ctx.tenant || PLATFORM;`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export const tenant = (ctx: any) => (ctx ? ctx.tenant : ADMIN_CONTEXT);`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export function current() { try { return getTenant(); } catch { return PLATFORM_CONTEXT; } }`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export function current(store: any) { if (store) return store; return SYSTEM_TENANT; }`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export const scope = (tenantId?: string) => tenantId ?? '*';`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export const scope = (session: any) => session?.orgId ?? ALL_TENANTS;`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export function scope(tenantId?: string) { tenantId ??= 'all'; return tenantId; }`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export const scope = (auth: any) => auth.tenant ?? Tenants.PLATFORM;`, errors: [{ messageId: 'platformFallback' }] },
    { code: `export const scope = (ctx: any) => ctx.tenant ?? GOD;`, settings: { tenantIsolation: { platformNames: ['GOD'] } }, errors: [{ messageId: 'platformFallback' }] },
    { code: `export const scope = (ctx: any) => ctx.tenant ?? EVERYONE;`, options: [{ platformNames: ['EVERYONE'] }], errors: [{ messageId: 'platformFallback' }] },
  ],
});
