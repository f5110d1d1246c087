import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as runtime from '../../runtime/src/index.js';
import {
  analyseSourceFile, buildDataModel, CATALOGUE_FIX_OPTIONS, createEnv, fitSummary, fixAdvice, fixHint, fixOptionsFor, GAP_CATALOGUE,
  GAP_DOCS_BASE, GAP_KINDS, gapDocsUrl, MESSAGE_MAX, resolveConfig, summaryOf, type AnalysisEnv, type FixHint, type TenantAuditConfig,
} from '../src/index.js';
import { parse } from './helpers.js';

/** Every public value name of @tenant-audit/runtime: advice in the plain way must name none of them. */
const RUNTIME_NAMES = Object.keys(runtime);
const namesRuntime = (text: string): string[] => RUNTIME_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(text));

const ORG_SCHEMA = `
model Organization {
  id String @id
}
model Document {
  id             String @id
  organizationId String
  organization   Organization @relation(fields: [organizationId], references: [id])
}
model Invoice {
  id             String @id
  organizationId String
}
model Ticket {
  id        String @id
  accountId String
}
`;

function env(usesRuntime: boolean, schema = ORG_SCHEMA, config: TenantAuditConfig = {}): AnalysisEnv {
  const resolved = resolveConfig(config);
  return { ...createEnv(ts, resolved, buildDataModel([{ path: 'schema.prisma', text: schema }], resolved)), usesRuntime };
}

const REDIS = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
/** One of most local kinds, so a test sees the messages the analysers write. */
const SAMPLE = `${REDIS}
import { createCipheriv } from 'node:crypto';
export async function getDoc(id: string) { return prisma.document.findUnique({ where: { id } }); }
export async function getTicket(id: string) { return prisma.ticket.findUnique({ where: { id } }); }
export async function byOrg(req: Request) { return prisma.document.findMany({ where: { organizationId: req.body.organizationId } }); }
export const cached = (id: string) => redis.get(\`doc:\${id}\`);
export const wipe = () => redis.flushdb();
const sessions = new Map<string, unknown>();
export const getSession = (sessionId: string) => sessions.get(sessionId);
export const seal = (organizationId: string, iv: Buffer) => createCipheriv('aes-256-gcm', process.env.MASTER_KEY, iv);
export function current() { return store.getStore() ?? PLATFORM_CONTEXT; }
export function listNodes(organizationId?: string) { return prisma.document.findMany({ where: { organizationId } }); }
export async function ask(q: string) { return vectorStore.similaritySearch(q, 5); }
`;

function analysed(usesRuntime: boolean, code = SAMPLE) {
  return analyseSourceFile(parse(code), env(usesRuntime)).findings;
}

describe('fixAdvice', () => {
  it('gives every kind both ways: the runtime way names its APIs, the plain way names none', () => {
    for (const kind of GAP_KINDS) {
      const withRuntime = fixAdvice(kind, { tenantField: 'organizationId', usesRuntime: true });
      const plain = fixAdvice(kind, { tenantField: 'organizationId', usesRuntime: false });
      expect(namesRuntime(withRuntime), kind).not.toEqual([]);
      expect(namesRuntime(plain), kind).toEqual([]);
      expect(plain, kind).not.toMatch(/@tenant-audit\/runtime/);
      expect(plain.length, kind).toBeGreaterThan(80);
    }
  });

  it('names the tenant column it is given, not tenantId, where the fix is about the column', () => {
    for (const kind of ['unscoped-query', 'unscoped-vector-search', 'fail-open-tenant-check', 'optional-tenant-param', 'unscoped-backup', 'unscoped-session-key', 'shared-cache-keyspace', 'unscoped-log-access'] as const) {
      const plain = fixAdvice(kind, { tenantField: 'organizationId', usesRuntime: false });
      expect(plain, kind).toContain('organizationId');
      expect(plain, kind).not.toMatch(/\btenantId\b/);
    }
    expect(fixAdvice('unscoped-query', { tenantField: 'organizationId', usesRuntime: false })).toContain('findFirst({ where: { id, organizationId } })');
    // The runtime's context object always says tenantId: the column takes it.
    expect(fixAdvice('unscoped-query', { tenantField: 'organizationId', usesRuntime: true })).toContain('{ id, organizationId: getCurrentTenant().tenantId }');
  });

  it('short hints follow the same two ways and stay short', () => {
    const hints: FixHint[] = ['filterByTenant', 'tenantFromVerified', 'requireTenant', 'scopedRetrieval', 'backupPerTenant', 'backupTenantKey',
      'lookUpWithTenant', 'copyAllowedFields', 'storageKeyFromRow', 'tenantInKey', 'confineKeyspace', 'tenantInCacheKey', 'sessionKeyWithTenant',
      'compareStrictly', 'failClosed', 'requiredParameter', 'perTenantKey', 'tenantLogReader', 'spanProcessor', 'spanAttribute'];
    for (const hint of hints) {
      const plain = fixHint(hint, { tenantField: 'organizationId', usesRuntime: false });
      expect(namesRuntime(plain), hint).toEqual([]);
      expect(plain.length, hint).toBeLessThanOrEqual(80);
    }
    expect(fixHint('filterByTenant', { tenantField: 'organizationId', usesRuntime: false })).toBe('add organizationId (from the verified session) to the filter');
    expect(fixHint('filterByTenant', { tenantField: 'organizationId', usesRuntime: true })).toBe('add organizationId: getCurrentTenant().tenantId to the filter');
  });

  it('the catalogue keeps the generic runtime advice and links each kind to its page', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { repository: { url: string } };
    const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(GAP_DOCS_BASE).toBe(`${repo}/blob/main/docs/gaps/`);
    for (const kind of GAP_KINDS) {
      expect(GAP_CATALOGUE[kind].fix).toBe(fixAdvice(kind, CATALOGUE_FIX_OPTIONS));
      expect(GAP_CATALOGUE[kind].docsUrl).toBe(gapDocsUrl(kind));
    }
  });
});

describe('fixOptionsFor', () => {
  it('takes the model\'s own tenant column, else the one most models use, else the first configured name', () => {
    const e = env(false);
    expect(fixOptionsFor(e, 'Document').tenantField).toBe('organizationId');
    expect(fixOptionsFor(e, 'Ticket').tenantField).toBe('accountId');
    // No model, an unknown model, a global one: the code base's usual column.
    expect(fixOptionsFor(e).tenantField).toBe('organizationId');
    expect(fixOptionsFor(e, 'Nope').tenantField).toBe('organizationId');
    expect(fixOptionsFor(env(false, 'model Plan {\n  id String @id\n}\n')).tenantField).toBe('tenantId');
    expect(fixOptionsFor(env(false, 'model Plan {\n  id String @id\n}\n', { tenantFields: ['workspaceId'] })).tenantField).toBe('workspaceId');
  });

  it('says the runtime only when the env does', () => {
    expect(fixOptionsFor(env(true)).usesRuntime).toBe(true);
    expect(fixOptionsFor(env(false)).usesRuntime).toBe(false);
    expect(fixOptionsFor({ ...env(false), usesRuntime: undefined }).usesRuntime).toBe(false);
  });

  it('never quotes a tenant name that is not a plain identifier (reports print it in CI logs and Markdown)', () => {
    const odd = env(false, 'model Plan {\n  id String @id\n}\n', { tenantFields: ['tenant\n::error::id', 'orgId'] });
    expect(fixOptionsFor(odd).tenantField).toBe('tenantId');
    expect(fixOptionsFor(env(false, 'model Plan {\n  id String @id\n}\n', { tenantFields: ['org_id'] })).tenantField).toBe('org_id');
  });
});

describe('messages of local findings', () => {
  it('without the runtime: the plain way, with the model\'s own column; none names a runtime API', () => {
    const found = analysed(false);
    expect(new Set(found.map((f) => f.kind))).toEqual(new Set(['unscoped-query', 'shared-cache-keyspace', 'unscoped-session-key', 'shared-encryption-key',
      'platform-fallback', 'optional-tenant-param', 'unscoped-vector-search']));
    for (const f of found) expect(namesRuntime(f.message), f.message).toEqual([]);
    const byId = found.find((f) => f.messageId === 'unscopedQuery' && /document/.test(f.message));
    expect(byId?.message).toMatch(/add organizationId \(from the verified session\) to the filter \(e\.g\. \{ id, organizationId \}\)/);
    expect(found.find((f) => /ticket/.test(f.message))?.message).toMatch(/add accountId \(from the verified session\)/);
    expect(found.find((f) => f.messageId === 'untrustedTenant')?.message).toMatch(/take organizationId from the verified session/);
  });

  it('with the runtime: the same findings point at its APIs', () => {
    const found = analysed(true);
    const text = (id: string) => found.filter((f) => f.messageId === id).map((f) => f.message).join('\n');
    expect(text('unscopedQuery')).toMatch(/add organizationId: getCurrentTenant\(\)\.tenantId to the filter/);
    expect(text('untrustedTenant')).toMatch(/getCurrentTenant\(\)\.tenantId/);
    expect(text('unscopedKey')).toMatch(/createTenantRedis/);
    expect(text('keyspaceCommand')).toMatch(/createTenantRedis/);
    expect(text('unscopedSessionKey')).toMatch(/createTenantSessionStore/);
    expect(text('sharedEncryptionKey')).toMatch(/deriveTenantKey/);
    expect(text('platformFallback')).toMatch(/runAsPlatform/);
    expect(text('optionalTenantParam')).toMatch(/organizationId \?\? requireTenantId\(\)/);
    expect(text('unscopedVectorSearch')).toMatch(/createScopedRetriever/);
  });

  it('every finding has a one-line summary: [kind] summary. fits in 160 characters and ends with the fix', () => {
    for (const usesRuntime of [false, true]) {
      for (const f of analysed(usesRuntime)) {
        const line = `[${f.kind}] ${summaryOf(f)}.`;
        expect(line.length, line).toBeLessThanOrEqual(MESSAGE_MAX);
        expect(f.summary, f.message).toBeDefined();
        expect(summaryOf(f)).toMatch(/; [a-z]/);
      }
    }
  });
});

describe('fitSummary', () => {
  it('keeps short text as it is', () => {
    expect(fitSummary('unscoped-query', 'a is wrong', 'do b')).toBe('a is wrong; do b');
  });

  it('shortens a long diagnosis at a word boundary and keeps the fix whole', () => {
    const long = `prisma.document.findUnique filters by id only, taken from request input (${'req.body.deeply.nested.value.'.repeat(5)}id)`;
    const text = fitSummary('unscoped-query', long, 'add organizationId (from the verified session) to the filter');
    expect(`[unscoped-query] ${text}.`.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(text).toMatch(/…; add organizationId \(from the verified session\) to the filter$/);
    expect(text.startsWith('prisma.document.findUnique filters by id only')).toBe(true);
  });

  it('shortens the whole text when the fix itself would not leave room for the diagnosis', () => {
    const text = fitSummary('unscoped-vector-search', 'x '.repeat(60), 'y '.repeat(60));
    expect(`[unscoped-vector-search] ${text}.`.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(text.endsWith('…')).toBe(true);
  });

  it('a finding without its own summary is fitted from its message, keeping a short fix', () => {
    const f = { kind: 'unscoped-query' as const, messageId: 'x', message: `${'a'.repeat(200)}; check it`, node: parse('x').statements[0] as ts.Node, fn: undefined };
    expect(summaryOf(f)).toMatch(/…; check it$/);
    expect(`[${f.kind}] ${summaryOf(f)}.`.length).toBeLessThanOrEqual(MESSAGE_MAX);
  });
});
