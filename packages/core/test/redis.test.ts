import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';
import { analyseSourceFile } from '../src/index.js';
import { envFor, parse } from './helpers.js';

const head = `import Redis from 'ioredis';\nconst redis = new Redis();\n`;
const redis = (code: string) => findings(head + code).filter((f) => f.kind === 'shared-cache-keyspace').map((f) => f.messageId);

describe('shared-cache-keyspace', () => {
  it('flags template and concatenated keys without the tenant', () => {
    expect(redis("async function a(conversationId: string) { return redis.get(`conv:${conversationId}`); }\n" +
      "async function b(id: string) { await redis.set('session:' + id, 'x'); }")).toEqual(['unscopedKey', 'unscopedKey']);
  });
  it('flags KEYS, SCAN without a tenant MATCH, FLUSHDB and FLUSHALL', () => {
    expect(redis(`async function a() { return redis.keys('ctx:*'); }
async function b() { return redis.scan(0, 'MATCH', 'ctx:*'); }
async function c() { await redis.flushdb(); await redis.flushall(); }`)).toEqual(['keyspaceCommand', 'keyspaceCommand', 'keyspaceCommand', 'keyspaceCommand']);
  });
  it('flags node-redis camelCase commands and a key built by a local builder without the tenant', () => {
    expect(redis("const key = (id: string) => `conv:${id}`;\nasync function a(id: string) { return redis.hGetAll(key(id)); }")).toEqual(['unscopedKey']);
  });
  it('does not flag keys that carry the tenant, tenant MATCH patterns, or fixed global keys', () => {
    expect(redis("async function a(tenantId: string, id: string) { return redis.get(`ctx:${tenantId}:${id}`); }\n" +
      "async function b(tenantId: string) { return redis.scan(0, 'MATCH', `ctx:${tenantId}:*`); }\n" +
      "async function c() { return redis.get('feature-flags'); }\n" +
      "async function d(t: { tenantId: string }, id: string) { return redis.del('ctx:' + t.tenantId + ':' + id); }\n" +
      "const key = (tenantId: string, id: string) => `conv:${tenantId}:${id}`;\nasync function e(id: string) { return redis.get(key(getCurrentTenant().tenantId, id)); }")).toEqual([]);
  });
  it('does not treat non-Redis receivers as Redis (Map.get, http client.get)', () => {
    expect(redis("const cache = new Map();\nasync function a(id: string) { return cache.get(`x:${id}`); }\n" +
      "async function b(http: Http, id: string) { return http.get(`/docs/${id}`); }")).toEqual([]);
  });
  it('does not flag a tenant-scoped client from the runtime', () => {
    expect(redis("const scoped = createTenantRedis(redis, { tenantId: 't1' });\nasync function a(id: string) { return scoped.get(`conv:${id}`); }")).toEqual([]);
  });
  it('suggests adding the tenant to a template key', () => {
    const code = head + "async function a(tenantId: string, conversationId: string) { return redis.get(`conv:${conversationId}`); }";
    const sf = parse(code);
    const f = analyseSourceFile(sf, envFor()).findings.find((x) => x.kind === 'shared-cache-keyspace');
    const change = f?.suggestions?.[0]?.changes[0];
    expect(change).toBeDefined();
    const fixed = code.slice(0, change!.start) + change!.text + code.slice(change!.end);
    expect(fixed).toContain('redis.get(`conv:${tenantId}:${conversationId}`)');
  });
});
