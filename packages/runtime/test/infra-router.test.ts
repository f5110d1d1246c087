// TenantInfraRouter: per-level routing, and errors (never a silent shared fallback) when a required
// dedicated resource is missing.
import { describe, expect, it } from 'vitest';
import {
  DedicatedInfraMissingError, TenantInfraConfigError, TenantInfraRouter, TenantIsolationLevel, UnknownTenantInfraError,
} from '../src/infra/index.js';
import type { TenantInfraConfig } from '../src/infra/index.js';
import { tenantDbIndex } from '../src/redis/index.js';

const shared = {
  redis: { url: 'redis://cache.internal:6379/0' },
  database: { connectionString: 'postgres://app:secret@db.internal:5432/app' },
};

const tenants: Record<string, TenantInfraConfig> = {
  basic: { level: TenantIsolationLevel.STANDARD },
  strict: { level: 'STRICT', database: { name: 'tenant_strict' } },
  clinic: { level: 'PARANOID', redis: { url: 'rediss://clinic-redis.internal:6380' }, database: { connectionString: 'postgres://clinic:pw@clinic-db.internal/clinic' } },
  'paranoid-no-redis': { level: 'PARANOID', database: { name: 'tenant_p' } },
  'strict-no-db': { level: 'STRICT' },
  'standard-with-own-redis': { level: 'STANDARD', redis: { url: 'redis://own.internal:6379' } },
};

describe('TenantInfraRouter', () => {
  const router = new TenantInfraRouter({ shared, tenants });

  it('STANDARD uses the shared Redis (with the tenant prefix) and the shared database', () => {
    expect(router.resolve('basic')).toEqual({
      tenantId: 'basic',
      level: 'STANDARD',
      redis: { url: shared.redis.url, dedicated: false, keyPrefix: 't:{basic}:' },
      database: { connectionString: shared.database.connectionString, dedicated: false },
    });
  });

  it('STRICT gets its own database on the shared server (credentials kept), Redis stays shared', () => {
    const route = router.resolve('strict');
    expect(route.database).toEqual({ connectionString: 'postgres://app:secret@db.internal:5432/tenant_strict', dedicated: true });
    expect(route.redis.dedicated).toBe(false);
  });

  it('PARANOID gets its own Redis and its own database', () => {
    expect(router.redisFor('clinic')).toEqual({ url: 'rediss://clinic-redis.internal:6380', dedicated: true, keyPrefix: 't:{clinic}:' });
    expect(router.databaseFor('clinic')).toEqual({ connectionString: 'postgres://clinic:pw@clinic-db.internal/clinic', dedicated: true });
  });

  it('throws instead of falling back to shared when the level requires a dedicated resource that is missing', () => {
    expect(() => router.resolve('paranoid-no-redis')).toThrow(DedicatedInfraMissingError);
    expect(() => router.redisFor('paranoid-no-redis')).toThrow(/PARANOID and requires a dedicated redis/);
    const error = (() => { try { router.databaseFor('strict-no-db'); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(DedicatedInfraMissingError);
    expect(error).toMatchObject({ tenantId: 'strict-no-db', level: 'STRICT', resource: 'database' });
  });

  it('a configured dedicated resource is used even when the level would allow shared', () => {
    expect(router.redisFor('standard-with-own-redis').dedicated).toBe(true);
  });

  it('refuses unknown tenants unless a defaultLevel is set, and never finds prototype keys', () => {
    expect(() => router.resolve('stranger')).toThrow(UnknownTenantInfraError);
    expect(() => router.resolve('constructor')).toThrow(UnknownTenantInfraError);
    expect(() => router.resolve('')).toThrow(/empty/);
    const lenient = new TenantInfraRouter({ shared, tenants, defaultLevel: 'STANDARD' });
    expect(lenient.resolve('stranger').level).toBe('STANDARD');
    const strictDefault = new TenantInfraRouter({ shared, tenants: {}, defaultLevel: 'STRICT' });
    expect(() => strictDefault.resolve('stranger')).toThrow(DedicatedInfraMissingError);
  });

  it('accepts a Map or a lookup function, and custom level requirements', () => {
    const viaMap = new TenantInfraRouter({ shared, tenants: new Map([['m', { level: 'STANDARD' as const }]]) });
    expect(viaMap.levelOf('m')).toBe('STANDARD');
    const viaFn = new TenantInfraRouter({
      shared, tenants: (id) => (id === 'f' ? { level: 'STRICT' } : undefined),
      requirements: { STRICT: { dedicatedRedis: true, dedicatedDatabase: false } },
    });
    expect(() => viaFn.resolve('f')).toThrow(/requires a dedicated redis/);
  });

  it('places shared-Redis tenants on a DB index when dbPlacement is configured', () => {
    const placed = new TenantInfraRouter({ shared: { ...shared, redis: { ...shared.redis, dbPlacement: { databases: 16, reserved: 2 } } }, tenants });
    expect(placed.redisFor('basic').dbIndex).toBe(tenantDbIndex('basic', { databases: 16, reserved: 2 }));
    expect(placed.redisFor('clinic').dbIndex).toBeUndefined();
  });

  it('rejects inconsistent config: bad levels, bad URLs, a "dedicated" resource that is the shared one; no URL in messages', () => {
    const bad = (config: TenantInfraConfig) => new TenantInfraRouter({ shared, tenants: { x: config } });
    expect(() => bad({ level: 'GOLD' as never }).resolve('x')).toThrow(TenantInfraConfigError);
    expect(() => bad({ level: 'PARANOID', redis: { url: 'redis://cache.internal:6379' }, database: { name: 'd' } }).resolve('x')).toThrow(/is the shared redis/);
    expect(() => bad({ level: 'STRICT', database: { name: 'app' } }).resolve('x')).toThrow(/is the shared database/);
    expect(() => bad({ level: 'STRICT', database: { name: 'x; drop' } }).resolve('x')).toThrow(/invalid database name/);
    expect(() => bad({ level: 'PARANOID', redis: { url: 'http://secret:pw@x' }, database: { name: 'd' } }).resolve('x')).toThrow(/must use redis: or rediss:/);
    try {
      bad({ level: 'PARANOID', redis: { url: 'not a url with pw hunter2' }, database: { name: 'd' } }).resolve('x');
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
    expect(() => new TenantInfraRouter({ shared: { ...shared, redis: { url: 'nope' } }, tenants })).toThrow(TenantInfraConfigError);
  });
});
