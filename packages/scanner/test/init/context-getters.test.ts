import { describe, expect, it } from 'vitest';
import { findContextGetters } from '../../src/init/context-getters.js';

const names = (text: string) => findContextGetters([{ path: 'src/ctx.ts', text }]).map((g) => `${g.name} ${g.at}`);

describe('init: fail-closed context getters', () => {
  it('finds a no-argument tenant getter that throws without a tenant', () => {
    expect(names('const store = new AsyncLocalStorage();\n\nexport function getCurrentTenantIdOrThrow(): string {\n  const c = store.getStore();\n  if (!c) throw new Error("no tenant");\n  return c.tenantId;\n}'))
      .toEqual(['getCurrentTenantIdOrThrow src/ctx.ts:3']);
    expect(names('export const requireWorkspaceId = () => { const w = als.getStore(); if (!w) { throw new Error(); } return w.id; };'))
      .toEqual(['requireWorkspaceId src/ctx.ts:1']);
  });

  it('leaves out getters that fall back instead of throwing (the platform fallback is a gap, not a getter)', () => {
    expect(names('export function getTenantContext() { return store.getStore() ?? PLATFORM_CONTEXT; }\nfunction other() { throw new Error(); }')).toEqual([]);
  });

  it('leaves out getters that read client input, take arguments, or are not about the tenant', () => {
    expect(names('export function getTenantId() { const h = headers().get("x-tenant-id"); if (!h) throw new Error(); return h; }')).toEqual([]);
    expect(names('export function getWorkspaceOrThrow(slug: string) { if (!slug) throw new Error(); return db.find(slug); }')).toEqual([]);
    expect(names('export function useMergePartnerAccountsForm() { const c = useContext(C); if (!c) throw new Error(); return c; }')).toEqual([]);
    expect(names('export function getCurrentUserOrThrow() { const u = store.getStore(); if (!u) throw new Error(); return u; }')).toEqual([]);
  });

  it('skips the built-in getters', () => {
    expect(names('export function requireTenantId() { const c = s.getStore(); if (!c) throw new Error(); return c.id; }')).toEqual([]);
  });
});
