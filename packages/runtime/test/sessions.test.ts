import { afterEach, describe, expect, it } from 'vitest';
import {
  configureTenantContext,
  MissingTenantContextError,
  PlatformScopeError,
  runAsPlatform,
  runWithTenant,
  setPlatformAuditHook,
} from '../src/context/index.js';
import { createTenantSessionStore } from '../src/sessions/index.js';

afterEach(() => {
  configureTenantContext({ mode: 'strict' });
  setPlatformAuditHook(undefined);
});

interface Trace { steps: string[] }

describe('TenantSessionStore', () => {
  it('keeps two tenants with the same session id apart', () => {
    const store = createTenantSessionStore<Trace>();
    runWithTenant('acme', () => store.start('session-1', { steps: ['acme private tool output'] }));
    runWithTenant('globex', () => store.start('session-1', { steps: ['globex chain of thought'] }));
    expect(runWithTenant('acme', () => store.get('session-1'))).toEqual({ steps: ['acme private tool output'] });
    expect(runWithTenant('globex', () => store.get('session-1'))).toEqual({ steps: ['globex chain of thought'] });
    // Ending it for one tenant leaves the other's untouched.
    expect(runWithTenant('globex', () => store.end('session-1'))).toEqual({ steps: ['globex chain of thought'] });
    expect(runWithTenant('globex', () => store.get('session-1'))).toBeUndefined();
    expect(runWithTenant('acme', () => store.get('session-1'))).toEqual({ steps: ['acme private tool output'] });
    expect(runWithTenant('initech', () => store.get('session-1'))).toBeUndefined();
    expect(runWithTenant('initech', () => store.end('session-1'))).toBeUndefined();
    expect(runWithTenant('acme', () => store.get('session-1'))).toBeDefined();
  });

  it('cannot be tricked by separators in ids or tenant ids', () => {
    const store = createTenantSessionStore<string>();
    runWithTenant('a', () => store.start('b:x', 'tenant a, id b:x'));
    runWithTenant('a:b', () => store.start('x', 'tenant a:b, id x'));
    expect(runWithTenant('a', () => store.get('b:x'))).toBe('tenant a, id b:x');
    expect(runWithTenant('a:b', () => store.get('x'))).toBe('tenant a:b, id x');
    expect(runWithTenant('a', () => store.get('x'))).toBeUndefined();
    expect(runWithTenant('a:b', () => store.get('b:x'))).toBeUndefined();
    expect(runWithTenant('a', () => store.list().map((s) => s.data))).toEqual(['tenant a, id b:x']);
  });

  it('lists only the current tenant\'s sessions; all tenants only under runAsPlatform', () => {
    const store = createTenantSessionStore<number>();
    runWithTenant('acme', () => { store.start('s1', 1); store.start('s2', 2); });
    runWithTenant('globex', () => store.start('s1', 3));
    expect(runWithTenant('acme', () => store.list().map((s) => [s.tenantId, s.id, s.data]))).toEqual([['acme', 's1', 1], ['acme', 's2', 2]]);
    expect(runWithTenant('globex', () => store.list().map((s) => s.data))).toEqual([3]);
    const reasons: string[] = [];
    setPlatformAuditHook((event) => reasons.push(event.reason));
    const all = runAsPlatform('support: inspect stuck agent sessions', () => store.list());
    expect(all.map((s) => `${s.tenantId}/${s.id}`).sort()).toEqual(['acme/s1', 'acme/s2', 'globex/s1']);
    expect(reasons).toEqual(['support: inspect stuck agent sessions']);
  });

  it('fails closed without a tenant: no context, platform scope, or audit-mode fallback', () => {
    const store = createTenantSessionStore<number>();
    expect(() => store.start('s', 1)).toThrow(MissingTenantContextError);
    expect(() => store.get('s')).toThrow(MissingTenantContextError);
    expect(() => store.list()).toThrow(MissingTenantContextError);
    setPlatformAuditHook(() => undefined);
    expect(() => runAsPlatform('ops', () => store.get('s'))).toThrow(PlatformScopeError);
    configureTenantContext({ mode: 'audit' });
    expect(() => store.start('s', 1)).toThrow(PlatformScopeError);
  });

  it('rejects empty ids and enforces the per-tenant cap', () => {
    const store = createTenantSessionStore<number>({ maxSessionsPerTenant: 1 });
    runWithTenant('acme', () => {
      expect(() => store.start('', 1)).toThrow(TypeError);
      store.start('one', 1);
      store.start('one', 2); // restart of an existing id is not a new session
      expect(() => store.start('two', 2)).toThrow(RangeError);
    });
    expect(runWithTenant('globex', () => store.start('two', 2)).tenantId).toBe('globex');
  });
});
