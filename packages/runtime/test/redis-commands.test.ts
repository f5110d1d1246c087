// Key-position prefixing of the scoped command() path and adapter selection, with a recording executor.
import { describe, expect, it } from 'vitest';
import { createTenantRedis, toRedisExecutor, TenantRedisCommandRefusedError } from '../src/redis/index.js';
import type { RedisArg, RedisCommandExecutor } from '../src/redis/index.js';

function recorder(reply: unknown = 'OK'): RedisCommandExecutor & { sent: Array<[string, RedisArg[]]> } {
  const sent: Array<[string, RedisArg[]]> = [];
  return { sent, sendRedisCommand: async (command, args) => { sent.push([command, [...args]]); return reply; } };
}

describe('scoped command() key positions', () => {
  const cases: Array<[string, RedisArg[], RedisArg[]]> = [
    ['GET', ['k'], ['t:{a}:k']],
    ['SET', ['k', 'v', 'EX', 10], ['t:{a}:k', 'v', 'EX', 10]],
    ['DEL', ['k1', 'k2'], ['t:{a}:k1', 't:{a}:k2']],
    ['RENAME', ['old', 'new'], ['t:{a}:old', 't:{a}:new']],
    ['LMOVE', ['src', 'dst', 'LEFT', 'RIGHT'], ['t:{a}:src', 't:{a}:dst', 'LEFT', 'RIGHT']],
    ['BLPOP', ['q1', 'q2', 5], ['t:{a}:q1', 't:{a}:q2', 5]],
    ['MSET', ['k1', 'v1', 'k2', 'v2'], ['t:{a}:k1', 'v1', 't:{a}:k2', 'v2']],
    ['ZUNIONSTORE', ['dst', 2, 'z1', 'z2', 'WEIGHTS', 1, 2], ['t:{a}:dst', 2, 't:{a}:z1', 't:{a}:z2', 'WEIGHTS', 1, 2]],
    ['ZINTERCARD', [2, 'z1', 'z2', 'LIMIT', 5], [2, 't:{a}:z1', 't:{a}:z2', 'LIMIT', 5]],
    ['BLMPOP', [0, 1, 'l', 'LEFT'], [0, 1, 't:{a}:l', 'LEFT']],
    ['PUBLISH', ['events', 'hi'], ['t:{a}:events', 'hi']],
    ['HSCAN', ['h', 0, 'MATCH', 'f*'], ['t:{a}:h', 0, 'MATCH', 'f*']],
    ['PING', [], []],
  ];
  for (const [command, args, expected] of cases) {
    it(`${command} prefixes exactly its key positions`, async () => {
      const exec = recorder();
      await createTenantRedis(exec, { tenantId: 'a' }).command(command.toLowerCase(), ...args);
      expect(exec.sent).toEqual([[command, expected]]);
    });
  }

  it('prefixes Buffer keys as Buffers', async () => {
    const exec = recorder();
    await createTenantRedis(exec, { tenantId: 'a' }).command('GET', Buffer.from([0xff, 0x01]));
    expect(exec.sent[0]?.[1][0]).toEqual(Buffer.concat([Buffer.from('t:{a}:'), Buffer.from([0xff, 0x01])]));
  });

  it('eval() prefixes KEYS but not ARGV', async () => {
    const exec = recorder();
    await createTenantRedis(exec, { tenantId: 'a' }).eval('return 1', ['k1', 'k2'], ['argv-not-a-key']);
    expect(exec.sent).toEqual([['EVAL', ['return 1', 2, 't:{a}:k1', 't:{a}:k2', 'argv-not-a-key']]]);
  });

  it('malformed numkeys/pairs are refused rather than guessed', async () => {
    const scoped = createTenantRedis(recorder(), { tenantId: 'a' });
    await expect(scoped.command('ZUNIONSTORE', 'dst', 'x', 'z1')).rejects.toThrow(/numkeys/);
    await expect(scoped.command('ZUNIONSTORE', 'dst', 0)).rejects.toThrow(/numkeys/);
    await expect(scoped.command('MSET', 'k1', 'v1', 'k2')).rejects.toThrow(/pairs/);
    await expect(scoped.command('GET')).rejects.toThrow(/at least 1/);
  });

  it('refusals name the command and never reach the executor', async () => {
    const exec = recorder();
    const scoped = createTenantRedis(exec, { tenantId: 'a' });
    for (const command of ['FLUSHDB', 'flushall', 'KEYS', 'SCAN', 'EVAL', 'EVALSHA', 'FCALL', 'SORT', 'SELECT', 'MULTI', 'NOT-A-COMMAND']) {
      const error = await scoped.command(command, 'x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TenantRedisCommandRefusedError);
      expect((error as TenantRedisCommandRefusedError).command).toBe(command.toUpperCase());
    }
    expect(exec.sent).toEqual([]);
  });

  it('scan() always MATCHes under the tenant prefix and strips it; foreign reply keys are dropped', async () => {
    const exec = recorder(['0', ['t:{a}:x', 't:{b}:y', 'plain']]);
    const page = await createTenantRedis(exec, { tenantId: 'a' }).scan(0, { match: 'x*', count: 10, type: 'string' });
    expect(exec.sent).toEqual([['SCAN', ['0', 'MATCH', 't:{a}:x*', 'COUNT', 10, 'TYPE', 'string']]]);
    expect(page).toEqual({ cursor: '0', keys: ['x'] });
  });

  it('needs exactly one of tenantId / fromContext', () => {
    expect(() => createTenantRedis(recorder(), {} as never)).toThrow(/tenantId or fromContext/);
    expect(() => createTenantRedis(recorder(), { tenantId: 'a', fromContext: true } as never)).toThrow(/not both/);
    expect(() => createTenantRedis(recorder(), { tenantId: ' ' })).toThrow(/empty/);
  });
});

describe('toRedisExecutor', () => {
  it('uses call() for ioredis-shaped clients and sendCommand([...]) with strings for node-redis-shaped ones', async () => {
    const calls: unknown[] = [];
    await toRedisExecutor({ call: async (...args: unknown[]) => { calls.push(['call', ...args]); }, sendCommand: async () => undefined } as never)
      .sendRedisCommand('GET', ['k', 1]);
    await toRedisExecutor({ sendCommand: async (args: unknown[]) => { calls.push(['sendCommand', args]); } })
      .sendRedisCommand('EXPIRE', ['k', 10]);
    expect(calls).toEqual([['call', 'GET', 'k', 1], ['sendCommand', ['EXPIRE', 'k', '10']]]);
  });

  it('rejects anything else', () => {
    expect(() => toRedisExecutor({} as never)).toThrow(/unsupported Redis client/);
  });
});
