import { describe, expect, it } from 'vitest';
import { analyseSourceFile, classifyValue } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';
import type ts from 'typescript';

const caches = (code: string, config = {}) => findings(code, config).filter((f) => f.kind === 'shared-cache-keyspace').map((f) => `${f.line}:${f.messageId}`);

describe('read-through caches', () => {
  it('flags a key without the tenant when the loader reads under the tenant', () => {
    expect(caches(`export async function create(key: { externalId: string }, workspaceId: string) {
  return cache.identityByExternalId.swr(key.externalId, async (externalId) =>
    db.query.identities.findFirst({ where: (t, { and, eq }) => and(eq(t.workspaceId, workspaceId), eq(t.externalId, externalId)) }));
}`)).toEqual(['2:readThroughKeyWithoutTenant']);
  });

  it('accepts a key that carries the tenant (also through a local), and loaders that read nothing per tenant', () => {
    expect(caches(`export async function a(externalId: string, auth: { authorizedWorkspaceId: string }) {
  await cache.identityByExternalId.swr(\`\${auth.authorizedWorkspaceId}:\${externalId}\`, async () =>
    db.query.identities.findFirst({ where: (t, { and, eq }) => and(eq(t.workspaceId, auth.authorizedWorkspaceId), eq(t.externalId, externalId)) }));
  const k = \`\${auth.authorizedWorkspaceId}:x\`;
  await cacheManager.wrap(k, () => load(auth.authorizedWorkspaceId));
  await cache.plans.swr(planId, () => db.query.plans.findFirst({ where: (t, { eq }) => eq(t.id, planId) }));
  await cacheManager.wrap('feature-flags', () => loadFlags());
}`)).toEqual([]);
  });

  it('gives the loader\'s parameter the origin of the key', () => {
    const sf = parse(`app.get('/x', async (req) => cache.identities.swr(req.query.externalId, async (externalId) => find(externalId)));`);
    const env = envFor();
    analyseSourceFile(sf, env);
    let origin = '';
    const visit = (n: ts.Node): void => {
      if (n.kind === env.ts.SyntaxKind.CallExpression && (n as ts.CallExpression).expression.getText(sf) === 'find') origin = classifyValue((n as ts.CallExpression).arguments[0] as ts.Expression, env).kind;
      n.forEachChild(visit);
    };
    visit(sf);
    expect(origin).toBe('untrusted');
  });
});

describe('in-process singletons', () => {
  it('flags a module-level instance built from the tenant it is called with and returned to everyone after', () => {
    expect(caches(`let instance: SamlClient | null = null;
export const createSamlClient = async (platformId: string, provider: Provider): Promise<SamlClient> => {
  if (instance) {
    return instance;
  }
  const idp = createIdp(provider.metadata);
  const sp = await createSp(platformId, provider.cert);
  return instance = new SamlClient(idp, sp);
};`, { tenantFields: ['platformId'] })).toEqual(['8:singletonIgnoresTenant']);
  });

  it('accepts a singleton built without tenant input, and a cache keyed by the tenant', () => {
    expect(caches(`let client: Client | undefined;
export function getClient(tenantId: string) {
  if (client) return client;
  client = new Client(process.env.KEY);
  return client;
}
const clients = new Map<string, SamlClient>();
export async function samlClient(platformId: string) {
  const hit = clients.get(platformId);
  if (hit) return hit;
  const c = new SamlClient(platformId);
  clients.set(platformId, c);
  return c;
}`, { tenantFields: ['platformId', 'tenantId'] })).toEqual([]);
  });
});

describe('read-through keys that cannot collide', () => {
  it('accepts a unique id from loaded data, and a hit checked against the tenant after', () => {
    expect(caches(`export async function a(rows: { id: string }[], workspaceId: string) {
  await Promise.all(rows.map(async (row) => cache.identityById.swr(row.id, () => db.query.identities.findFirst({ where: (t, { and, eq }) => and(eq(t.workspaceId, workspaceId), eq(t.id, row.id)) }))));
}
app.get('/apis/:apiId', async (req) => {
  const { val: api } = await cache.apiById.swr(req.params.apiId, () => db.query.apis.findFirst({ where: (t, { and, eq }) => and(eq(t.workspaceId, req.auth.workspaceId), eq(t.id, req.params.apiId)) }));
  if (!api || api.workspaceId !== req.auth.workspaceId) throw new Error('not found');
  return api;
});`)).toEqual([]);
  });
});

describe('read-through look-alikes from provider clients', () => {
  it('a provider response cached by its own id, with an entity word (account) in the loader, is no tenant read', () => {
    expect(caches(`export class Api {
  #detailsCacheKey = 'details';
  async getAccountDetails(id: string) {
    return bankingCache.getOrSet(\`\${this.#detailsCacheKey}_\${id}\`, 1800, async () => {
      const [account, details] = await Promise.all([this.get(\`/accounts/\${id}\`), this.get(\`/accounts/\${id}/details\`)]);
      return { ...account, ...details };
    });
  }
}`)).toEqual([]);
  });
});
