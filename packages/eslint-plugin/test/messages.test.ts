/**
 * Messages people can act on: one line of at most 160 characters, `[kind] what is wrong; the short
 * fix.`, in the project's own terms (its tenant column; the runtime's APIs only where it uses the
 * runtime). The long advice is the rule's docs page.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { configs } from '../src/index.js';
import { MESSAGE_MAX } from './rule-tester.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const RUNTIME_APIS = /getCurrentTenant|requireTenantId|runWithTenant|runAsPlatform|withTenantTransaction|createScopedRetriever|createTenantRedis|createTenantSessionStore|TenantSpanProcessor|deriveTenantKey|encryptForTenant|createTenantLogReader|exportTenantBackup/;

/** Every rule on, spans reported even without type information, by-id reads by a parameter's id too (the most messages). */
const STRICT = [
  configs['flat/strict'],
  { rules: {
    'tenant-isolation/require-span-tenant-attribute': ['error', { checkSpans: 'always' }],
    'tenant-isolation/no-context-free-data-access': ['error', { reportParameterIds: true }],
  },
  // One-file messages: a scan of a fixture (its cache) must not switch the rules to the scanner's verdicts.
  settings: { tenantIsolationCache: false } },
];

describe('every rule over the repository\'s fixtures', () => {
  it(`reports one line of at most ${MESSAGE_MAX} characters each, starting with the kind`, async () => {
    const eslint = new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: STRICT, ignore: false });
    const results = await eslint.lintFiles([
      'fixtures/**/*.{ts,tsx,js}',
      'packages/scanner/test/fixtures/**/*.{ts,tsx,js,mjs}',
      'packages/eslint-plugin/test/fixtures/**/*.ts',
    ]);
    const messages = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('tenant-isolation/')).map((m) => ({ file: r.filePath, ...m })));
    // Enough reports of every rule for the bound to mean something.
    expect(messages.length).toBeGreaterThan(100);
    expect(new Set(messages.map((m) => m.ruleId)).size).toBe(9);
    const tooLong = messages.filter((m) => m.message.length > MESSAGE_MAX).map((m) => `${m.file}:${m.line} ${m.message}`);
    expect(tooLong).toEqual([]);
    for (const m of messages) expect(m.message, m.message).toMatch(/^\[[a-z-]+\] [^\n]+; [^\n]+\.$/);
  }, 120_000);
});

describe('advice in the project\'s terms', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const SCHEMA = 'model Document {\n  id String @id\n  organizationId String\n}\n';
  const CODE = [
    "import Redis from 'ioredis';",
    'const redis = new Redis();',
    'export async function getDocument(id: string) {',
    '  return prisma.document.findUnique({ where: { id } });',
    '}',
    'export const cached = (id: string) => redis.get(`doc:${id}`);',
    'export function current() { return store.getStore() ?? PLATFORM_CONTEXT; }',
    '',
  ].join('\n');

  async function lint(pkg: object, code = CODE): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'tenant-isolation-messages-'));
    dirs.push(dir);
    const files: Record<string, string> = { 'package.json': JSON.stringify(pkg), 'prisma/schema.prisma': SCHEMA, 'src/a.ts': code };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: STRICT });
    return (await eslint.lintFiles(['src/a.ts'])).flatMap((r) => r.messages.map((m) => m.message));
  }

  it('without @tenant-audit/runtime: the plain way, naming the schema\'s tenant column', async () => {
    const messages = await lint({ name: 'plain-app', private: true, type: 'module' });
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).not.toMatch(RUNTIME_APIS);
    expect(messages[0]).toBe('[unscoped-query] prisma.document.findUnique filters by id only, an id the function receives; add organizationId (from the verified session) to the filter.');
    expect(messages[1]).toMatch(/^\[shared-cache-keyspace\] .*put the tenant in the key \(ctx:\$\{organizationId\}:…\)\.$/);
    expect(messages[2]).toMatch(/^\[platform-fallback\] .*fail closed: throw when no tenant is known\.$/);
  });

  it('with @tenant-audit/runtime in package.json, or imported by the file: its APIs', async () => {
    for (const [pkg, code] of [
      [{ name: 'runtime-app', private: true, type: 'module', dependencies: { '@tenant-audit/runtime': '^0.1.0' } }, CODE],
      [{ name: 'importing-app', private: true, type: 'module' }, `import { requireTenantId } from '@tenant-audit/runtime';\nvoid requireTenantId;\n${CODE}`],
    ] as const) {
      const messages = await lint(pkg, code);
      expect(messages).toHaveLength(3);
      expect(messages[0]).toMatch(/add organizationId: getCurrentTenant\(\)\.tenantId to the filter\.$/);
      expect(messages[1]).toMatch(/createTenantRedis/);
      expect(messages[2]).toMatch(/runAsPlatform/);
      for (const m of messages) expect(m.length).toBeLessThanOrEqual(MESSAGE_MAX);
    }
  });
});
