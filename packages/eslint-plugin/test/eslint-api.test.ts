import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint as ESLint9 } from 'eslint';
import { defineConfig } from 'eslint/config';
import { LegacyESLint } from 'eslint/use-at-your-own-risk';
import { ESLint as ESLint10 } from 'eslint10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin, { configs, meta, rules } from '../src/index.js';

/** The repository root: `eslint-plugin-tenant-isolation` resolves from here through the workspace symlink. */
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const FILES: Record<string, string> = {
  'package.json': '{ "name": "api-fixture", "private": true, "type": "module" }',
  'prisma/schema.prisma': 'model Document {\n  id String @id\n  tenantId String\n}\nmodel Plan {\n  id String @id\n  name String\n}\n',
  'src/documents.ts': [
    'export async function getDocument(req: Request) {',
    '  return prisma.document.findUnique({ where: { id: req.body.id } });',
    '}',
    'export async function listPlans() {',
    '  return prisma.plan.findMany();',
    '}',
    '',
  ].join('\n'),
  'src/safe.ts': 'export async function getDocument(id: string) {\n  return prisma.document.findFirst({ where: { id, tenantId: getCurrentTenant().tenantId } });\n}\n',
  'src/crypto.ts': [
    "import { createCipheriv } from 'node:crypto';",
    "export const seal = (tenantId: string, iv: Buffer) => createCipheriv('aes-256-gcm', process.env.MASTER_KEY, iv);",
    '',
  ].join('\n'),
  'src/legacy.js': "const sessions = new Map();\nexport function get(sessionId) {\n  return sessions.get(sessionId);\n}\n",
};

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenant-isolation-api-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Found { file: string; ruleId: string | null; line: number; severity: number }

function summarise(results: { filePath: string; messages: { ruleId: string | null; line: number; severity: number }[] }[]): Found[] {
  return results
    .flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(dir.length + 1), ruleId: m.ruleId, line: m.line, severity: m.severity })))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const EXPECTED: Found[] = [
  { file: 'src/crypto.ts', ruleId: 'tenant-isolation/no-shared-encryption-key', line: 2, severity: 1 },
  { file: 'src/documents.ts', ruleId: 'tenant-isolation/no-context-free-data-access', line: 2, severity: 2 },
  { file: 'src/legacy.js', ruleId: 'tenant-isolation/no-unscoped-session-key', line: 3, severity: 2 },
];

describe('plugin shape', () => {
  it('exports rules, configs and meta both as default and as named exports', () => {
    expect(plugin.rules).toBe(rules);
    expect(plugin.configs).toBe(configs);
    expect(meta).toMatchObject({ name: 'eslint-plugin-tenant-isolation', version: expect.any(String) });
    expect(Object.keys(rules)).toHaveLength(9);
    expect(configs.recommended).toMatchObject({ plugins: ['tenant-isolation'], parser: '@typescript-eslint/parser' });
    expect(configs['flat/recommended'].plugins['tenant-isolation']).toBe(plugin);
    expect(configs.recommended.rules['tenant-isolation/no-shared-encryption-key']).toBe('warn');
    expect(Object.values(configs.strict.rules).every((level) => level === 'error')).toBe(true);
  });
});

describe.each([
  ['ESLint 9', ESLint9],
  ['ESLint 10', ESLint10],
] as const)('flat config through %s', (_name, ESLint) => {
  it('reports the planted gaps with the recommended severities, .js included', async () => {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [configs['flat/recommended']] });
    const found = summarise(await eslint.lintFiles(['src']));
    expect(found).toEqual(EXPECTED);
  });

  it('carries the kind in the message and takes settings.tenantIsolation', async () => {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [configs['flat/strict'], { settings: { tenantIsolation: { globalModels: ['Document'] } } }],
    });
    const results = await eslint.lintFiles(['src/documents.ts', 'src/crypto.ts']);
    const messages = results.flatMap((r) => r.messages);
    expect(messages.map((m) => m.ruleId)).toEqual(['tenant-isolation/no-shared-encryption-key']);
    expect(messages[0]?.severity).toBe(2);
    expect(messages[0]?.message).toMatch(/^\[shared-encryption-key\] createCipheriv uses one process-wide key/);
    // The fixture project does not use @tenant-audit/runtime: the plain fix, not the runtime's API.
    expect(messages[0]?.message).toMatch(/; derive a key per tenant \(HKDF with the tenant id\)\.$/);
    expect(messages[0]?.message).not.toMatch(/deriveTenantKey/);
    expect(messages[0]?.message.length).toBeLessThanOrEqual(160);
  });

  it('parses with espree when the config gives no parser (a .js file)', async () => {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.js'], plugins: { 'tenant-isolation': plugin }, rules: { 'tenant-isolation/no-unscoped-session-key': 'error' } }],
    });
    expect(summarise(await eslint.lintFiles(['src/legacy.js']))).toEqual([EXPECTED[2]]);
  });
});

describe('flat config via defineConfig extends (ESLint 9)', () => {
  it("resolves 'tenant-isolation/recommended' to the flat variant", async () => {
    const config = defineConfig({ files: ['**/*.{ts,js}'], plugins: { 'tenant-isolation': plugin }, extends: ['tenant-isolation/recommended'] });
    const eslint = new ESLint9({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
    expect(summarise(await eslint.lintFiles(['src']))).toEqual(EXPECTED);
  });
});

describe('legacy eslintrc through LegacyESLint (ESLint 9)', () => {
  it("loads 'plugin:tenant-isolation/recommended' by name through require(esm)", async () => {
    const eslint = new LegacyESLint({
      cwd: dir,
      useEslintrc: false,
      resolvePluginsRelativeTo: REPO_ROOT,
      overrideConfig: { root: true, plugins: ['tenant-isolation'], extends: ['plugin:tenant-isolation/recommended'], parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    });
    expect(summarise(await eslint.lintFiles(['src/**/*.ts', 'src/**/*.js']))).toEqual(EXPECTED);
  });

  it('loads it from an .eslintrc.cjs with rule options', async () => {
    const rc = join(dir, '.eslintrc-test.cjs');
    writeFileSync(rc, `module.exports = { root: true, plugins: ['tenant-isolation'], extends: ['plugin:tenant-isolation/strict'],
      parserOptions: { ecmaVersion: 2023, sourceType: 'module' },
      rules: { 'tenant-isolation/no-context-free-data-access': ['error', { globalModels: ['Document'] }] } };\n`);
    const eslint = new LegacyESLint({ cwd: dir, useEslintrc: false, overrideConfigFile: rc, resolvePluginsRelativeTo: REPO_ROOT });
    const found = summarise(await eslint.lintFiles(['src/**/*.ts']));
    expect(found).toEqual([{ file: 'src/crypto.ts', ruleId: 'tenant-isolation/no-shared-encryption-key', line: 2, severity: 2 }]);
  });
});
