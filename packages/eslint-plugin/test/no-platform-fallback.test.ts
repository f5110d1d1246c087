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
    // Escape-hatch look-alikes: the bypass switched off, a role WITHOUT the bypass, prose, an app role, a rethrow.
    `export const rows = () => db.query({ sql: 'SELECT 1', bypassRls: false });`,
    `export interface QueryOptions { bypassRls?: boolean }`,
    `export const ddl = 'CREATE ROLE app_user NOBYPASSRLS LOGIN';`,
    `export const note = 'roles with BYPASSRLS skip policies, so the app role must not have it';`,
    `export const url = 'postgres://app_user:secret@db:5432/app';`,
    `export const on = 'SET row_security = on';`,
    `export async function run() { try { await work(); } catch (e) { if (e instanceof MissingTenantContextError) throw e; log(e); } }`,
    `export async function run() { try { await work(); } catch (e) { if (!(e instanceof MissingTenantContextError)) throw e; throw new HttpError(401); } }`,
    `export const run = () => work().catch((e) => { if (e instanceof OtherError) return null; throw e; });`,
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
    // Escape hatches out of isolation.
    { code: `export const rows = () => db.query({ sql: 'SELECT * FROM invoices', bypassRls: true });`, errors: [{ messageId: 'rlsBypass' }] },
    { code: `export const rows = (bypass_rls: boolean) => db.query({ sql: 'SELECT 1', bypass_rls });`, errors: [{ messageId: 'rlsBypass' }] },
    { code: `export const rows = () => withBypassRls(() => db.invoice.findMany());`, errors: [{ messageId: 'rlsBypass' }] },
    { code: `export const ddl = 'ALTER ROLE reporting BYPASSRLS';`, errors: [{ messageId: 'rlsBypass' }] },
    { code: `export const off = () => db.$executeRawUnsafe("SET LOCAL row_security = off");`, errors: [{ messageId: 'rlsBypass' }] },
    { code: `export const url = 'postgresql://postgres:secret@db:5432/app';`, errors: [{ messageId: 'superuserConnection' }] },
    {
      code: `export async function run() { try { await work(); } catch (e) { if (e instanceof MissingTenantContextError) { log('no tenant'); } } }`,
      errors: [{ messageId: 'swallowedMissingContext' }],
    },
    {
      code: `export const run = () => work().catch((e) => { if (e.name === 'MissingTenantContextError') return null; throw e; });`,
      errors: [{ messageId: 'swallowedMissingContext' }],
    },
    // A handler that returns the platform marker is one finding, not two.
    {
      code: `export function current() { try { return getTenant(); } catch (e) { if (e instanceof MissingTenantContextError) return PLATFORM_CONTEXT; throw e; } }`,
      errors: [{ messageId: 'platformFallback' }],
    },
  ],
});
