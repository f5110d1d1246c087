import rule from '../src/rules/no-unscoped-redis-keys.js';
import { run } from './rule-tester.js';

const IO = `import Redis from 'ioredis';\nconst redis = new Redis();\n`;
/** A file of a code base that uses the runtime: its context getter may be suggested. */
const RT = `import { getCurrentTenant } from '@tenant-audit/runtime';\n${IO}`;

run('no-unscoped-redis-keys', rule, {
  valid: [
    `${IO}export const get = (tenantId: string, id: string) => redis.get(\`ctx:\${tenantId}:\${id}\`);`,
    `${IO}export const get = (id: string) => redis.get(\`ctx:\${getCurrentTenant().tenantId}:\${id}\`);`,
    // A fixed, global key.
    `${IO}export const flags = () => redis.get('feature-flags');`,
    // The runtime's tenant-scoped client prefixes every key itself.
    `import { createTenantRedis } from '@tenant-audit/runtime';\nexport const get = (client: unknown, tenantId: string, id: string) => { const r = createTenantRedis(client, { tenantId }); return r.get(\`doc:\${id}\`); };`,
    `import { createTenantRedis } from '@tenant-audit/runtime';\nexport const get = (client: unknown, tenantId: string, id: string) => createTenantRedis(client, { tenantId }).get(\`doc:\${id}\`);`,
    // SCAN / KEYS confined to the tenant prefix.
    `${IO}export const list = (tenantId: string) => redis.scan(0, 'MATCH', \`ctx:\${tenantId}:*\`);`,
    `${IO}export const list = (tenantId: string) => redis.keys(\`tenant:\${tenantId}:*\`);`,
    // A key builder that takes the tenant.
    `${IO}export const get = (tenantId: string, id: string) => redis.get(keyFor(tenantId, id));`,
    // Not Redis: a Map and an HTTP client with the same method names.
    `const cache = new Map<string, string>();\nexport const get = (id: string) => cache.get(\`doc:\${id}\`);`,
    `import axios from 'axios';\nexport const get = (id: string) => axios.get(\`/users/\${id}\`);`,
    // A key whose origin cannot be seen is not guessed.
    `${IO}export const get = (key: string) => redis.get(key);`,
    `${IO}export const get = (orgId: string, id: string) => redis.hget('org:' + orgId, id);`,
  ],
  invalid: [
    {
      code: `${RT}export const get = (sessionId: string) => redis.get(\`session:\${sessionId}\`);`,
      errors: [{ messageId: 'unscopedKey', suggestions: [{ messageId: 'addTenantToKey', output: `${RT}export const get = (sessionId: string) => redis.get(\`session:\${getCurrentTenant().tenantId}:\${sessionId}\`);` }] }],
    },
    // Without the runtime and with no tenant in scope there is nothing to insert that would compile: no suggestion.
    {
      code: `${IO}export const get = (sessionId: string) => redis.get(\`session:\${sessionId}\`);`,
      errors: [{ messageId: 'unscopedKey', suggestions: [] }],
    },
    {
      code: `${IO}export async function put(tenantId: string, id: string, v: string) { await redis.set(\`doc:\${id}\`, v); }`,
      errors: [{ messageId: 'unscopedKey', suggestions: [{ messageId: 'addTenantToKey', output: `${IO}export async function put(tenantId: string, id: string, v: string) { await redis.set(\`doc:\${tenantId}:\${id}\`, v); }` }] }],
    },
    {
      code: `${RT}export const get = (conversationId: string) => redis.get(\`\${conversationId}\`);`,
      errors: [{ messageId: 'unscopedKey', suggestions: [{ messageId: 'addTenantToKey', output: `${RT}export const get = (conversationId: string) => redis.get(\`\${getCurrentTenant().tenantId}:\${conversationId}\`);` }] }],
    },
    // No tenant name in scope, but the verified tenant the function reads: that goes into the key.
    {
      code: `${IO}export const get = (req: Request, id: string) => { if (!req.auth.tenantId) throw new Error('no tenant'); return redis.get(\`doc:\${id}\`); };`,
      errors: [{ messageId: 'unscopedKey', suggestions: [{ messageId: 'addTenantToKey', output: `${IO}export const get = (req: Request, id: string) => { if (!req.auth.tenantId) throw new Error('no tenant'); return redis.get(\`doc:\${req.auth.tenantId}:\${id}\`); };` }] }],
    },
    { code: `${IO}export const all = () => redis.keys('*');`, errors: [{ messageId: 'keyspaceCommand' }] },
    { code: `${IO}export const wipe = () => redis.flushdb();`, errors: [{ messageId: 'keyspaceCommand' }] },
    { code: `${IO}export const wipeAll = () => redis.flushall();`, errors: [{ messageId: 'keyspaceCommand' }] },
    { code: `${IO}export const list = () => redis.scan(0, 'MATCH', 'ctx:*');`, errors: [{ messageId: 'keyspaceCommand' }] },
    { code: `${IO}export const get = (id: string) => redis.get('cache:' + id);`, errors: [{ messageId: 'unscopedKey' }] },
    {
      code: `import { getCurrentTenant } from '@tenant-audit/runtime';\nimport { createClient } from 'redis';\nconst client = createClient();\nexport const get = (documentId: string) => client.hGet(\`doc:\${documentId}\`, 'title');`,
      errors: [{ messageId: 'unscopedKey', suggestions: [{ messageId: 'addTenantToKey', output: `import { getCurrentTenant } from '@tenant-audit/runtime';\nimport { createClient } from 'redis';\nconst client = createClient();\nexport const get = (documentId: string) => client.hGet(\`doc:\${getCurrentTenant().tenantId}:\${documentId}\`, 'title');` }] }],
    },
    {
      code: `${IO}export async function report(reportId: string) { const key = \`report:\${reportId}\`; return redis.get(key); }`,
      errors: [{ messageId: 'unscopedKey' }],
    },
    {
      code: `import { getCurrentTenant } from '@tenant-audit/runtime';\nexport class Cache { constructor(private redis: unknown) {} drop(id: string) { return this.redis.del(\`conv:\${id}\`); } }`,
      errors: [{ messageId: 'unscopedKey', suggestions: [{ messageId: 'addTenantToKey', output: `import { getCurrentTenant } from '@tenant-audit/runtime';\nexport class Cache { constructor(private redis: unknown) {} drop(id: string) { return this.redis.del(\`conv:\${getCurrentTenant().tenantId}:\${id}\`); } }` }] }],
    },
  ],
});
