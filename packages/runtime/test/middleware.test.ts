import { generateKeyPair, exportJWK, createLocalJWKSet, SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import express from 'express';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCurrentTenant, MissingTenantContextError } from '../src/context/index.js';
import { tenantFastifyHook, tenantMiddleware } from '../src/middleware/index.js';
import type { TenantAuthOptions, TenantRejection } from '../src/middleware/index.js';

const secret = new TextEncoder().encode('a-32-byte-test-secret-for-hs256!');
const otherSecret = new TextEncoder().encode('an-attacker-chosen-secret-value!');
const ISSUER = 'https://auth.example.test';
const AUDIENCE = 'tenant-api';

async function sign(payload: JWTPayload, options: { key?: Uint8Array; alg?: string; exp?: string | number; iss?: string } = {}): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuedAt()
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime(options.exp ?? '5m')
    .sign(options.key ?? secret);
}

/** An unsecured JWT (alg: none), the classic forgery that a verifier must never accept. */
function unsecured(payload: JWTPayload): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...payload, iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })}.`;
}

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 5));

describe('tenantMiddleware (Express, real HTTP)', () => {
  let server: Server;
  let base: string;
  let handlerRuns = 0;
  const rejections: TenantRejection[] = [];

  function listen(options: TenantAuthOptions): Promise<{ server: Server; base: string }> {
    const app = express();
    app.use(tenantMiddleware(options));
    app.get('/whoami', async (_req, res) => {
      handlerRuns++;
      await pause();
      res.json(getCurrentTenant());
    });
    return new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve({ server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` }));
    });
  }

  beforeAll(async () => {
    ({ server, base } = await listen({ key: secret, algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, onRejected: (r) => rejections.push(r), toTenant: (tenantId, p) => ({ tenantId, user: p.sub }) }));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (headers: Record<string, string>, url = `${base}/whoami`) => fetch(url, { headers });

  it('runs the handler inside the verified tenant, also for many concurrent requests', async () => {
    const tenants = Array.from({ length: 40 }, (_, i) => `tenant-${i % 8}`);
    const tokens = await Promise.all(tenants.map((t) => sign({ tenant_id: t, sub: `user-of-${t}` })));
    const bodies = await Promise.all(tokens.map(async (token) => (await get({ authorization: `Bearer ${token}` })).json()));
    expect(bodies).toEqual(tenants.map((t) => ({ tenantId: t, user: `user-of-${t}` })));
  });

  it('rejects forged, expired, alg-none, wrong-issuer and claim-less tokens with 401 before the handler', async () => {
    const before = handlerRuns;
    const bad = {
      forged: await sign({ tenant_id: 'acme' }, { key: otherSecret }),
      expired: await sign({ tenant_id: 'acme' }, { exp: Math.floor(Date.now() / 1000) - 60 }),
      algNone: unsecured({ tenant_id: 'acme' }),
      disallowedAlg: await sign({ tenant_id: 'acme' }, { alg: 'HS512', key: new TextEncoder().encode('a-64-byte-secret-for-hs512-...........................--------') }),
      wrongIssuer: await sign({ tenant_id: 'acme' }, { iss: 'https://evil.example' }),
      missingClaim: await sign({ sub: 'user-1' }),
      emptyClaim: await sign({ tenant_id: '' }),
      numericClaim: await sign({ tenant_id: 42 }),
      platformWildcard: await sign({ tenant_id: '*' }),
    };
    for (const [name, token] of Object.entries(bad)) {
      const res = await get({ authorization: `Bearer ${token}` });
      expect(res.status, name).toBe(401);
      expect(res.headers.get('www-authenticate'), name).toContain('Bearer');
      const body = await res.json() as { error: string };
      expect(body.error, name).toBe('unauthorized');
    }
    expect(handlerRuns).toBe(before);
    expect(rejections.map((r) => r.error)).toEqual(['invalid_token', 'invalid_token', 'invalid_token', 'invalid_token', 'invalid_token', 'missing_tenant', 'missing_tenant', 'missing_tenant', 'missing_tenant']);
  });

  it('ignores a plain x-tenant-id header unless trustedProxyHeader is configured', async () => {
    const before = handlerRuns;
    expect((await get({ 'x-tenant-id': 'acme' })).status).toBe(401);
    expect(handlerRuns).toBe(before);
    const token = await sign({ tenant_id: 'acme' });
    const res = await get({ authorization: `Bearer ${token}`, 'x-tenant-id': 'globex' });
    expect(await res.json()).toMatchObject({ tenantId: 'acme' });
  });

  it('accepts the header from a trusted proxy, and rejects a header that contradicts the token', async () => {
    const proxy = await listen({ trustedProxyHeader: 'X-Tenant-Id' });
    const both = await listen({ key: secret, algorithms: ['HS256'], trustedProxyHeader: 'x-tenant-id' });
    try {
      expect(await (await fetch(`${proxy.base}/whoami`, { headers: { 'x-tenant-id': 'acme' } })).json()).toEqual({ tenantId: 'acme' });
      expect((await fetch(`${proxy.base}/whoami`)).status).toBe(401);
      expect((await fetch(`${proxy.base}/whoami`, { headers: { 'x-tenant-id': '*' } })).status).toBe(401);
      const token = await sign({ tenant_id: 'acme' });
      expect((await fetch(`${both.base}/whoami`, { headers: { authorization: `Bearer ${token}`, 'x-tenant-id': 'globex' } })).status).toBe(403);
      expect(await (await fetch(`${both.base}/whoami`, { headers: { authorization: `Bearer ${token}`, 'x-tenant-id': 'acme' } })).json()).toEqual({ tenantId: 'acme' });
    } finally {
      proxy.server.close();
      both.server.close();
    }
  });

  it('still answers 401 when the onRejected observer throws', async () => {
    const broken = await listen({ key: secret, algorithms: ['HS256'], onRejected: () => { throw new Error('logger down'); } });
    const warnings: Error[] = [];
    const listener = (w: Error): void => { warnings.push(w); };
    process.on('warning', listener);
    try {
      expect((await fetch(`${broken.base}/whoami`)).status).toBe(401);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.some((w) => w.message.includes('logger down'))).toBe(true);
    } finally {
      process.off('warning', listener);
      broken.server.close();
    }
  });

  it('leaves no tenant context behind once the request is over', async () => {
    await get({ authorization: `Bearer ${await sign({ tenant_id: 'acme' })}` });
    expect(() => getCurrentTenant()).toThrow(MissingTenantContextError);
  });

  it('refuses unsafe configurations at startup', () => {
    expect(() => tenantMiddleware({ key: secret })).toThrow(TypeError);
    expect(() => tenantMiddleware({ key: secret, algorithms: ['none'] })).toThrow(/none/);
    expect(() => tenantMiddleware({})).toThrow(TypeError);
  });
});

describe('tenantFastifyHook (Fastify, inject)', () => {
  async function buildApp(options: TenantAuthOptions) {
    const app = Fastify();
    let runs = 0;
    await app.register(tenantFastifyHook(options));
    app.get('/whoami', async () => { runs++; await pause(); return getCurrentTenant(); });
    app.post('/notes', async (request) => { runs++; await pause(); return { tenantId: getCurrentTenant().tenantId, got: request.body }; });
    await app.ready();
    return { app, runs: () => runs };
  }

  it('verifies RS256 tokens through a JWKS getter and keeps the tenant through body parsing', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
    const { app, runs } = await buildApp({ key: jwks, algorithms: ['RS256'], audience: AUDIENCE, claim: 'org_id' });
    const token = (org: string) => new SignJWT({ org_id: org }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setAudience(AUDIENCE).setExpirationTime('5m').sign(privateKey);
    try {
      const responses = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
        const org = `org-${i % 5}`;
        const res = await app.inject({ method: 'POST', url: '/notes', headers: { authorization: `Bearer ${await token(org)}` }, payload: { n: i } });
        return { org, n: i, body: res.json() as { tenantId: string; got: { n: number } } };
      }));
      for (const r of responses) expect(r.body).toEqual({ tenantId: r.org, got: { n: r.n } });
      const get = await app.inject({ method: 'GET', url: '/whoami', headers: { authorization: `Bearer ${await token('org-x')}` } });
      expect(get.json()).toEqual({ tenantId: 'org-x' });
      const before = runs();
      // The tenant_id claim is not the configured claim here, and an HS256 token does not match the RS256 allow-list.
      const wrongClaim = await new SignJWT({ tenant_id: 'acme' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setAudience(AUDIENCE).setExpirationTime('5m').sign(privateKey);
      expect((await app.inject({ url: '/whoami', headers: { authorization: `Bearer ${wrongClaim}` } })).statusCode).toBe(401);
      expect((await app.inject({ url: '/whoami', headers: { authorization: `Bearer ${await sign({ org_id: 'acme' })}` } })).statusCode).toBe(401);
      expect(runs()).toBe(before);
    } finally {
      await app.close();
    }
  });

  it('rejects alg none, expired, forged, missing tokens and untrusted headers with 401; handler never runs', async () => {
    const { app, runs } = await buildApp({ key: secret, algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    try {
      const cases: Array<Record<string, string>> = [
        { authorization: `Bearer ${unsecured({ tenant_id: 'acme' })}` },
        { authorization: `Bearer ${await sign({ tenant_id: 'acme' }, { exp: Math.floor(Date.now() / 1000) - 60 })}` },
        { authorization: `Bearer ${await sign({ tenant_id: 'acme' }, { key: otherSecret })}` },
        { authorization: `Bearer ${await sign({ sub: 'no-tenant' })}` },
        { 'x-tenant-id': 'acme' },
        {},
      ];
      for (const headers of cases) {
        const res = await app.inject({ method: 'POST', url: '/notes', headers, payload: { secret: 1 } });
        expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      }
      expect(runs()).toBe(0);
      const ok = await app.inject({ url: '/whoami', headers: { authorization: `Bearer ${await sign({ tenant_id: 'acme' })}` } });
      expect(ok.json()).toEqual({ tenantId: 'acme' });
    } finally {
      await app.close();
    }
  });

  it('keeps concurrent real-HTTP POST requests with large bodies in their own tenants', async () => {
    const { app } = await buildApp({ trustedProxyHeader: 'x-tenant-id' });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      const results = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
        const res = await fetch(`http://127.0.0.1:${port}/notes`, {
          method: 'POST',
          headers: { 'x-tenant-id': `t${i % 4}`, 'content-type': 'application/json' },
          body: JSON.stringify({ n: i, pad: 'x'.repeat(200_000) }),
        });
        return { i, body: await res.json() as { tenantId: string; got: { n: number } } };
      }));
      for (const { i, body } of results) expect([body.tenantId, body.got.n]).toEqual([`t${i % 4}`, i]);
    } finally {
      await app.close();
    }
  });

  it('takes the tenant from a header only when it is the configured trusted proxy header', async () => {
    const { app } = await buildApp({ trustedProxyHeader: 'x-tenant-id' });
    try {
      expect((await app.inject({ url: '/whoami', headers: { 'x-tenant-id': 'acme' } })).json()).toEqual({ tenantId: 'acme' });
      expect((await app.inject({ url: '/whoami', headers: { 'x-org': 'acme' } })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
