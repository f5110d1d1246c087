import { describe, expect, it } from 'vitest';
import { brief, scanFixture } from './helpers.js';

/**
 * Shapes of historical cross-tenant fixes (bench/real-fixes): each fixture holds the vulnerable
 * shape and look-alikes that must stay clean.
 */
describe('entry points and request input', () => {
  it('a Hono sub-app mounted from another file: c.req.param ids reach a repository one file away', async () => {
    const { findings } = await scanFixture('recall/hono-subapp');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/repo/documents.ts:4', 'unscoped-query P0 src/repo/documents.ts:9']);
    expect(findings[0]?.message).toMatch(/c\.req\.param\('id'\)/);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['GET /api/documents/:id', 'calls getDocument', 'pool.query SELECT … FROM documents']);
    // The tenant-filtered look-alike (getDocumentOfTenant) is judged scoped.
    expect(findings.some((f) => f.line === 14)).toBe(false);
  });

  it('an oRPC procedure\'s .handler(fn) is an entry point: membership in one workspace, then a delete by id alone', async () => {
    const { findings } = await scanFixture('recall/orpc-handler');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/api/deleteTemplate.ts:13']);
    expect(findings[0]?.message).toMatch(/rpc handler deleteTemplate/);
  });
});

describe('checks that come too late', () => {
  it('a delete the caller checks afterwards is reported; a read the caller checks before returning it is not', async () => {
    expect((await scanFixture('recall/write-checked-after')).findings.map(brief)).toEqual(['unscoped-query P0 src/members.ts:6']);
  });
});

describe('rows owned by one user', () => {
  it('a model whose only key to the outside is a relation to User is private to its owner', async () => {
    const { findings } = await scanFixture('recall/owner-model');
    // revoke(id) is reported; revokeOwn(id, user.uid) and the country lookup are not.
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/tokens.service.ts:9']);
  });
});

describe('unknown is not safe', () => {
  it('without any schema a by-id read from request input is P1 "model unknown", P0 where the SQL, the row type or another query names a tenant column', async () => {
    const { findings, coverage } = await scanFixture('recall/model-unknown');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/app.ts:22',
      'unscoped-query P0 src/app.ts:28',
      'unscoped-query P0 src/app.ts:34',
      'unscoped-query P1 src/app.ts:16',
    ]);
    expect(findings.find((f) => f.line === 16)?.message).toMatch(/model unknown: no schema, migration or entity declares notes/);
    expect(findings.filter((f) => f.severity === 'P0').every((f) => !/model unknown/.test(f.message))).toBe(true);
    // labelsOf(orgId) binds its tenant predicate to a parameter nobody in the fixture passes: unjudged, not scoped.
    expect(coverage).toEqual({ sinks: 5, scoped: 0, reported: 4, unjudged: 1, unjudgedBy: { model: 0, table: 0, filter: 0, caller: 1 } });
  });

  it('with a schema that does not declare the model: the by-id read is reported, the unfiltered read is counted as unjudged', async () => {
    const { findings, coverage } = await scanFixture('recall/model-unknown-with-schema');
    expect(findings.map(brief)).toEqual(['unscoped-query P1 src/routes.ts:10']);
    expect(coverage).toEqual({ sinks: 2, scoped: 0, reported: 1, unjudged: 1, unjudgedBy: { model: 1, table: 0, filter: 0, caller: 0 } });
  });
});

describe('keys the client chooses in written data', () => {
  it('a foreign key, connected ids and a body written as a whole are reported; checked, explicit and tenant-free writes are not', async () => {
    const { findings } = await scanFixture('recall/written-keys');
    // A client-chosen foreign key links to another tenant's row (P1); a body written whole can set the tenant (P0).
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/assistants.ts:12',
      'unscoped-query P0 src/links.ts:26',
      'unscoped-query P1 src/links.ts:11',
      'unscoped-query P1 src/links.ts:20',
    ]);
    expect(findings.find((f) => f.line === 11)?.message).toMatch(/writes domainId taken from request input \(req\.body\.domainId\)/);
    expect(findings.find((f) => f.line === 20)?.message).toMatch(/writes tags taken from request input \(req\.body\.tagIds\)/);
    expect(findings.find((f) => f.line === 26)?.message).toMatch(/writes the request input as a whole/);
    // Followed from the route: Object.assign of the body the controller passes in.
    expect(findings.find((f) => f.file === 'src/assistants.ts')?.trace?.map((s) => s.note)).toEqual(['PUT /assistants/:id', 'calls updateLink', 'Object.assign(Link)']);
  });
});

describe('a tenant that must be present before the lookup runs', () => {
  it('an early `if (!tenantId) return` two calls up keeps callers that omit the tenant off the path; the loose twin is reported', async () => {
    const { findings } = await scanFixture('recall/guard-early-exit');
    const data = findings.filter((f) => f.kind === 'unscoped-query');
    expect(data.map(brief)).toEqual(['unscoped-query P0 src/passkeys.ts:6']);
    expect(data[0]?.message).toMatch(/calls loadSigningLoose without tenantId/);
  });
});

describe('external systems acted on by a client-chosen id', () => {
  it('follows a billing id, a membership id (through an abstract provider) and a domain name to the request; checked and own ids stay clean', async () => {
    const { findings } = await scanFixture('recall/external-by-id');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/auth/workos-provider.ts:8',
      'unscoped-query P0 src/billing/stripe-manager.ts:7',
      'unscoped-query P0 src/hosting.ts:4',
    ]);
    const billing = findings.find((f) => f.file === 'src/billing/stripe-manager.ts');
    expect(billing?.message).toMatch(/acts on a billing customer.*req\.query\.customerId/);
    expect(billing?.trace?.map((s) => s.note)).toEqual(['GET /billing/customer', 'calls customer', 'calls getCustomer', 'this.stripe.customers.retrieve']);
    expect(findings.find((f) => f.file === 'src/auth/workos-provider.ts')?.trace?.map((s) => s.note)[0]).toBe('DELETE /members/:membershipId');
  });
});

describe('raw SQL wrappers, object-storage keys and read-through caches', () => {
  it('a ClickHouse wrapper called with a client project id, a storage key parsed from a stored link, a cache key without the tenant; the look-alikes stay clean', async () => {
    const { findings } = await scanFixture('recall/storage-sql-cache');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/events-router.ts:10',
      'unscoped-query P0 src/links.ts:9',
      'shared-cache-keyspace P1 src/identities.ts:6',
    ]);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['trpc query bots', 'chQuery SELECT … FROM events_bots']);
    expect(findings[1]?.message).toMatch(/parsed from a stored link \(link\.image\)/);
  });
});

describe('database per tenant', () => {
  it('a wrapper call that leaves out the tenant database other calls pass runs on the shared default; the tenant table and column-scoped tables do not', async () => {
    const { findings } = await scanFixture('recall/database-per-tenant');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/app.ts:15']);
    expect(findings[0]?.message).toMatch(/takes the tenant's database as databaseName \(1 call passes it, e\.g\. workspace\.databaseName\).*webhooks/);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['GET /webhooks', 'queryResults on webhooks']);
  });
});
