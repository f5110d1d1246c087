/**
 * Tenant key layout: `t:{<tenant>}:<key>`.
 *
 * - The braces make the tenant a Redis Cluster hash tag, so all of a tenant's keys live in one slot:
 *   multi-key commands, transactions and Lua scripts over a tenant's keys work on Cluster. The price is
 *   that one tenant cannot be spread over several shards (a very large tenant needs its own instance).
 * - The tenant id is percent-encoded (everything outside [A-Za-z0-9_.-], `%` included, becomes %XX of
 *   its UTF-8 bytes). So `}`, `:`, `*`, `?`, `[`, `]` and `\` never appear raw inside the braces: no id
 *   can close the brace early and forge another tenant's prefix (`a}:x` cannot reach `t:{a}:x`), no id
 *   is a prefix of another's prefix (the closing `}:` ends it), and the prefix contains no glob
 *   metacharacters, so it can be used verbatim in SCAN MATCH and ACL key patterns.
 */
import { assertValidTenantId } from '../context/tenant-id.js';

const SAFE_BYTE = /^[A-Za-z0-9_.-]$/;

/** Injective encoding of one key segment (tenant id or key part): safe chars stay, the rest is %XX. */
export function encodeKeySegment(segment: string): string {
  let out = '';
  for (const byte of Buffer.from(segment, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && SAFE_BYTE.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The prefix every key of the tenant starts with, e.g. `t:{acme}:`. */
export function tenantKeyPrefix(tenantId: string): string {
  return `t:{${encodeKeySegment(assertValidTenantId(tenantId))}}:`;
}

/**
 * A full, prefixed key for the tenant built from encoded parts joined by `:`, e.g.
 * tenantKey('acme', 'session', id) → `t:{acme}:session:<id>`. Parts are encoded so a part containing
 * `:` cannot impersonate two parts. Use it when talking to Redis without createTenantRedis (raw
 * clients, ACL-restricted connections, Lua KEYS).
 */
export function tenantKey(tenantId: string, ...parts: ReadonlyArray<string | number>): string {
  if (parts.length === 0) throw new TypeError('tenantKey needs at least one key part');
  return tenantKeyPrefix(tenantId) + parts.map((part) => encodeKeySegment(String(part))).join(':');
}

/** Escapes Redis glob metacharacters (`* ? [ ] \`) so a string matches only itself. */
export function escapeRedisGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, (ch) => `\\${ch}`);
}
