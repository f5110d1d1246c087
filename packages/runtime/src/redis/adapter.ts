/**
 * The adapter seam between the tenant layer and a Redis driver. Everything above it speaks one
 * operation, "send this command with these arguments", so the tenant logic (prefixing, refusals) is
 * written once and cannot drift between drivers. The driver types are structural: this module never
 * imports ioredis or redis, so the runtime has no hard dependency on either.
 */

export type RedisArg = string | number | Buffer;

/** The one operation the tenant layer needs. Implement it yourself for other drivers or cluster clients. */
export interface RedisCommandExecutor {
  sendRedisCommand(command: string, args: readonly RedisArg[]): Promise<unknown>;
}

/** ioredis `Redis` / `Cluster`: `call(command, ...args)` sends any command. */
export interface IoRedisLike {
  call(command: string, ...args: RedisArg[]): Promise<unknown>;
}

/** node-redis (`redis` v4/v5) client: `sendCommand([command, ...args])` sends any command. */
export interface NodeRedisLike {
  sendCommand(args: Array<string | Buffer>): Promise<unknown>;
}

export type RedisClientLike = RedisCommandExecutor | IoRedisLike | NodeRedisLike;

export function ioredisExecutor(client: IoRedisLike): RedisCommandExecutor {
  return { sendRedisCommand: (command, args) => client.call(command, ...args) };
}

export function nodeRedisExecutor(client: NodeRedisLike): RedisCommandExecutor {
  // node-redis rejects numbers in raw commands; stringify them here so callers need not care.
  return {
    sendRedisCommand: (command, args) =>
      client.sendCommand([command, ...args.map((arg) => (typeof arg === 'number' ? String(arg) : arg))]),
  };
}

/**
 * Picks the adapter by shape. `call` is checked before `sendCommand` because ioredis also has a
 * `sendCommand`, but one that takes a Command object, not an argument array.
 */
export function toRedisExecutor(client: RedisClientLike): RedisCommandExecutor {
  const candidate = client as Partial<RedisCommandExecutor & IoRedisLike & NodeRedisLike>;
  if (typeof candidate.sendRedisCommand === 'function') return client as RedisCommandExecutor;
  if (typeof candidate.call === 'function') return ioredisExecutor(client as IoRedisLike);
  if (typeof candidate.sendCommand === 'function') return nodeRedisExecutor(client as NodeRedisLike);
  throw new TypeError('unsupported Redis client: expected an ioredis client (call), a node-redis client (sendCommand) or a RedisCommandExecutor');
}
