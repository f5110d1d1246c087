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

describe('keys that are not tenant data or already carry the tenant', () => {
  it('does not flag OAuth state, lock or token keys, keys of loaded records, per-user keys, or tenant entity ids', () => {
    expect(redis("export async function a(state: string, contextId: string) { await redis.set(`oauth:state:${state}`, contextId); }\n" +
      "export async function b(workspace: { id: string }) { return redis.get(`import:short:${workspace.id}`); }\n" +
      "export async function c(userId: string) { return redis.get(`onboarding:${userId}`); }\n" +
      "export async function d() { const customer = await loadCustomer(); await redis.set(`lead:${customer.id}`, 1); }\n" +
      "export async function e(workspaceId: string, id: string) { const redisKey = `import:csv:${workspaceId}:${id}`; return redis.lpop(`${redisKey}:rows`); }")).toEqual([]);
  });
  it('still flags a key from request input or a caller-chosen session id', () => {
    expect(redis("app.get('/c', async (req, res) => res.json(await redis.get(`cache:${req.query.key}`)));\n" +
      "export async function f(sessionId: string) { return redis.hgetall(`session:${sessionId}`); }")).toEqual(['unscopedKey', 'unscopedKey']);
  });
  it('does not flag a lock (SET NX of a constant, SETNX); flags a SET NX that stores data and a plain SET of a constant', () => {
    expect(redis("export async function a(partner: { id: string }) { return redis.set(`withdrawal:lock:${partner.id}`, '1', { nx: true, ex: 60 }); }\n" +
      "export async function b(id: string) { return redis.set(`job:lock:${id}`, 1, 'EX', 30, 'NX'); }\n" +
      "export async function c(id: string) { return redis.setnx(`job:lock:${id}`, 'locked'); }\n" +
      "export async function d(id: string, data: string) { return redis.set(`job:${id}`, data, { nx: true }); }\n" +
      "export async function e(id: string) { return redis.set(`job:${id}`, '1'); }")).toEqual(['unscopedKey', 'unscopedKey']);
  });
});
