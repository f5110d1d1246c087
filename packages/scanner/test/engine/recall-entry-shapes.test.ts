import { describe, expect, it } from 'vitest';
import { brief, scanFixture } from './helpers.js';

/**
 * Shapes of historical cross-tenant fixes (bench/real-fixes) where the scanner lost the program
 * between the entry point and the sink: each fixture holds the vulnerable shape and look-alikes
 * that must stay clean.
 */
describe('memoising wrappers imported under another name', () => {
  it('`cache as reactCache` / `unstable_cache as nextCache`: the wrapped by-id reads get their callers', async () => {
    const { findings, coverage } = await scanFixture('recall/memo-alias');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/contacts.ts:8', 'unscoped-query P0 src/lib/contacts.ts:11']);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['server action getContactAction', 'calls getContact', 'prisma.contact.findUnique']);
    expect(coverage.unjudgedBy.caller).toBe(0);
  });
});

describe('platform folders do not swallow tenant entries', () => {
  it('a server action, a signed-in procedure and a route that reads the session are tenant entries in webhooks/ and jobs/ folders', async () => {
    const { findings } = await scanFixture('recall/platform-folders');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/blocks/webhook/api/router.ts:6',
      'unscoped-query P0 src/lib/webhook/service.ts:4',
      'unscoped-query P0 src/lib/webhook/service.ts:6',
    ]);
    expect(findings.map((f) => f.trace?.[0]?.note)).toEqual(['rpc handler executeWebhook', 'server action deleteWebhookAction', 'POST /api/jobs/[workspaceId]/retry']);
  });

  it('look-alikes: an inbound webhook receiver and a job route without a signed-in caller stay platform', async () => {
    const { findings } = await scanFixture('recall/platform-folders');
    expect(findings.some((f) => f.file.includes('stripe') || f.trace?.some((s) => s.file.includes('sweep')))).toBe(false);
  });
});

describe('RPC-style router paths', () => {
  it('router.post(\'collections.update\', auth(), handler) is a route; a dotted key on a settings object is not', async () => {
    const { findings, coverage } = await scanFixture('recall/koa-rpc-routes');
    // The settings callback has no caller: unjudged, not an entry whose parameter is request input.
    expect(coverage.unjudgedBy.caller).toBe(1);
    expect(findings.map(brief)).toEqual(['unscoped-query P0 server/api/collections.js:12']);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['POST collections.update', 'prisma.collection.update']);
  });
});

describe('decorator controllers and route scopes', () => {
  it('@RestController routes are entries; a @ProjectScope on /projects/:projectId verifies projectId, a @GlobalScope does not', async () => {
    const { findings } = await scanFixture('recall/decorator-controllers');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/data-store.service.ts:7', 'unscoped-query P0 src/data-store.service.ts:15']);
    expect(findings[0]?.trace?.[0]?.note).toBe('PATCH /projects/:projectId/data-stores/:dataStoreId');
    // The only path to line 15 the scanner reports is the globally scoped route's.
    expect(findings[1]?.trace?.[0]?.note).toBe('GET /projects/:projectId/archived-stores');
  });
});

describe('checks through an owner, a checked parent record, and tenant tables called log', () => {
  it('flags the unchecked variants only: an owner taken apart but unchecked, a binding keyed by the client\'s integration id, a log row by the client\'s result id', async () => {
    const { findings } = await scanFixture('recall/checked-owner-shapes');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/routes.ts:20',
      'unscoped-query P0 src/routes.ts:32',
      'unscoped-query P0 src/routes.ts:42',
    ]);
    // A table of the application's own called `log` is data access, not an operational log store.
    expect(findings.some((f) => f.kind === 'unscoped-log-access')).toBe(false);
  });
});

describe('the tenant itself picked by the client', () => {
  it('an organization read by the slug in the URL with no membership filter or check is reported (P1: its row may be public by design); one looked up among the caller\'s memberships is not', async () => {
    const { findings } = await scanFixture('recall/tenant-entity');
    expect(findings.map(brief)).toEqual(['unscoped-query P1 src/billing.ts:6']);
    expect(findings[0]?.message).toMatch(/picks the tenant itself \(organization\) by a value taken from request input \(params\.organizationSlug\)/);
  });
});

describe('GraphQL resolvers behind a guard named for the resource', () => {
  it('@UseGuards(GqlRequestTeamMemberGuard) verifies the requestID argument; a guard for another resource (a collection) does not', async () => {
    const { findings } = await scanFixture('recall/graphql-guards');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/team-request.service.ts:9']);
    expect(findings[0]?.trace?.[0]?.note).toBe('Mutation renameRequest');
  });
});

describe('app-router pages that re-export a component, and props of server components', () => {
  it('`export default SingleContactPage` / `export { NotePage as default } from …`: the imported component is the page entry', async () => {
    const { findings } = await scanFixture('recall/app-router-components');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/lib/contacts.ts:3',
      'unscoped-query P0 src/lib/contacts.ts:5',
      'unscoped-query P0 src/lib/contacts.ts:12',
    ]);
    expect(findings[0]?.trace?.map((s) => `${s.file}:${s.line}`)).toEqual([
      'src/app/(app)/workspaces/[workspaceId]/contacts/[contactId]/page.tsx:3', 'src/modules/contacts/page.tsx:12', 'src/lib/contacts.ts:3',
    ]);
    expect(findings[2]?.trace?.[0]?.note).toBe('page /workspaces/[workspaceId]/notes/[noteId]');
  });

  it('<EmailSection contactId={params.contactId} /> is a call of the async server component with its props', async () => {
    const { findings } = await scanFixture('recall/app-router-components');
    expect(findings[1]?.trace?.map((s) => s.note)).toEqual([
      'page /workspaces/[workspaceId]/contacts/[contactId]', 'calls EmailSection', 'calls getContactEmail', 'prisma.contact.findUnique',
    ]);
  });

  it('look-alikes: a prop taken from a workspace-scoped lookup, and a component of a "use client" file', async () => {
    const { findings } = await scanFixture('recall/app-router-components');
    // getContactPreview (line 7) gets scoped.id; getContactLabel (line 14) is called only by the client component.
    expect(findings.some((f) => f.line === 7 || f.line === 14)).toBe(false);
  });
});

describe('the data model of a monorepo app', () => {
  it('reads the schema of the workspace packages the app depends on (package.json, tsconfig paths), not of sibling apps; the app\'s own schema wins', async () => {
    const { findings } = await scanFixture('recall/monorepo-schema/apps/web');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/app/api/contacts/[contactId]/route.ts:5',
      'unscoped-query P0 src/app/api/keys/[keyId]/route.ts:7',
      // Declared only by apps/admin, which the web app does not depend on: still "model unknown".
      'unscoped-query P1 src/app/api/notes/[noteId]/route.ts:5',
    ]);
    expect(findings[2]?.message).toMatch(/model unknown/);
    // apps/web/prisma declares Setting without a tenant: the dependency's tenant Setting does not override it.
    expect(findings.some((f) => f.file.includes('settings'))).toBe(false);
  });
});

describe('CommonJS model wrappers', () => {
  it('require + module.exports object-literal wrappers resolve; a filter passed into the wrapper is judged at each call site', async () => {
    const { findings } = await scanFixture('recall/commonjs-models');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 server/endpoints/files.js:8', 'unscoped-query P0 server/models/parsedFiles.js:15']);
    expect(findings[0]?.message).toMatch(/deleteMany via delete filters by id only, taken from request input \(request\.body\.fileIds\)/);
    // this.get({ id }) inside the wrapper object reaches the path's id through embed().
    expect(findings[1]?.trace?.map((s) => s.note)).toEqual(['POST /workspace/:slug/files/:fileId/embed', 'calls embed', 'prisma.parsed_files.findFirst via get']);
  });

  it('look-alikes: a call site that passes the verified workspace, and the wrapper\'s own update(prev, data) read as a Sequelize update', async () => {
    const { findings, coverage } = await scanFixture('recall/commonjs-models');
    expect(findings.some((f) => f.line === 16 || f.line === 28 || f.line === 30)).toBe(false);
    expect(coverage.unjudgedBy.filter).toBe(0);
  });
});

describe('read-through cache loaders', () => {
  it('cache.x.swr(key, async (id) => …): the loader is called with the key the handler passes', async () => {
    const { findings } = await scanFixture('recall/cache-loader');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/routes.ts:11']);
    expect(findings[0]?.message).toMatch(/c\.req\.query\('externalId'\)/);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['GET /v1/identities', 'prisma.identity.findFirst']);
  });

  it('look-alikes: a loader filtered by the verified workspace, and a callback of something that is not a cache', async () => {
    const { findings, coverage } = await scanFixture('recall/cache-loader');
    expect(findings.some((f) => f.line === 20 || f.line === 27)).toBe(false);
    // http.fetch's callback gets the response body, not the URL: no caller is made up for it.
    expect(coverage.unjudgedBy.caller).toBe(1);
  });
});
