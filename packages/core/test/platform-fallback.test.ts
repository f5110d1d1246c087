import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const fallback = (code: string, config = {}) => findings(code, config).filter((f) => f.kind === 'platform-fallback').map((f) => f.line);

describe('platform-fallback', () => {
  it('flags ?? and || defaults to platform names', () => {
    expect(fallback(`const t = req.auth?.tenantId ?? PLATFORM_TENANT_ID;
const c = store.getStore() || PLATFORM_CONTEXT;
const d = ctx.tenant ?? '*';`)).toEqual([1, 2, 3]);
  });
  it('flags a getter that returns platform when the store is empty, and a catch that does', () => {
    expect(fallback(`export function getTenant() {
  const ctx = storage.getStore();
  if (!ctx) return PLATFORM_CONTEXT;
  return ctx;
}
export function resolve(token: string) {
  try { return verify(token).tenant; } catch { return ADMIN_CONTEXT; }
}`)).toEqual([3, 7]);
  });
  it('flags a ternary falling back to platform', () => {
    expect(fallback(`const scope = session?.orgId ? session.orgId : ALL_TENANTS;`)).toEqual([1]);
  });
  it('honours configured platform names', () => {
    expect(fallback(`const t = ctx.tenant ?? GOD;`, { platformNames: ['GOD'] })).toEqual([1]);
  });
  it('does not flag comparisons with platform, explicit platform helpers, or unrelated defaults', () => {
    expect(fallback(`if (tenant === PLATFORM) audit();
export function platformContext() { return PLATFORM_CONTEXT; }
const name = user.name ?? 'anonymous';
const t = ctx.tenant ?? throwMissingTenant();
runAsPlatform('nightly reindex', () => reindex());`)).toEqual([]);
  });
});

describe('platform values behind a property access', () => {
  it('flags a fallback to a property of a platform constant', () => {
    expect(fallback(`const t = req.auth?.tenantId ?? PLATFORM_CONTEXT.tenantId;`)).toEqual([1]);
  });
});

describe('deliberate platform choices', () => {
  it('does not flag a conditional on an explicit platform-operator check', () => {
    expect(fallback(`const scope = ctx.isPlatformOperator ? PLATFORM_CONTEXT : ctx.tenant;`)).toEqual([]);
    expect(fallback(`const scope = ctx.tenant ? ctx.tenant : PLATFORM_CONTEXT;`)).toEqual([1]);
  });
});
