// The ACL wall against a real redis-server: a RAW connection authenticated as tenant A's ACL user is
// refused by the server (NOPERM) for tenant B's keys, whatever the client code does.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createTenantRedis, provisionTenantAclUser, revokeTenantAclUser, tenantKey } from '../src/redis/index.js';
import { describeWithServer } from './support/servers.js';
import { findRedisServer, REDIS_DEBIAN_PACKAGE, startRedisServer } from './support/redis-server.js';
import type { RedisTestServer } from './support/redis-server.js';

const PASSWORD_A = 'pw-acme-0123456789abcdef';
const PASSWORD_B = 'pw-globex-0123456789abcdef';

describeWithServer('Redis ACL wall per tenant', findRedisServer() !== undefined, REDIS_DEBIAN_PACKAGE, () => {
  let server: RedisTestServer;
  let admin: Redis;
  const opened: Redis[] = [];

  async function connectAs(username: string, password: string): Promise<Redis> {
    const conn = new Redis(server.port, '127.0.0.1', {
      username, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null,
      enableReadyCheck: false, // the ready check runs INFO, which tenant users are (rightly) denied
    });
    opened.push(conn);
    await conn.connect();
    return conn;
  }

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
    await admin.connect();
    await provisionTenantAclUser(admin, 'acme', PASSWORD_A);
    await provisionTenantAclUser(admin, 'globex', PASSWORD_B);
    await admin.set(tenantKey('acme', 'secret'), 'A-secret');
    await admin.set(tenantKey('globex', 'secret'), 'B-secret');
    await admin.set('unscoped', 'system');
  });

  afterAll(async () => {
    for (const conn of opened) conn.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it('tenant A reads its own keys but gets NOPERM from the server for B\'s key and unprefixed keys', async () => {
    const a = await connectAs('tenant:acme', PASSWORD_A);
    expect(await a.get('t:{acme}:secret')).toBe('A-secret');
    await expect(a.get('t:{globex}:secret')).rejects.toThrow(/NOPERM/);
    await expect(a.get('unscoped')).rejects.toThrow(/NOPERM/);
    await expect(a.set('t:{globex}:secret', 'overwritten')).rejects.toThrow(/NOPERM/);
    await expect(a.call('RENAME', 't:{acme}:secret', 't:{globex}:stolen')).rejects.toThrow(/NOPERM/);
    expect(await admin.get(tenantKey('globex', 'secret'))).toBe('B-secret');
  });

  it('enumeration, flushes, admin and script commands are denied by the server', async () => {
    const a = await connectAs('tenant:acme', PASSWORD_A);
    for (const args of [['KEYS', '*'], ['SCAN', '0'], ['RANDOMKEY'], ['DBSIZE'], ['FLUSHDB'], ['FLUSHALL'],
      ['CONFIG', 'GET', 'maxmemory'], ['INFO', 'keyspace'], ['CLIENT', 'LIST'], ['SWAPDB', '0', '1'],
      ['EVAL', "return redis.call('GET', KEYS[1])", '1', 't:{globex}:secret'], ['FUNCTION', 'FLUSH'], ['PUBSUB', 'CHANNELS']]) {
      await expect(a.call(args[0] as string, ...args.slice(1)), args.join(' ')).rejects.toThrow(/NOPERM/);
    }
    expect(await admin.dbsize()).toBeGreaterThanOrEqual(3);
  });

  it('pub/sub is confined to the tenant channel prefix', async () => {
    const a = await connectAs('tenant:acme', PASSWORD_A);
    expect(await a.publish('t:{acme}:events', 'hi')).toBe(0);
    await expect(a.publish('t:{globex}:events', 'hi')).rejects.toThrow(/NOPERM/);
  });

  it('with scripting allowed, a Lua script naming B\'s key literally is still stopped by the key pattern', async () => {
    await provisionTenantAclUser(admin, 'acme', PASSWORD_A, { username: 'tenant:acme:lua', allowScripting: true });
    const a = await connectAs('tenant:acme:lua', PASSWORD_A);
    expect(await a.eval("return redis.call('GET', KEYS[1])", 1, 't:{acme}:secret')).toBe('A-secret');
    await expect(a.eval("return redis.call('GET', 't:{globex}:secret')", 0)).rejects.toThrow(/can't access|NOPERM/i);
  });

  it('a scoped node-redis client on the ACL connection works for its own tenant (both walls together)', async () => {
    const raw = createClient({ url: server.url, username: 'tenant:globex', password: PASSWORD_B });
    await raw.connect();
    try {
      const b = createTenantRedis(raw, { tenantId: 'globex' });
      expect(await b.get('secret')).toBe('B-secret');
      await b.set('session:1', 'x', 'EX', 60);
      expect(await b.exists('session:1')).toBe(1);
      const wrongScope = createTenantRedis(raw, { tenantId: 'acme' });
      await expect(wrongScope.get('secret')).rejects.toThrow(/NOPERM/);
      await expect(b.keys()).rejects.toThrow(/NOPERM/); // KEYS is denied outright for tenant users
    } finally {
      await raw.close();
    }
  });

  it('the denial comes from the ACL: widen A\'s key pattern and the same read succeeds; re-provision and it is denied again', async () => {
    const a = await connectAs('tenant:acme', PASSWORD_A);
    await expect(a.get('t:{globex}:secret')).rejects.toThrow(/NOPERM/);
    await admin.call('ACL', 'SETUSER', 'tenant:acme', 'allkeys'); // the wall removed
    expect(await a.get('t:{globex}:secret')).toBe('B-secret');
    await provisionTenantAclUser(admin, 'acme', PASSWORD_A); // reset + rules again
    await expect(a.get('t:{globex}:secret')).rejects.toThrow(/NOPERM/);
  });

  it('revoking the ACL user drops its connections and refuses new logins', async () => {
    const a = await connectAs('tenant:acme', PASSWORD_A);
    expect(await a.get('t:{acme}:secret')).toBe('A-secret');
    expect(await revokeTenantAclUser(admin, 'acme')).toBe(true);
    expect(await revokeTenantAclUser(admin, 'acme')).toBe(false);
    await expect(a.get('t:{acme}:secret')).rejects.toThrow();
    const probe = await connectAs('default', '');
    await expect(probe.call('AUTH', 'tenant:acme', PASSWORD_A)).rejects.toThrow(/WRONGPASS/);
  });

  it('refuses weak passwords before talking to the server', async () => {
    await expect(provisionTenantAclUser(admin, 'acme', 'short')).rejects.toThrow(/16 characters/);
  });
});
