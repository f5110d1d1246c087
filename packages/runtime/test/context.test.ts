import { afterEach, describe, expect, it } from 'vitest';
import {
  configureTenantContext,
  getAccessScope,
  getCurrentTenant,
  hasTenantContext,
  InvalidTenantIdError,
  isPlatformContext,
  MissingTenantContextError,
  PLATFORM_ACCESS_WARNING_CODE,
  PlatformScopeError,
  requireTenantId,
  runAsPlatform,
  runWithTenant,
  setPlatformAuditHook,
  tryGetAccessScope,
} from '../src/context/index.js';
import type { PlatformAccessEvent } from '../src/context/index.js';

afterEach(() => {
  configureTenantContext({ mode: 'strict' });
  setPlatformAuditHook(undefined);
});

function randomPause(): Promise<void> {
  const pick = Math.floor(Math.random() * 4);
  if (pick === 0) return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
  if (pick === 1) return new Promise((resolve) => setImmediate(resolve));
  if (pick === 2) return new Promise((resolve) => queueMicrotask(resolve));
  return Promise.resolve();
}

describe('runWithTenant / getCurrentTenant', () => {
  it('returns the tenant set by runWithTenant, from a string or an object', () => {
    expect(runWithTenant('acme', () => getCurrentTenant())).toEqual({ tenantId: 'acme' });
    const tenant = runWithTenant({ tenantId: 'globex', plan: 'pro' }, () => getCurrentTenant());
    expect(tenant).toEqual({ tenantId: 'globex', plan: 'pro' });
    expect(runWithTenant('acme', () => requireTenantId())).toBe('acme');
  });

  it('fails closed outside any context: throws, never platform', () => {
    expect(() => getCurrentTenant()).toThrow(MissingTenantContextError);
    expect(() => requireTenantId()).toThrow(MissingTenantContextError);
    expect(() => getAccessScope()).toThrow(MissingTenantContextError);
    expect(isPlatformContext()).toBe(false);
    expect(hasTenantContext()).toBe(false);
    expect(tryGetAccessScope()).toBeUndefined();
  });

  it('rejects unusable tenant ids, including the reserved platform wildcard', () => {
    for (const bad of ['', '   ', '*', ' acme', 'a\nb', 'x'.repeat(257)]) {
      expect(() => runWithTenant(bad, () => 1), JSON.stringify(bad)).toThrow(InvalidTenantIdError);
    }
    expect(() => runWithTenant({ tenantId: undefined as unknown as string }, () => 1)).toThrow(InvalidTenantIdError);
    expect(() => runWithTenant(null as unknown as string, () => 1)).toThrow(InvalidTenantIdError);
    // A tenant object cannot smuggle in the platform marker.
    expect(() => runWithTenant({ tenantId: 'acme', platform: true }, () => 1)).toThrow(InvalidTenantIdError);
  });

  it('hands out a frozen context that downstream code cannot re-point', () => {
    runWithTenant({ tenantId: 'acme' }, () => {
      const tenant = getCurrentTenant() as { tenantId: string };
      expect(() => { tenant.tenantId = 'globex'; }).toThrow(TypeError);
      expect(getCurrentTenant().tenantId).toBe('acme');
    });
  });

  it('keeps thousands of interleaved tasks of different tenants apart across random awaits', async () => {
    const tenants = Array.from({ length: 25 }, (_, i) => `tenant-${i}`);
    let crossReads = 0;
    let reads = 0;
    const tasks = Array.from({ length: 3000 }, (_, i) => {
      const expected = tenants[i % tenants.length]!;
      return runWithTenant(expected, async () => {
        for (let step = 0; step < 4; step++) {
          await randomPause();
          reads++;
          if (getCurrentTenant().tenantId !== expected) crossReads++;
          // A nested run for another tenant must not bleed back into this task.
          if (step === 1) await runWithTenant(`${expected}-nested`, async () => { await randomPause(); });
        }
        return getCurrentTenant().tenantId;
      });
    });
    const results = await Promise.all(tasks);
    expect(reads).toBe(3000 * 4);
    expect(crossReads).toBe(0);
    expect(results).toEqual(Array.from({ length: 3000 }, (_, i) => tenants[i % tenants.length]));
  });

  it('restores the outer tenant after a nested run, also across awaits', async () => {
    await runWithTenant('outer', async () => {
      const inner = await runWithTenant('inner', async () => { await randomPause(); return getCurrentTenant().tenantId; });
      expect(inner).toBe('inner');
      await randomPause();
      expect(getCurrentTenant().tenantId).toBe('outer');
    });
  });

  it('does not leak the context out of a run that throws or rejects', async () => {
    expect(() => runWithTenant('acme', () => { throw new Error('boom'); })).toThrow('boom');
    expect(() => getCurrentTenant()).toThrow(MissingTenantContextError);
    await expect(runWithTenant('acme', async () => { await randomPause(); throw new Error('async boom'); })).rejects.toThrow('async boom');
    expect(() => getCurrentTenant()).toThrow(MissingTenantContextError);
    await runWithTenant('outer', async () => {
      await expect(runWithTenant('inner', async () => { await randomPause(); throw new Error('x'); })).rejects.toThrow('x');
      expect(getCurrentTenant().tenantId).toBe('outer');
    });
  });
});

describe('runAsPlatform', () => {
  it('reports every entry to the audit hook with the reason, the caller tenant and a stack', () => {
    const events: PlatformAccessEvent[] = [];
    setPlatformAuditHook((event) => events.push(event));
    runAsPlatform('nightly usage rollup', () => undefined);
    runWithTenant('acme', () => runAsPlatform('support escalation #42', () => undefined));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'platform-access', reason: 'nightly usage rollup', implicit: false, fromTenantId: undefined });
    expect(events[1]).toMatchObject({ reason: 'support escalation #42', fromTenantId: 'acme' });
    expect(events[0]!.stack).toContain('context.test.ts');
  });

  it('emits a structured process warning by default', async () => {
    const warnings: Error[] = [];
    const listener = (warning: Error): void => { warnings.push(warning); };
    process.on('warning', listener);
    try {
      runAsPlatform('default hook check', () => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    const ours = warnings.filter((w) => (w as Error & { code?: string }).code === PLATFORM_ACCESS_WARNING_CODE);
    expect(ours).toHaveLength(1);
    const payload = JSON.parse(ours[0]!.message) as PlatformAccessEvent;
    expect(payload.reason).toBe('default hook check');
    expect(payload.stack.length).toBeGreaterThan(0);
  });

  it('never returns a tenant from getCurrentTenant inside platform; the scope says platform', () => {
    setPlatformAuditHook(() => undefined);
    runAsPlatform('ops', () => {
      expect(() => getCurrentTenant()).toThrow(PlatformScopeError);
      expect(() => getCurrentTenant()).toThrow(MissingTenantContextError);
      expect(getAccessScope()).toEqual({ kind: 'platform', reason: 'ops', implicit: false });
      expect(isPlatformContext()).toBe(true);
      expect(hasTenantContext()).toBe(false);
      // Acting for one tenant from a platform job is an explicit nested run.
      runWithTenant('acme', () => {
        expect(getCurrentTenant().tenantId).toBe('acme');
        expect(isPlatformContext()).toBe(false);
      });
    });
  });

  it('requires a reason and denies access when the audit hook fails', () => {
    expect(() => runAsPlatform('', () => 1)).toThrow(TypeError);
    setPlatformAuditHook(() => { throw new Error('audit log down'); });
    let ran = false;
    expect(() => runAsPlatform('anything', () => { ran = true; })).toThrow('audit log down');
    expect(ran).toBe(false);
  });
});

describe('audit mode (migration)', () => {
  it('returns a reported platform marker instead of throwing, only in audit mode', () => {
    const events: PlatformAccessEvent[] = [];
    setPlatformAuditHook((event) => events.push(event));
    configureTenantContext({ mode: 'audit' });
    expect(getCurrentTenant()).toEqual({ tenantId: '*', platform: true });
    expect(getAccessScope()).toMatchObject({ kind: 'platform', implicit: true });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.implicit)).toBe(true);
    // Inside a tenant context audit mode changes nothing.
    expect(runWithTenant('acme', () => getCurrentTenant().tenantId)).toBe('acme');
    expect(events).toHaveLength(2);
    configureTenantContext({ mode: 'strict' });
    expect(() => getCurrentTenant()).toThrow(MissingTenantContextError);
  });

  it('rejects unknown modes', () => {
    expect(() => configureTenantContext({ mode: 'off' as 'strict' })).toThrow(TypeError);
  });
});
