/**
 * createTenantRedis: a Redis client whose every key goes through the tenant prefix. It wraps an
 * ioredis or node-redis client (or any RedisCommandExecutor) without changing it, so one physical
 * connection can serve many tenants while each scoped view only ever names its own tenant's keys.
 *
 * Prefixing is a client-side discipline: it stops mistakes, not a hostile process holding the raw
 * connection. The server-side wall is provisionTenantAclUser (one ACL user per tenant).
 */
import { toRedisExecutor } from './adapter.js';
import type { RedisArg, RedisClientLike, RedisCommandExecutor } from './adapter.js';
import { keySpecFor, refusalReason } from './command-specs.js';
import { TenantRedisCommandRefusedError } from './errors.js';
import { escapeRedisGlob, tenantKeyPrefix } from './key-encoding.js';
import { prefixKeyArgs } from './prefix-args.js';
import { tenantResolver } from './tenant-source.js';
import type { TenantSourceOptions } from './tenant-source.js';

export type CreateTenantRedisOptions = TenantSourceOptions;

export interface TenantScanOptions {
  /** Glob within the tenant's keyspace (default `*`); it is appended to the escaped tenant prefix. */
  match?: string;
  count?: number;
  /** Redis TYPE filter (string, hash, list, set, zset, stream). */
  type?: string;
}

function asString(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

function asNullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : asString(value);
}

/** HGETALL comes back as a flat array (RESP2), a Map (RESP3) or an object (ioredis transformer). */
function asRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (let i = 0; i + 1 < value.length; i += 2) out[asString(value[i])] = asString(value[i + 1]);
  } else if (value instanceof Map) {
    for (const [k, v] of value) out[asString(k)] = asString(v);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out[k] = asString(v);
  }
  return out;
}

export class TenantRedis {
  readonly #exec: RedisCommandExecutor;
  readonly #tenant: () => string;

  constructor(client: RedisClientLike, options: CreateTenantRedisOptions) {
    this.#exec = toRedisExecutor(client);
    this.#tenant = tenantResolver(options);
  }

  /** The tenant this call acts for (resolved from context per call when created with fromContext). */
  get tenantId(): string {
    return this.#tenant();
  }

  /** The key prefix of the current tenant, e.g. `t:{acme}:`. */
  prefix(): string {
    return tenantKeyPrefix(this.#tenant());
  }

  /**
   * Sends any command of the key-spec allow-list with its keys prefixed. Keyspace-wide and
   * unknown commands throw TenantRedisCommandRefusedError before anything reaches the server.
   */
  async command(name: string, ...args: RedisArg[]): Promise<unknown> {
    const upper = name.toUpperCase();
    const reason = refusalReason(name);
    if (reason !== undefined) throw new TenantRedisCommandRefusedError(upper, reason);
    const spec = keySpecFor(name);
    if (spec === undefined) {
      throw new TenantRedisCommandRefusedError(upper, 'it is not in the tenant key-spec allow-list, so its key positions are unknown (fail closed)');
    }
    return this.#exec.sendRedisCommand(upper, prefixKeyArgs(name, spec, args, this.prefix()));
  }

  async get(key: string): Promise<string | null> {
    return asNullableString(await this.command('GET', key));
  }

  /** SET with optional raw options, e.g. set(k, v, 'EX', 60) or set(k, v, 'NX'). Returns 'OK' or null. */
  async set(key: string, value: RedisArg, ...options: RedisArg[]): Promise<string | null> {
    return asNullableString(await this.command('SET', key, value, ...options));
  }

  async del(...keys: string[]): Promise<number> {
    return Number(await this.command('DEL', ...keys));
  }

  async exists(...keys: string[]): Promise<number> {
    return Number(await this.command('EXISTS', ...keys));
  }

  async expire(key: string, seconds: number): Promise<number> {
    return Number(await this.command('EXPIRE', key, seconds));
  }

  async ttl(key: string): Promise<number> {
    return Number(await this.command('TTL', key));
  }

  async incr(key: string): Promise<number> {
    return Number(await this.command('INCR', key));
  }

  async mget(...keys: string[]): Promise<Array<string | null>> {
    const values = (await this.command('MGET', ...keys)) as unknown[];
    return values.map(asNullableString);
  }

  async hset(key: string, fields: Record<string, RedisArg>): Promise<number> {
    const flat = Object.entries(fields).flatMap(([field, value]) => [field, value]);
    return Number(await this.command('HSET', key, ...flat));
  }

  async hget(key: string, field: string): Promise<string | null> {
    return asNullableString(await this.command('HGET', key, field));
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return asRecord(await this.command('HGETALL', key));
  }

  async publish(channel: string, message: RedisArg): Promise<number> {
    return Number(await this.command('PUBLISH', channel, message));
  }

  /**
   * Lua with KEYS prefixed. The script itself can still name other keys literally; only the ACL wall
   * (a tenant ACL user with allowScripting) stops that, because Redis checks script keys against the
   * caller's ACL.
   */
  async eval(script: string, keys: readonly string[], args: readonly RedisArg[] = []): Promise<unknown> {
    const prefix = this.prefix();
    return this.#exec.sendRedisCommand('EVAL', [script, keys.length, ...keys.map((k) => prefix + k), ...args]);
  }

  /**
   * One SCAN step confined to the tenant: MATCH is always `<escaped prefix><match>`, and returned keys
   * are filtered to the prefix again (defence in depth) and handed back without it.
   */
  async scan(cursor: string | number, options: TenantScanOptions = {}): Promise<{ cursor: string; keys: string[] }> {
    const prefix = this.prefix();
    const args: RedisArg[] = [String(cursor), 'MATCH', escapeRedisGlob(prefix) + (options.match ?? '*')];
    if (options.count !== undefined) args.push('COUNT', options.count);
    if (options.type !== undefined) args.push('TYPE', options.type);
    const reply = (await this.#exec.sendRedisCommand('SCAN', args)) as [unknown, unknown[]];
    return { cursor: asString(reply[0]), keys: this.#strip(prefix, reply[1]) };
  }

  /** Iterates all of the tenant's keys matching `match` (unprefixed), SCAN step by step. */
  async *scanIterator(options: TenantScanOptions = {}): AsyncGenerator<string> {
    let cursor = '0';
    do {
      const step = await this.scan(cursor, options);
      cursor = step.cursor;
      yield* step.keys;
    } while (cursor !== '0');
  }

  /**
   * KEYS confined to the tenant prefix. Still O(all keys in the database) on the server: prefer
   * scanIterator() in production.
   */
  async keys(pattern = '*'): Promise<string[]> {
    const prefix = this.prefix();
    const reply = (await this.#exec.sendRedisCommand('KEYS', [escapeRedisGlob(prefix) + pattern])) as unknown[];
    return this.#strip(prefix, reply);
  }

  /** The tenant-safe replacement for FLUSHDB: UNLINKs only this tenant's keys. Returns how many. */
  async clearTenantKeys(): Promise<number> {
    let removed = 0;
    let batch: string[] = [];
    for await (const key of this.scanIterator({ count: 500 })) {
      batch.push(key);
      if (batch.length >= 500) {
        removed += Number(await this.command('UNLINK', ...batch));
        batch = [];
      }
    }
    if (batch.length > 0) removed += Number(await this.command('UNLINK', ...batch));
    return removed;
  }

  flushdb(): never {
    throw new TenantRedisCommandRefusedError('FLUSHDB', refusalReason('flushdb') ?? '');
  }

  flushall(): never {
    throw new TenantRedisCommandRefusedError('FLUSHALL', refusalReason('flushall') ?? '');
  }

  #strip(prefix: string, keys: unknown[]): string[] {
    return keys.map(asString).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }
}

/** A tenant-scoped view of an ioredis / node-redis client: `{ tenantId }` or `{ fromContext }`. */
export function createTenantRedis(client: RedisClientLike, options: CreateTenantRedisOptions): TenantRedis {
  return new TenantRedis(client, options);
}
