import { describe, expect, it } from 'vitest';
import { brief, briefs, scanFixture } from './helpers.js';

describe('whole-program tenant flow', () => {
  it('tenant lost two calls away: route → service → repository, traced from the route', async () => {
    const { findings } = await scanFixture('flow/lost-two-calls');
    expect(findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['unscoped-query src/repository.ts:5']);
    expect(findings[0]?.trace).toEqual([
      { file: 'src/routes.ts', line: 6, note: 'GET /documents/:id', entry: true },
      { file: 'src/routes.ts', line: 7, note: 'calls getDocument' },
      { file: 'src/service.ts', line: 4, note: 'calls findById' },
      { file: 'src/repository.ts', line: 5, note: 'prisma.document.findUnique' },
    ]);
  });

  it('tenant from the request body passed down to a repository that filters by it', async () => {
    const { findings } = await scanFixture('flow/body-tenant');
    const body = findings.find((f) => f.line === 4 && f.file === 'src/repository.ts');
    expect(body?.kind).toBe('unscoped-query');
    expect(body?.message).toMatch(/tenant comes from req\.body\.orgId via buildReport/);
    expect(body?.trace?.map((s) => s.note)).toEqual(['POST /reports', 'calls buildReport', 'calls listForTenant', 'prisma.document.findMany']);
  });

  it('a caller that omits the tenant of a parameter-scoped sink is reported at the sink', async () => {
    const { findings } = await scanFixture('flow/body-tenant');
    const omitted = findings.find((f) => f.kind === 'unscoped-query' && f.line === 8);
    expect(omitted?.message).toMatch(/conversationStats calls countForTenant without tenantId/);
    expect(omitted?.trace?.map((s) => `${s.file}:${s.line}`)).toEqual(['src/stats.ts:4', 'src/repository.ts:8']);
  });

  it('one finding per sink; a verified caller, a callee that fails closed or defaults from context add nothing', async () => {
    expect(await briefs('flow/body-tenant')).toEqual([
      'unscoped-query P0 src/repository.ts:4',
      'unscoped-query P0 src/repository.ts:8',
      'optional-tenant-param P1 src/repository.ts:7',
    ]);
  });

  it('tenant scoped in the caller (withTenantTransaction): the callee\'s unfiltered query is fine', async () => {
    expect(await briefs('flow/scoped-caller')).toEqual([]);
  });

  it('authorizer after load in the caller, also through a caller that only returns the record', async () => {
    expect(await briefs('flow/authorized-caller')).toEqual([]);
  });

  it('a tsconfig whose extends target is not installed keeps its own paths: @/lib imports resolve, the tenant route reaches the by-id update', async () => {
    const { findings } = await scanFixture('flow/missing-extends');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 lib/documents.ts:4']);
    // Reported through its callers (resolved through the alias), not as a function nothing calls.
    expect(findings[0]?.message).toMatch(/the id comes from req\.json\(\)\.documentId via expireDocument/);
    expect(findings[0]?.trace?.some((t) => t.file.startsWith('app/api/'))).toBe(true);
  });

  it('a client-chosen team id whose membership is looked up with the caller (in the handler or in the callee) is checked', async () => {
    expect(await briefs('flow/membership-checked')).toEqual(['unscoped-query P0 src/team-email.ts:12']);
  });

  it('tRPC: a tenant destructured from the verified ctx ({ ctx: { teamId } }) or a service ctx built from it is fine; one from input is not', async () => {
    expect(await briefs('flow/trpc-context')).toEqual(['unscoped-query P0 src/queries.ts:4']);
  });

  it('parameter-scoped sink whose callers all pass the verified tenant (class, this.repo, private method)', async () => {
    expect(await briefs('flow/verified-params')).toEqual([]);
  });

  it('asks the checker only where syntax cannot tell: a receiver whose type is inferred from a call', async () => {
    const { findings } = await scanFixture('flow/inferred-receiver');
    expect(findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['unscoped-query src/repository.ts:5']);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['GET /documents/:id', 'calls findById', 'prisma.document.findUnique']);
  });

  it('follows namespace imports, export * barrels and re-exported default classes', async () => {
    const { findings } = await scanFixture('flow/barrel');
    expect(findings.map((f) => `${f.file}:${f.line} ${f.trace?.[0]?.note}`)).toEqual([
      'src/data/conversations.ts:5 DELETE /conversations/:id',
      'src/data/documents.ts:4 GET /docs/:id',
    ]);
  });

  it('follows tsconfig path aliases (@/lib/repo)', async () => {
    const { findings } = await scanFixture('flow/path-alias');
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/lib/repo.ts:4']);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['GET /api/docs', 'calls findDoc', 'prisma.document.findUnique']);
  });

  it('monorepo: each package uses the path aliases of its own tsconfig', async () => {
    const { findings } = await scanFixture('flow');
    const aliased = findings.find((f) => f.file === 'path-alias/src/lib/repo.ts');
    expect(aliased?.trace?.[0]).toEqual({ file: 'path-alias/src/app/api/docs/route.ts', line: 3, note: 'GET /api/docs', entry: true });
  });

  it('monorepo: imports of a workspace package reach its sources', async () => {
    const { findings } = await scanFixture('flow/workspaces');
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['packages/db/src/index.ts:4']);
    expect(findings[0]?.trace?.map((s) => `${s.file}:${s.line} ${s.note}`)).toEqual([
      'packages/api/src/routes.ts:6 GET /docs/:id',
      'packages/api/src/routes.ts:7 calls findDoc',
      'packages/db/src/index.ts:4 prisma.document.findUnique',
    ]);
  });
});
