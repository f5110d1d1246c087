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
    expect(coverage).toEqual({ sinks: 5, scoped: 0, reported: 4, unjudged: 1, unjudgedBy: { model: 0, table: 0, filter: 0, caller: 1 }, filesNotAnalysed: 0, notAnalysed: [] });
  });

  it('with a schema that does not declare the model: the by-id read is reported, the unfiltered read is counted as unjudged', async () => {
    const { findings, coverage } = await scanFixture('recall/model-unknown-with-schema');
    expect(findings.map(brief)).toEqual(['unscoped-query P1 src/routes.ts:10']);
    expect(coverage).toEqual({ sinks: 2, scoped: 0, reported: 1, unjudged: 1, unjudgedBy: { model: 1, table: 0, filter: 0, caller: 0 }, filesNotAnalysed: 0, notAnalysed: [] });
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

describe('a loaded record compared with a tenant the function is handed', () => {
  it('is followed to the callers: the one that hands it the request body is the gap, the verified one is not a path', async () => {
    const { findings } = await scanFixture('recall/compared-parameter');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/credentials.ts:7']);
    expect(findings[0]?.message).toMatch(/compares the loaded record with the tenant parameter workspaceId, but tenant comes from req\.body\.workspaceId/);
    expect(findings[0]?.trace?.[0]?.note).toBe('POST /sheets');
    expect(findings[0]?.otherTraces).toBeUndefined();
  });
});

describe('a helper several handlers reach', () => {
  it('one finding, with every unchecked entry path: the first as its trace, the others beside it; a caller that checks the returned row is not a path', async () => {
    const { findings } = await scanFixture('recall/shared-helper-paths');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/records.ts:6']);
    const entries = [findings[0]?.trace?.[0]?.note, ...(findings[0]?.otherTraces ?? []).map((t) => t[0]?.note)];
    expect(entries).toEqual(['GET /records/:id', 'GET /records/:id/logs']);
  });
});

describe('checks that cannot fail', () => {
  it('an async check imported from another file, tested or called without await; awaited and synchronous look-alikes stay clean', async () => {
    const { findings } = await scanFixture('recall/unawaited-check');
    expect(findings.map(brief)).toEqual(['fail-open-tenant-check P0 src/routes.ts:8', 'fail-open-tenant-check P0 src/routes.ts:14']);
    expect(findings[0]?.message).toMatch(/hasEnvironmentAccess\(\) is async and is tested without await/);
  });
});

describe('arguments handed on in other forms', () => {
  it('through a rest-parameter spread, a command object built by a static factory, and an object spread of the body', async () => {
    const { findings } = await scanFixture('recall/argument-forms');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/queries.ts:6', 'unscoped-query P0 src/queries.ts:23', 'unscoped-query P0 src/queries.ts:27']);
    expect(findings[2]?.message).toMatch(/req\.body\.environmentId/);
  });
});

describe('ORM calls the scanner must see', () => {
  it('TypeORM repositories from a getter factory and getRepository(Entity), the entity read from EntitySchema files, services made by factories', async () => {
    const { findings } = await scanFixture('recall/typeorm-repository-getters');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/folder.service.ts:7',
      'unscoped-query P0 src/folder.service.ts:13',
      'unscoped-query P0 src/folder.service.ts:22',
      'unscoped-query P0 src/note.service.ts:10',
    ]);
  });

  it('a store\'s find<Model>ById out of sight is a by-id read of <Model>; a scanned store is judged by its own query', async () => {
    const { findings } = await scanFixture('recall/store-accessors');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/services.ts:7',
      'unscoped-query P0 src/stores.ts:14',
      'unscoped-query P1 src/services.ts:11',
    ]);
    expect(findings.find((f) => f.line === 11)?.message).toMatch(/model unknown/);
  });

  it('Sequelize models whose team key comes from associations and JS migrations, children through their keys', async () => {
    const { findings } = await scanFixture('recall/sequelize-associations');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 server/api/boards.js:8',
      'unscoped-query P0 server/api/boards.js:16',
    ]);
  });

  it('a Mongoose path that refs the tenant model is the tenant column', async () => {
    const { findings } = await scanFixture('recall/mongoose-tenant-ref');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/folders.controller.ts:9']);
  });

  it('(tx || this.prisma) receivers, and a …Collection model that is not the tenant', async () => {
    const { findings } = await scanFixture('recall/client-fallback-collections');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/collections.service.ts:12',
      'unscoped-query P0 src/collections.service.ts:20',
    ]);
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

describe('vector searches reached from routes of a router mounted in another file', () => {
  it('Qdrant, Chroma and pgvector without the tenant are reported with the mounted path; their tenant-filtered twins are not', async () => {
    const { findings } = await scanFixture('recall/vector-from-routes');
    expect(findings.map(brief)).toEqual([
      'unscoped-vector-search P0 src/retrieval/stores.ts:9',
      'unscoped-vector-search P0 src/retrieval/stores.ts:19',
      'unscoped-vector-search P0 src/retrieval/stores.ts:29',
    ]);
    expect(findings.map((f) => f.trace?.[0]?.note)).toEqual(['POST /api/qdrant', 'POST /api/chroma', 'POST /api/pgvector']);
    expect(findings[2]?.message).toMatch(/has no tenant filter or namespace/);
  });
});

describe('a query wrapper judged at its caller, whose callers check what it returns', () => {
  it('the caller that checks the returned record is no path; the one that hands it out is', async () => {
    const { findings } = await scanFixture('recall/wrapper-checked-callers');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/records.ts:7']);
    expect(findings[0]?.trace?.[0]?.note).toBe('GET /records/:id/raw');
    expect(findings[0]?.otherTraces).toBeUndefined();
  });
});
