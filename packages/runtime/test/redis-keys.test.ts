// Pure parts of the Redis layer: key encoding, prefix forgery, DB-index placement, ACL rule shape.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  encodeKeySegment, tenantAclRules, tenantDbIndex, tenantKey, tenantKeyPrefix, escapeRedisGlob,
} from '../src/redis/index.js';

describe('tenant key prefix', () => {
  it('uses a Cluster hash tag around the encoded tenant id', () => {
    expect(tenantKeyPrefix('acme')).toBe('t:{acme}:');
    expect(tenantKey('acme', 'session', 'abc')).toBe('t:{acme}:session:abc');
  });

  it('encodes ids so no tenant can close the brace early or inject glob characters', () => {
    expect(tenantKeyPrefix('a}:x')).toBe('t:{a%7D%3Ax}:');
    expect(tenantKeyPrefix('a*')).toBe('t:{a%2A}:');
    expect(tenantKeyPrefix('%7D')).toBe('t:{%257D}:');
    expect(tenantKeyPrefix('ünï')).toBe('t:{%C3%BCn%C3%AF}:');
  });

  it('key parts are encoded too, so "a:b" is not the two parts "a","b"', () => {
    expect(tenantKey('acme', 'a:b')).not.toBe(tenantKey('acme', 'a', 'b'));
  });

  it('rejects unusable tenant ids (empty, platform wildcard, control chars)', () => {
    expect(() => tenantKeyPrefix('')).toThrow(/empty/);
    expect(() => tenantKeyPrefix('*')).toThrow(/reserved/);
    expect(() => tenantKeyPrefix('a\nb')).toThrow(/control/);
    expect(() => tenantKey('acme')).toThrow(/at least one key part/);
  });

  it('property: no tenant prefix is a prefix of another tenant\'s key space', () => {
    const id = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.trim() !== '' && s !== '*' && !/[\u0000-\u001f\u007f]/.test(s));
    fc.assert(fc.property(id, id, fc.string(), (a, b, rest) => {
      fc.pre(a !== b);
      expect((tenantKeyPrefix(b) + rest).startsWith(tenantKeyPrefix(a))).toBe(false);
      expect(encodeKeySegment(a)).not.toBe(encodeKeySegment(b));
    }), { numRuns: 500 });
  });

  it('escapes glob metacharacters', () => {
    expect(escapeRedisGlob('a*b?[c]\\')).toBe('a\\*b\\?\\[c\\]\\\\');
  });
});

describe('tenantDbIndex', () => {
  it('is the documented SHA-256 placement (fixed vectors, same on every machine and restart)', () => {
    // uint32be(sha256("acme")[0..4]) = 2183869357
    expect(tenantDbIndex('acme')).toBe(1 + (2183869357 % 15));
    expect(tenantDbIndex('acme', { databases: 16, reserved: 2 })).toBe(7);
    expect(tenantDbIndex('globex', { databases: 16, reserved: 2 })).toBe(7);
    expect(tenantDbIndex('tenant-0001', { databases: 16, reserved: 2 })).toBe(13);
  });

  it('stays within [reserved, databases) and supports more than 16 databases', () => {
    for (let i = 0; i < 500; i++) {
      const index = tenantDbIndex(`t${i}`, { databases: 64, reserved: 3 });
      expect(index).toBeGreaterThanOrEqual(3);
      expect(index).toBeLessThan(64);
    }
  });

  it('rejects impossible layouts', () => {
    expect(() => tenantDbIndex('acme', { databases: 2, reserved: 2 })).toThrow(RangeError);
    expect(() => tenantDbIndex('acme', { databases: 0 })).toThrow(RangeError);
    expect(() => tenantDbIndex('acme', { reserved: -1 })).toThrow(RangeError);
  });
});

describe('tenantAclRules', () => {
  it('starts from reset, confines keys and channels to the prefix and denies enumeration/flush', () => {
    const user = tenantAclRules('acme');
    expect(user.username).toBe('tenant:acme');
    expect(user.rules[0]).toBe('reset');
    expect(user.rules).toContain('~t:{acme}:*');
    expect(user.rules).toContain('&t:{acme}:*');
    for (const rule of ['-@dangerous', '-@admin', '-keys', '-scan', '-flushdb', '-flushall', '-randomkey', '-dbsize']) {
      expect(user.rules).toContain(rule);
    }
    expect(user.rules.some((r) => r === '+@all' || r === 'allkeys' || r === '~*' || r === 'allchannels')).toBe(false);
  });

  it('drops channels without pub/sub and adds only eval/evalsha with scripting', () => {
    const user = tenantAclRules('acme', { allowPubSub: false, allowScripting: true });
    expect(user.channelPattern).toBeNull();
    expect(user.rules.some((r) => r.startsWith('&'))).toBe(false);
    expect(user.rules).toContain('+eval');
    expect(user.rules).not.toContain('+script|flush');
  });
});
