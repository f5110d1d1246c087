import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fixAdvice } from '@tenant-audit/core';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';

const RUNTIME_APIS = /getCurrentTenant|requireTenantId|runWithTenant|runAsPlatform|withTenantTransaction|createScopedRetriever|createTenantRedis|createTenantSessionStore|TenantSpanProcessor|deriveTenantKey|encryptForTenant|createTenantLogReader|exportTenantBackup/;

const SCHEMA = `
model Document {
  id             String @id
  organizationId String
}
model Ticket {
  id        String @id
  accountId String
}
`;

const ROUTES = [
  "import express from 'express';",
  "import { findDocument, findTicket } from './repo.js';",
  'const app = express();',
  "app.get('/documents/:id', async (req, res) => res.json(await findDocument(req.params.id)));",
  "app.get('/tickets/:id', async (req, res) => res.json(await findTicket(req.params.id)));",
  '',
].join('\n');

const REPO = [
  'declare const prisma: any;',
  'export async function findDocument(id: string) {',
  '  return prisma.document.findUnique({ where: { id } });',
  '}',
  'export async function findTicket(id: string) {',
  '  return prisma.ticket.findUnique({ where: { id } });',
  '}',
  'export function current(store: any) { return store.getStore() ?? PLATFORM_CONTEXT; }',
  '',
].join('\n');

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ta-fix-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('fix advice tailored to the scanned code base', () => {
  it('without @tenant-audit/runtime: each finding\'s fix is the plain way for its own table\'s column', async () => {
    const result = await scan({ paths: [project({ 'prisma/schema.prisma': SCHEMA, 'src/routes.ts': ROUTES, 'src/repo.ts': REPO })] });
    const doc = result.findings.find((f) => f.file === 'src/repo.ts' && f.line === 3);
    const ticket = result.findings.find((f) => f.file === 'src/repo.ts' && f.line === 6);
    expect(doc?.fix).toBe(fixAdvice('unscoped-query', { tenantField: 'organizationId', usesRuntime: false }));
    expect(ticket?.fix).toBe(fixAdvice('unscoped-query', { tenantField: 'accountId', usesRuntime: false }));
    // The short fix that ends the message names the same column.
    expect(doc?.message).toMatch(/add organizationId \(from the verified session\) to the filter \(e\.g\. \{ id, organizationId \}\)/);
    expect(ticket?.message).toMatch(/add accountId \(from the verified session\)/);
    for (const f of result.findings) {
      expect(f.fix, f.kind).toBeDefined();
      expect(`${f.message}\n${f.fix}`, f.kind).not.toMatch(RUNTIME_APIS);
    }
    // Kind-level advice (pretty's "How to fix", SARIF) uses the code base's usual column.
    expect(result.fixOptions).toEqual({ tenantField: 'organizationId', usesRuntime: false });
  });

  it('with a file that imports @tenant-audit/runtime: the runtime\'s APIs', async () => {
    const result = await scan({ paths: [project({
      'prisma/schema.prisma': SCHEMA,
      'src/routes.ts': ROUTES,
      'src/repo.ts': REPO,
      'src/context.ts': "import { runWithTenant } from '@tenant-audit/runtime';\nexport const inTenant = runWithTenant;\n",
    })] });
    const doc = result.findings.find((f) => f.file === 'src/repo.ts' && f.line === 3);
    expect(doc?.fix).toBe(fixAdvice('unscoped-query', { tenantField: 'organizationId', usesRuntime: true }));
    expect(doc?.message).toMatch(/add organizationId: getCurrentTenant\(\)\.tenantId to the filter/);
    expect(result.findings.find((f) => f.kind === 'platform-fallback')?.fix).toMatch(/runAsPlatform/);
    expect(result.fixOptions).toEqual({ tenantField: 'organizationId', usesRuntime: true });
  });

  it('marks the entry point a trace starts at', async () => {
    const result = await scan({ paths: [project({ 'prisma/schema.prisma': SCHEMA, 'src/routes.ts': ROUTES, 'src/repo.ts': REPO })] });
    const doc = result.findings.find((f) => f.file === 'src/repo.ts' && f.line === 3);
    expect(doc?.trace?.map((s) => [s.note, s.entry])).toEqual([
      ['GET /documents/:id', true],
      ['calls findDocument', undefined],
      ['prisma.document.findUnique', undefined],
    ]);
    // A finding no entry point reaches has no entry step.
    const fallback = result.findings.find((f) => f.kind === 'platform-fallback');
    expect(fallback?.trace?.some((s) => s.entry)).toBe(false);
  });
});
