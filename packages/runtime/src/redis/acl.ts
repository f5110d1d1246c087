/**
 * The server-side wall: one Redis ACL user per tenant whose key and channel patterns are the tenant
 * prefix. A connection authenticated as that user gets NOPERM from the server for any other tenant's
 * key, whatever the application code does. Needs Redis >= 7 (channel patterns, sharded pub/sub).
 */
import { toRedisExecutor } from './adapter.js';
import type { RedisClientLike } from './adapter.js';
import { encodeKeySegment, escapeRedisGlob, tenantKeyPrefix } from './key-encoding.js';
import { assertValidTenantId } from '../context/tenant-id.js';

export interface TenantAclOptions {
  /** ACL username (default `tenant:<encoded tenant id>`). */
  username?: string;
  /** Allow PUBLISH/SUBSCRIBE on the tenant's channel prefix (default true). */
  allowPubSub?: boolean;
  /** Allow EVAL/EVALSHA (script keys are still checked against the key pattern). Default false. */
  allowScripting?: boolean;
  /** Extra ACL rules appended last (e.g. `-hgetall`); they can only be used to narrow further by convention. */
  extraRules?: readonly string[];
}

export interface TenantAclUser {
  username: string;
  keyPattern: string;
  channelPattern: string | null;
  /** The ACL SETUSER rules, in order (password redacted). */
  rules: string[];
}

/**
 * Commands that @read/@write/@connection would grant but that leak or destroy across tenants:
 * key enumeration (SCAN/RANDOMKEY/DBSIZE are not flagged @dangerous), flushes, database swaps, and
 * server-global script/function state. Denied after the category grants, so they always win.
 */
const DENIED_COMMANDS = ['keys', 'scan', 'randomkey', 'dbsize', 'flushdb', 'flushall', 'swapdb', 'function',
  'script', 'eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro', 'sort', 'sort_ro', 'pubsub'];

const PUBSUB_COMMANDS = ['publish', 'subscribe', 'unsubscribe', 'psubscribe', 'punsubscribe', 'spublish',
  'ssubscribe', 'sunsubscribe'];

const SCRIPT_COMMANDS = ['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'script|load', 'script|exists'];

export function tenantAclUsername(tenantId: string): string {
  return `tenant:${encodeKeySegment(assertValidTenantId(tenantId))}`;
}

/** The rule list for ACL SETUSER, without the password (pure; shown in docs and tests). */
export function tenantAclRules(tenantId: string, options: TenantAclOptions = {}): TenantAclUser {
  const pattern = `${escapeRedisGlob(tenantKeyPrefix(tenantId))}*`;
  const pubsub = options.allowPubSub ?? true;
  const rules = [
    'reset', // off, no passwords, no keys, no channels, -@all: start from nothing
    'on',
    `~${pattern}`,
    ...(pubsub ? [`&${pattern}`] : []),
    '+@read', '+@write', '+@connection', '+@transaction',
    '-@dangerous', '-@admin',
    ...DENIED_COMMANDS.map((c) => `-${c}`),
    ...(pubsub ? PUBSUB_COMMANDS.map((c) => `+${c}`) : []),
    ...(options.allowScripting === true ? SCRIPT_COMMANDS.map((c) => `+${c}`) : []),
    ...(options.extraRules ?? []),
  ];
  return {
    username: options.username ?? tenantAclUsername(tenantId),
    keyPattern: pattern,
    channelPattern: pubsub ? pattern : null,
    rules,
  };
}

/**
 * Creates (or resets) the tenant's ACL user on the server via an admin connection. Re-running it
 * replaces the user's rules and password entirely (`reset` first), so it is safe to call on rotation.
 * Persist with ACL SAVE yourself if the server uses an aclfile.
 */
export async function provisionTenantAclUser(
  adminClient: RedisClientLike,
  tenantId: string,
  password: string,
  options: TenantAclOptions = {},
): Promise<TenantAclUser> {
  if (typeof password !== 'string' || password.length < 16) {
    throw new TypeError('a tenant ACL password must be a string of at least 16 characters');
  }
  const user = tenantAclRules(tenantId, options);
  const rules = [...user.rules];
  rules.splice(2, 0, `>${password}`); // after reset/on, so reset cannot wipe it
  await toRedisExecutor(adminClient).sendRedisCommand('ACL', ['SETUSER', user.username, ...rules]);
  return user;
}

/** Deletes the tenant's ACL user; Redis disconnects every connection authenticated as it. Returns whether it existed. */
export async function revokeTenantAclUser(
  adminClient: RedisClientLike,
  tenantId: string,
  options: Pick<TenantAclOptions, 'username'> = {},
): Promise<boolean> {
  const username = options.username ?? tenantAclUsername(tenantId);
  const deleted = await toRedisExecutor(adminClient).sendRedisCommand('ACL', ['DELUSER', username]);
  return Number(deleted) > 0;
}
