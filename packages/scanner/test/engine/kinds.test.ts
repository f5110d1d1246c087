import { describe, expect, it } from 'vitest';
import { briefs, scanFixture } from './helpers.js';

/** One small project per gap kind: the flagged variant gives exactly these findings, the clean one none. */
const FLAGGED: Record<string, string[]> = {
  'unscoped-query': [
    'unscoped-query P0 src/documents.ts:4',
    'unscoped-query P0 src/documents.ts:9',
  ],
  'unscoped-vector-search': ['unscoped-vector-search P0 src/rag.ts:4'],
  'unscoped-session-key': ['unscoped-session-key P0 src/tracer.ts:4'],
  'fail-open-tenant-check': ['fail-open-tenant-check P0 src/filter.ts:4'],
  'untagged-telemetry': ['untagged-telemetry P0 src/otel.ts:4'],
  'platform-fallback': ['platform-fallback P1 src/context.ts:5'],
  'shared-cache-keyspace': [
    'shared-cache-keyspace P1 src/cache.ts:6',
    'shared-cache-keyspace P1 src/cache.ts:10',
  ],
  'unscoped-log-access': ['unscoped-log-access P1 src/logs.ts:4'],
  'optional-tenant-param': ['optional-tenant-param P1 src/graph.ts:3'],
  'shared-encryption-key': ['shared-encryption-key P2 src/crypto.ts:7'],
  'unscoped-backup': ['unscoped-backup P2 backup.ts:4'],
  'missing-network-policy': [
    'missing-network-policy P2 k8s/namespaces.yaml:7',
    'missing-network-policy P2 k8s/namespaces.yaml:14',
  ],
  'missing-rls-policy': [
    'missing-rls-policy P1 migrations/002_comments.sql:10',
    'missing-rls-policy P2 migrations/001_init.sql:8',
    'missing-rls-policy P2 migrations/002_comments.sql:2',
    'missing-rls-policy P2 migrations/002_comments.sql:7',
    'missing-rls-policy P2 migrations/002_comments.sql:8',
    'missing-rls-policy P2 prisma/migrations/20240102000000_rls/migration.sql:4',
    'missing-rls-policy P2 supabase/migrations/20240101000000_projects.sql:3',
  ],
};

describe('findings per kind', () => {
  for (const [kind, expected] of Object.entries(FLAGGED)) {
    it(`${kind}: flagged`, async () => {
      expect(await briefs(`${kind}/flagged`)).toEqual(expected);
    });
    it(`${kind}: clean`, async () => {
      const result = await scanFixture(`${kind}/clean`);
      expect(result.findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual([]);
      expect(result.errors).toEqual([]);
    });
  }

  it('fills the result model: rule id, symbol, 1-based span, fingerprint, sink-only trace', async () => {
    const [first] = (await scanFixture('unscoped-query/flagged')).findings;
    expect(first).toMatchObject({
      kind: 'unscoped-query', severity: 'P0', ruleId: 'tenant-isolation/no-context-free-data-access',
      file: 'src/documents.ts', line: 4, column: 21, endLine: 4, symbol: 'loadDocument',
      trace: [{ file: 'src/documents.ts', line: 4, note: 'prisma.document.findUnique' }],
    });
    expect(first?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(first?.message).toMatch(/prisma\.document\.findUnique/);
  });

  it('untagged telemetry: one finding for the whole program, at the first untagged span when there is no provider', async () => {
    expect(await briefs('untagged-telemetry/spans-only')).toEqual(['untagged-telemetry P0 src/a.ts:4']);
  });

  it('a tenant span processor registered anywhere clears spans started in other files', async () => {
    expect(await briefs('untagged-telemetry/clean')).toEqual([]);
  });

  it('config severity overrides apply', async () => {
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/ta-sev-`);
    cpSync(`${(await import('./helpers.js')).fixture('unscoped-vector-search/flagged')}`, dir, { recursive: true });
    writeFileSync(`${dir}/tenant-audit.config.json`, JSON.stringify({ severity: { 'unscoped-vector-search': 'P2' } }));
    const { scan } = await import('../../src/index.js');
    const result = await scan({ paths: [dir] });
    expect(result.findings.map((f) => `${f.kind} ${f.severity}`)).toEqual(['unscoped-vector-search P2']);
  });
});

describe('optional-tenant-param across files', () => {
  it('an optional tenant handed only to helpers that refuse to work without it (or only switch work on) is not reported; one handed to a helper that reads every tenant without it is', async () => {
    expect(await briefs('optional-tenant-param/handed-on')).toEqual([
      'optional-tenant-param P1 src/files.ts:16',
      'optional-tenant-param P1 src/responses.ts:10',
    ]);
  });
});
