import { describe, expect, it } from 'vitest';
import { brief, briefs, fixture, scanFixture } from './helpers.js';

describe('entry points behind wrappers, server actions and the pages router', () => {
  it('app router: a handler wrapped by withWorkspace is an entry point; an id from params reaches the delete', async () => {
    const { findings } = await scanFixture('flow/wrapped-route');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/app/api/folders/[folderId]/route.ts:6']);
    expect(findings[0]?.message).toMatch(/params\.folderId/);
    expect(findings[0]?.trace?.[0]).toEqual({ file: 'src/app/api/folders/[folderId]/route.ts', line: 4, note: 'GET /api/folders/[folderId]', entry: true });
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['GET /api/folders/[folderId]', 'prisma.folder.delete']);
  });

  it('app router look-alikes: verifyFolderAccess before the delete, an id from the wrapper\'s verified workspace', async () => {
    const files = (await scanFixture('flow/wrapped-route')).findings.map((f) => f.file);
    expect(files).not.toContain('src/app/api/shared-folders/[folderId]/route.ts');
    expect(files).not.toContain('src/app/api/program/route.ts');
  });

  it('a handler wrapped by withAdmin is a platform entry; the same code in withWorkspace is reported', async () => {
    const { findings } = await scanFixture('flow/platform-wrapper');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/app/api/alerts/[alertId]/route.ts:4']);
    // `withCron` verifies the scheduler's signature: src/app/api/sweeps/[alertId] is a platform job.
    expect(findings.some((f) => f.file.includes('sweeps'))).toBe(false);
    expect(findings[0]?.trace?.[0]?.note).toBe('PATCH /api/alerts/[alertId]');
  });

  it('next-safe-action: a client action\'s parsedInput id is reported, traced from the server action', async () => {
    const { findings } = await scanFixture('flow/safe-action');
    const update = findings.find((f) => f.line === 10);
    expect(update && brief(update)).toBe('unscoped-query P0 src/actions/discounts.ts:10');
    expect(update?.message).toMatch(/parsedInput\.discountId/);
    expect(update?.trace?.map((s) => `${s.file}:${s.line} ${s.note}`)).toEqual([
      'src/actions/discounts.ts:9 server action updateAction',
      'src/actions/discounts.ts:10 prisma.discount.update',
    ]);
  });

  it('next-safe-action look-alikes: getDiscountOrThrow with the verified programId (a parent key), a filter pinned to ctx.partner.id', async () => {
    // Line 15: checked first; line 19: pinned to the verified partner. Line 26 pins nothing the caller verified.
    expect(await briefs('flow/safe-action')).toEqual([
      'unscoped-query P0 src/actions/discounts.ts:10',
      'unscoped-query P0 src/actions/discounts.ts:26',
    ]);
  });

  it('a plain parameter of a \'use server\' function is request input, followed into a helper in another file', async () => {
    const { findings } = await scanFixture('flow/server-action-params');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/leads.ts:4']);
    expect(findings[0]?.message).toMatch(/server action closeLead/);
    expect(findings[0]?.trace?.map((s) => `${s.file}:${s.line} ${s.note}`)).toEqual([
      'src/actions/leads.ts:5 server action closeLead',
      'src/actions/leads.ts:6 calls closeLeadById',
      'src/lib/leads.ts:4 prisma.lead.update',
    ]);
  });

  it('the same function outside a \'use server\' file, which nothing calls, is not an entry point', async () => {
    const files = (await scanFixture('flow/server-action-params')).findings.map((f) => `${f.file}:${f.line}`);
    expect(files).not.toContain('src/lib/leads.ts:8');
  });

  it('pages router: a default-exported handler, and a local handler exported through withMiddlewares', async () => {
    const { findings } = await scanFixture('flow/pages-api');
    expect(findings.map(brief)).toEqual([
      'unscoped-query P0 src/pages/api/docs/[id].ts:5',
      'unscoped-query P0 src/pages/api/files/[id].ts:5',
    ]);
    expect(findings.map((f) => f.trace?.[0])).toEqual([
      { file: 'src/pages/api/docs/[id].ts', line: 4, note: 'API /api/docs/[id]', entry: true },
      { file: 'src/pages/api/files/[id].ts', line: 4, note: 'API /api/files/[id]', entry: true },
    ]);
    expect(findings[0]?.message).toMatch(/req\.query\.id/);
  });

  it('pages router: the project a with…() wrapper hands its handler after (req, res) is verified; a tenant from the query string is not', async () => {
    const { findings } = await scanFixture('flow/pages-api-wrapped-tenant');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/pages/api/projects/[slug]/links/index.ts:6']);
    expect(findings[0]?.message).toMatch(/req\.query\.projectId/);
  });

  it('pages router: a handler that first calls AdminApiAuthService.handleAdminAuth is a platform entry', async () => {
    const files = (await scanFixture('flow/pages-api')).findings.map((f) => f.file);
    expect(files).not.toContain('src/pages/api/support/docs/[id].ts');
  });

  it('an application: a by-id helper nothing calls is not reported by default', async () => {
    expect(await briefs('flow/unreached-app')).toEqual([]);
  });

  it('an application with reportUnreachedSinks: true reports the by-id helper nothing calls', async () => {
    const configFile = `${fixture('flow/unreached-app')}/report-unreached.json`;
    const { findings } = await scanFixture('flow/unreached-app', { configFile });
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/documents.ts:4']);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['prisma.document.findUnique']);
  });

  it('a library (no entry points): its exported by-id helper is reported by default, not with reportUnreachedSinks: false', async () => {
    expect(await briefs('flow/unreached-library')).toEqual(['unscoped-query P0 src/documents.ts:4']);
    const configFile = `${fixture('flow/unreached-library')}/quiet.json`;
    expect(await briefs('flow/unreached-library', { configFile })).toEqual([]);
  });
});

describe('jobs registered through a home-made queue wrapper', () => {
  it('a query reached only from top-level code in a worker folder is the platform at work; one also reached from elsewhere is reported', async () => {
    expect(await briefs('flow/worker-root')).toEqual(['unscoped-query P0 src/lib/cleanup.ts:10']);
  });
});

describe('rows pinned to the caller by another key the call site passes', () => {
  it('partnerId: partner.id at the call site keeps a client-chosen programId among the partner\'s own rows; both from the URL is a gap', async () => {
    const { findings } = await scanFixture('flow/pinned-caller');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/enrollment.ts:5']);
    expect(findings[0]?.trace?.[0]?.note).toBe('GET /api/programs/[programId]/other');
  });
});

describe('rows pinned by a parent key the call site derives from the verified tenant', () => {
  it('b.id = ${bountyId} AND b.programId = ${programId}: the program of the verified workspace keeps a client-chosen bounty id in it; both from the URL is a gap', async () => {
    const { findings } = await scanFixture('flow/pinned-parent-key');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/bounty.ts:5']);
    expect(findings[0]?.trace?.[0]?.note).toBe('GET /api/programs/[programId]/bounties/[bountyId]');
    expect(findings[0]?.otherTraces ?? []).toEqual([]);
  });
});

describe('app-router pages and memoised fetchers', () => {
  it('a page is an entry point and a cache()-wrapped fetcher is called by its variable name', async () => {
    const { findings } = await scanFixture('flow/app-pages');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/app/[tenant]/settings/page.tsx:5', 'unscoped-query P0 src/lib/documents.ts:7']);
    expect(findings[1]?.trace?.map((s) => s.note)).toEqual(['page /programs/[slug]', 'calls getDocument', 'prisma.document.findUnique']);
  });

  it('a tenant picked by the URL\'s slug in a page is request input; the same slug limited to tenants the user is a member of is not', async () => {
    const { findings } = await scanFixture('flow/app-pages');
    const slugPage = findings.find((f) => f.file === 'src/app/[tenant]/settings/page.tsx');
    expect(slugPage?.message).toMatch(/parameter of page \/\[tenant\]\/settings \(request input\)/);
    expect(findings.some((f) => f.file.includes('members-only'))).toBe(false);
  });
});
