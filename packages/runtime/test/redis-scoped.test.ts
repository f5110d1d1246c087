// createTenantRedis against a real redis-server, through both ioredis and node-redis.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createTenantRedis, tenantDbIndex, tenantKey, TenantRedisCommandRefusedError } from '../src/redis/index.js';
import type { RedisClientLike } from '../src/redis/index.js';
import { runWithTenant } from '../src/context/index.js';
import { describeWithServer, isCI } from './support/servers.js';
import { findRedisServer, REDIS_DEBIAN_PACKAGE, startRedisServer } from './support/redis-server.js';
import type { RedisTestServer } from './support/redis-server.js';

let server: RedisTestServer;
let io: Redis;
let nodeRedis: ReturnType<typeof createClient>;

beforeAll(async () => {
  if (findRedisServer() === undefined && !isCI()) return; // suites below are skipped with a message
  server = await startRedisServer();
  io = new Redis(server.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await io.connect();
  nodeRedis = createClient({ url: server.url });
  await nodeRedis.connect();
});

afterAll(async () => {
  io?.disconnect();
  await nodeRedis?.close();
  await server?.stop();
});

const drivers: Array<[string, () => RedisClientLike]> = [
  ['ioredis', () => io],
  ['node-redis', () => nodeRedis],
];

for (const [driver, client] of drivers) {
  describeWithServer(`tenant-scoped Redis via ${driver}`, findRedisServer() !== undefined, REDIS_DEBIAN_PACKAGE, () => {
    beforeAll(async () => {
      await io.flushdb(); // test setup uses the raw admin connection on purpose
    });

    it("A's scoped client cannot see B's keys, even under the same key name", async () => {
      const a = createTenantRedis(client(), { tenantId: 'acme' });
      const b = createTenantRedis(client(), { tenantId: 'globex' });
      await a.set('profile', 'A-secret');
      await b.set('profile', 'B-secret');
      expect(await a.get('profile')).toBe('A-secret');
      expect(await b.get('profile')).toBe('B-secret');
      expect(await io.get('t:{acme}:profile')).toBe('A-secret');
      expect(await a.mget('profile', 'missing')).toEqual(['A-secret', null]);
      await b.del('profile');
      expect(await a.get('profile')).toBe('A-secret');
    });

    it('a forged key cannot reach into another tenant', async () => {
      const evil = createTenantRedis(client(), { tenantId: 'a}:x' });
      await evil.set('k', 'evil');
      const a = createTenantRedis(client(), { tenantId: 'a' });
      expect(await a.get('x:k')).toBeNull();
      expect(await a.keys()).not.toContain('x:k');
    });

    it('SCAN and KEYS are confined to the tenant prefix and return unprefixed keys', async () => {
      const a = createTenantRedis(client(), { tenantId: 'scan-a' });
      const b = createTenantRedis(client(), { tenantId: 'scan-b' });
      for (let i = 0; i < 30; i++) await a.set(`doc:${i}`, 'a');
      for (let i = 0; i < 30; i++) await b.set(`doc:${i}`, 'b');
      await io.set('global:unscoped', 'x');
      const scanned: string[] = [];
      for await (const key of a.scanIterator({ match: 'doc:*', count: 7 })) scanned.push(key);
      expect(new Set(scanned).size).toBe(30);
      expect(scanned.every((k) => k.startsWith('doc:'))).toBe(true);
      expect((await a.keys()).sort()).toEqual(scanned.filter((k, i, all) => all.indexOf(k) === i).sort());
      expect(await a.keys('*unscoped*')).toEqual([]);
      expect(await b.keys('doc:1')).toEqual(['doc:1']);
    });

    it('hashes, counters, expiry and prefixed Lua KEYS', async () => {
      const a = createTenantRedis(client(), { tenantId: 'acme' });
      await a.hset('user:1', { name: 'Ada', plan: 'pro' });
      expect(await a.hgetall('user:1')).toEqual({ name: 'Ada', plan: 'pro' });
      expect(await a.hget('user:1', 'plan')).toBe('pro');
      expect(await a.incr('hits')).toBe(1);
      expect(await a.expire('hits', 100)).toBe(1);
      expect(await a.ttl('hits')).toBeGreaterThan(0);
      expect(await a.command('ZADD', 'board', 1, 'x')).toBe(1);
      expect(await io.exists('t:{acme}:board')).toBe(1);
      expect(await a.eval("return redis.call('GET', KEYS[1])", ['profile'])).toBe('A-secret');
      await a.command('MSET', 'm1', '1', 'm2', '2');
      expect(await io.mget('t:{acme}:m1', 't:{acme}:m2')).toEqual(['1', '2']);
      await a.command('ZUNIONSTORE', 'u', 1, 'board');
      expect(await io.zcard('t:{acme}:u')).toBe(1);
    });

    it('FLUSHDB, FLUSHALL, raw EVAL, KEYS/SCAN via command() and unknown commands are refused before the server', async () => {
      const a = createTenantRedis(client(), { tenantId: 'acme' });
      const before = await io.dbsize();
      expect(() => a.flushdb()).toThrow(TenantRedisCommandRefusedError);
      expect(() => a.flushall()).toThrow(/FLUSHALL is refused/);
      await expect(a.command('flushdb')).rejects.toThrow(/clearTenantKeys/);
      await expect(a.command('EVAL', "return redis.call('GET', KEYS[1])", 1, 't:{globex}:profile')).rejects.toThrow(/EVAL is refused/);
      await expect(a.command('keys', '*')).rejects.toThrow(TenantRedisCommandRefusedError);
      await expect(a.command('scan', 0)).rejects.toThrow(TenantRedisCommandRefusedError);
      await expect(a.command('OBJECT', 'ENCODING', 'x')).rejects.toThrow(/allow-list/);
      await expect(a.command('ZUNIONSTORE', 'u', 5, 'board')).rejects.toThrow(/numkeys/);
      expect(await io.dbsize()).toBe(before);
    });

    it('clearTenantKeys deletes only the tenant\'s own keys', async () => {
      const a = createTenantRedis(client(), { tenantId: 'clear-a' });
      const b = createTenantRedis(client(), { tenantId: 'clear-b' });
      for (let i = 0; i < 12; i++) await a.set(`k${i}`, '1');
      await b.set('k0', 'keep');
      expect(await a.clearTenantKeys()).toBe(12);
      expect(await a.keys()).toEqual([]);
      expect(await b.get('k0')).toBe('keep');
    });

    it('fromContext resolves the tenant per command and fails closed outside a context', async () => {
      const scoped = createTenantRedis(client(), { fromContext: true });
      await runWithTenant('ctx-a', () => scoped.set('note', 'from A'));
      await runWithTenant('ctx-b', () => scoped.set('note', 'from B'));
      expect(await runWithTenant('ctx-a', () => scoped.get('note'))).toBe('from A');
      expect(await io.get(tenantKey('ctx-b', 'note'))).toBe('from B');
      await expect(scoped.get('note')).rejects.toThrow(/tenant context/i);
      const custom = createTenantRedis(client(), { fromContext: () => ({ tenantId: 'ctx-b' }) });
      expect(await custom.get('note')).toBe('from B');
    });
  });
}

describeWithServer('tenantDbIndex placement on a real server', findRedisServer() !== undefined, REDIS_DEBIAN_PACKAGE, () => {
  it('places a tenant on its stable index, but it is placement only: any connection can SELECT it', async () => {
    const layout = { databases: 16, reserved: 2 };
    const index = tenantDbIndex('acme', layout);
    expect(index).toBe(7);
    const placed = new Redis(server.port, '127.0.0.1', { db: index, lazyConnect: true });
    await placed.connect();
    try {
      await createTenantRedis(placed, { tenantId: 'acme' }).set('placed', 'yes');
      expect(await io.get(tenantKey('acme', 'placed'))).toBeNull(); // not in db 0
      const other = new Redis(server.port, '127.0.0.1', { db: tenantDbIndex('tenant-0001', layout), lazyConnect: true });
      await other.connect();
      await other.select(index); // nothing stops this: the prefix (and the ACL wall) are the boundary
      expect(await other.get(tenantKey('acme', 'placed'))).toBe('yes');
      other.disconnect();
    } finally {
      placed.disconnect();
    }
  });
});
