/**
 * Which arguments of a command are keys. The generic `command()` path of a tenant-scoped client only
 * sends commands listed here (allow-list): an unknown command could take keys in positions we would not
 * prefix, so it is refused rather than guessed. Commands that are keyspace-wide or reach keys the
 * caller did not name (KEYS, SCAN, FLUSH*, SORT BY/GET, GEORADIUS STORE, raw EVAL) are refused with the
 * reason and the scoped alternative.
 */

export type KeySpec =
  /** The first argument is the key; the rest are values/options. */
  | { readonly kind: 'first' }
  /** The first `count` arguments are keys (RENAME src dst, LMOVE src dst ...). */
  | { readonly kind: 'firstN'; readonly count: number }
  /** Every argument is a key (DEL, EXISTS, MGET ...). */
  | { readonly kind: 'all' }
  /** Every argument but the last (timeout) is a key (BLPOP k1 k2 timeout). */
  | { readonly kind: 'allButLast' }
  /** key value key value ... (MSET). */
  | { readonly kind: 'pairs' }
  /** `leading` keys, then a numkeys count at `numkeysIndex` followed by that many keys (ZUNIONSTORE dst n k1..kn). */
  | { readonly kind: 'numkeys'; readonly leading: number; readonly numkeysIndex: number }
  /** No keys at all (PING, ECHO, TIME). */
  | { readonly kind: 'none' }
  /** The first argument is a pub/sub channel, prefixed like a key. */
  | { readonly kind: 'channel' };

const first: KeySpec = { kind: 'first' };
const all: KeySpec = { kind: 'all' };
const two: KeySpec = { kind: 'firstN', count: 2 };

const FIRST_KEY_COMMANDS = [
  // strings
  'get', 'set', 'setnx', 'setex', 'psetex', 'getset', 'getdel', 'getex', 'append', 'strlen', 'incr', 'incrby',
  'incrbyfloat', 'decr', 'decrby', 'getrange', 'setrange', 'substr',
  // generic key commands
  'expire', 'pexpire', 'expireat', 'pexpireat', 'expiretime', 'pexpiretime', 'persist', 'ttl', 'pttl', 'type', 'dump',
  // hashes
  'hset', 'hsetnx', 'hget', 'hmset', 'hmget', 'hgetall', 'hdel', 'hexists', 'hincrby', 'hincrbyfloat', 'hkeys',
  'hvals', 'hlen', 'hstrlen', 'hscan', 'hrandfield',
  // lists
  'lpush', 'rpush', 'lpushx', 'rpushx', 'lpop', 'rpop', 'llen', 'lrange', 'lindex', 'lset', 'lrem', 'ltrim',
  'linsert', 'lpos',
  // sets
  'sadd', 'srem', 'smembers', 'sismember', 'smismember', 'scard', 'spop', 'srandmember', 'sscan',
  // sorted sets
  'zadd', 'zrem', 'zrange', 'zrangebyscore', 'zrangebylex', 'zrevrange', 'zrevrangebyscore', 'zrevrangebylex',
  'zscore', 'zmscore', 'zincrby', 'zcard', 'zcount', 'zlexcount', 'zrank', 'zrevrank', 'zremrangebyscore',
  'zremrangebyrank', 'zremrangebylex', 'zscan', 'zpopmin', 'zpopmax', 'zrandmember',
  // bitmaps, hyperloglog, geo, streams
  'setbit', 'getbit', 'bitcount', 'bitpos', 'bitfield', 'bitfield_ro', 'pfadd', 'geoadd', 'geopos', 'geodist',
  'geohash', 'geosearch', 'xadd', 'xlen', 'xrange', 'xrevrange', 'xtrim', 'xdel',
] as const;

const specs = new Map<string, KeySpec>();
for (const name of FIRST_KEY_COMMANDS) specs.set(name, first);
for (const name of ['del', 'unlink', 'exists', 'touch', 'mget', 'pfcount', 'pfmerge', 'sinter', 'sunion', 'sdiff',
  'sinterstore', 'sunionstore', 'sdiffstore']) specs.set(name, all);
for (const name of ['rename', 'renamenx', 'smove', 'lmove', 'rpoplpush', 'blmove', 'brpoplpush', 'zrangestore',
  'geosearchstore']) specs.set(name, two);
for (const name of ['blpop', 'brpop', 'bzpopmin', 'bzpopmax']) specs.set(name, { kind: 'allButLast' });
for (const name of ['mset', 'msetnx']) specs.set(name, { kind: 'pairs' });
for (const name of ['zunionstore', 'zinterstore', 'zdiffstore']) specs.set(name, { kind: 'numkeys', leading: 1, numkeysIndex: 1 });
for (const name of ['zunion', 'zinter', 'zdiff', 'zintercard', 'sintercard', 'lmpop', 'zmpop']) {
  specs.set(name, { kind: 'numkeys', leading: 0, numkeysIndex: 0 });
}
for (const name of ['blmpop', 'bzmpop']) specs.set(name, { kind: 'numkeys', leading: 0, numkeysIndex: 1 });
for (const name of ['ping', 'echo', 'time']) specs.set(name, { kind: 'none' });
specs.set('publish', { kind: 'channel' });
specs.set('spublish', { kind: 'channel' });

/** Commands refused outright, with the reason shown to the developer. */
const REFUSED = new Map<string, string>([
  ['flushdb', 'it deletes every tenant\'s keys in the database; use clearTenantKeys() to delete only this tenant\'s keys'],
  ['flushall', 'it deletes every tenant\'s keys in every database; use clearTenantKeys() to delete only this tenant\'s keys'],
  ['keys', 'KEYS would enumerate every tenant\'s keys; use the scoped keys() method, which matches only this tenant\'s prefix'],
  ['scan', 'an unscoped SCAN enumerates every tenant\'s keys; use the scoped scan()/scanIterator() methods'],
  ['randomkey', 'it returns a key of any tenant'],
  ['dbsize', 'it reveals the key count of all tenants together'],
  ['swapdb', 'it swaps whole databases shared by tenants'],
  ['select', 'switching databases on a shared connection changes it for every user of the connection; use tenantDbIndex() to place connections'],
  ['move', 'it moves keys between databases that may belong to other tenants'],
  ['copy', 'COPY ... DB can write into another database'],
  ['migrate', 'it moves keys to another server'],
  ['eval', 'a raw EVAL takes unprefixed KEYS; use the scoped eval(script, keys, args), which prefixes them (and back it with the ACL wall)'],
  ['evalsha', 'a raw EVALSHA takes unprefixed KEYS; use the scoped eval(script, keys, args)'],
  ['eval_ro', 'a raw EVAL_RO takes unprefixed KEYS; use the scoped eval(script, keys, args)'],
  ['evalsha_ro', 'a raw EVALSHA_RO takes unprefixed KEYS; use the scoped eval(script, keys, args)'],
  ['fcall', 'functions are global server state and FCALL takes unprefixed KEYS'],
  ['fcall_ro', 'functions are global server state and FCALL_RO takes unprefixed KEYS'],
  ['function', 'functions are global server state shared by all tenants'],
  ['script', 'SCRIPT FLUSH/KILL act on every tenant\'s scripts'],
  ['sort', 'SORT ... BY/GET patterns read keys the caller did not name'],
  ['sort_ro', 'SORT_RO ... BY/GET patterns read keys the caller did not name'],
  ['georadius', 'GEORADIUS ... STORE writes to an unprefixed key; use GEOSEARCH / GEOSEARCHSTORE'],
  ['georadiusbymember', 'GEORADIUSBYMEMBER ... STORE writes to an unprefixed key; use GEOSEARCH / GEOSEARCHSTORE'],
  ['pubsub', 'PUBSUB CHANNELS/NUMSUB lists every tenant\'s channels'],
  ['subscribe', 'subscriptions need a dedicated connection; subscribe with tenantKey()-built channel names on it'],
  ['psubscribe', 'subscriptions need a dedicated connection; subscribe with tenantKey()-built patterns on it'],
  ['multi', 'MULTI on a shared connection interleaves with other callers; use a dedicated connection'],
  ['watch', 'WATCH on a shared connection interleaves with other callers; use a dedicated connection'],
  ['monitor', 'it streams every command of every tenant'],
  ['debug', 'server administration is not tenant-scoped'],
  ['config', 'server administration is not tenant-scoped'],
  ['client', 'CLIENT LIST/KILL sees and affects every tenant\'s connections'],
  ['info', 'INFO reports keyspace statistics of all tenants'],
  ['acl', 'ACL administration belongs on an admin connection (provisionTenantAclUser)'],
  ['xread', 'XREAD is not supported by the scoped command() path; use tenantKey() with a dedicated connection'],
  ['xreadgroup', 'XREADGROUP is not supported by the scoped command() path; use tenantKey() with a dedicated connection'],
]);

export function keySpecFor(command: string): KeySpec | undefined {
  return specs.get(command.toLowerCase());
}

export function refusalReason(command: string): string | undefined {
  return REFUSED.get(command.toLowerCase());
}
