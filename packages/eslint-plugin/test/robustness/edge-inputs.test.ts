/**
 * Edge inputs for every rule: none may throw. A file that does not parse is ESLint's own fatal
 * "Parsing error" message (ruleId null), not a crash in a rule. Text inputs go through `Linter`
 * (ESLint 9 and 10, each rule alone and all nine together); files with awkward bytes (a 5 MB
 * generated file, non-UTF-8, BOM, CRLF) go through the `ESLint` class, which reads them from disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin, { configs } from '../../src/index.js';
import { lint, RULE_IDS } from './lint.js';

// An id from request input: one file decides it, so every mode of the rule reports it.
const UNSCOPED = 'declare const prisma: any;\nexport async function load(req: any) {\n  return prisma.document.findUnique({ where: { id: req.body.id } });\n}\n';
const JS_UNSCOPED = 'export async function load(req) {\n  return prisma.document.findUnique({ where: { id: req.body.id } });\n}\n';
const DATA_RULE = 'tenant-isolation/no-context-free-data-access';

const INPUTS: [name: string, filename: string, text: string][] = [
  ['empty file', 'src/empty.ts', ''],
  ['only comments', 'src/comments.ts', '// nothing\n/* but\n   comments */\n'],
  ['only a BOM', 'src/bom-only.ts', '\uFEFF'],
  ['.js', 'src/a.js', JS_UNSCOPED],
  ['.mjs', 'src/a.mjs', JS_UNSCOPED],
  ['.cjs', 'src/a.cjs', 'exports.load = async (req) =>\n  prisma.document.findUnique({ where: { id: req.body.id } });\n'],
  ['.jsx', 'src/a.jsx', 'export const V = async (req) => <div>{(await prisma.document.findUnique({ where: { id: req.body.id } })).title}</div>;\n'],
  ['.tsx', 'src/a.tsx', 'declare const prisma: any;\nexport async function V(req: any) {\n  const d = await prisma.document.findUnique({ where: { id: req.body.id } });\n  return <div>{d.title}</div>;\n}\n'],
  ['.d.ts', 'src/types.d.ts', 'export declare function load(id: string, tenantId?: string): Promise<unknown>;\ndeclare const sessions: Map<string, unknown>;\n'],
  ['.mts / .cts', 'src/a.mts', UNSCOPED],
  ['syntax error', 'src/broken.ts', 'export function (\n  prisma.document.findMany(\n'],
  ['unterminated template and string', 'src/broken2.ts', 'const k = `session:${id'],
  ['10k nested parentheses', 'src/deep.ts', `export const n = ${'('.repeat(10_000)}1${')'.repeat(10_000)};\n`],
  ['10k nested arrays', 'src/deep2.ts', `export const n = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`],
  ['long + chain', 'src/chain.ts', `export function f(sessionId: string) {\n  return redis.get(${"'k:' + ".repeat(400)}sessionId);\n}\n`],
  ['long builder chain', 'src/builder.ts', `export const q = () => prisma.document.findMany()${'.then((r: unknown) => r)'.repeat(300)};\n`],
  ['CRLF line ends', 'src/crlf.ts', `// x\r\n\r\n${UNSCOPED.replace(/\n/g, '\r\n')}`],
  ['BOM', 'src/bom.ts', `\uFEFF${UNSCOPED}`],
  ['replacement characters (decoded non-UTF-8)', 'src/latin.ts', `// caf\uFFFD\n${UNSCOPED}`],
  ['NUL and control characters in strings', 'src/ctrl.ts', `const k = "\\u0000\u0001\u0002";\n${UNSCOPED}`],
];

/** Each rule alone, through ESLint 9's Linter. */
function lintOneRule(rule: string, text: string, filename: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(text, [{ files: ['**/*'], plugins: { 'tenant-isolation': plugin as never }, languageOptions: { parser: tsParser }, rules: { [rule]: 'error' } }], { filename });
}

describe('no rule throws on edge inputs', () => {
  it.each(INPUTS)('%s (%s): all nine rules, ESLint 9 and 10, and each rule alone', (_name, filename, text) => {
    for (const version of [9, 10] as const) {
      const messages = lint(text, filename, version);
      for (const m of messages) expect(m.fatal ? m.message : m.ruleId).toMatch(m.fatal ? /^Parsing error: / : /^tenant-isolation\//);
    }
    for (const rule of RULE_IDS) expect(() => lintOneRule(rule, text, filename)).not.toThrow();
  });

  it('a syntax error or too deep a nesting is one fatal parsing error from ESLint, not a rule crash', () => {
    for (const [, filename, text] of INPUTS.filter(([name]) => /syntax|unterminated|10k/.test(name))) {
      const messages = lint(text, filename);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ ruleId: null, fatal: true, message: expect.stringMatching(/^Parsing error: /) });
    }
  });

  it('reports on .js/.mjs/.cjs/.jsx/.tsx/.mts, nothing on empty and comment-only files', () => {
    const at = (filename: string): string[] => lint(INPUTS.find(([, f]) => f === filename)?.[2] ?? '', filename).map((m) => `${m.ruleId}:${m.line}`);
    expect(at('src/a.js')).toEqual([`${DATA_RULE}:2`]);
    expect(at('src/a.mjs')).toEqual([`${DATA_RULE}:2`]);
    expect(at('src/a.cjs')).toEqual([`${DATA_RULE}:2`]);
    expect(at('src/a.jsx')).toEqual([`${DATA_RULE}:1`]);
    expect(at('src/a.tsx')).toEqual([`${DATA_RULE}:3`]);
    expect(at('src/a.mts')).toEqual([`${DATA_RULE}:3`]);
    expect(at('src/empty.ts')).toEqual([]);
    expect(at('src/comments.ts')).toEqual([]);
    // A declared `tenantId?` in a .d.ts is reported by no-optional-tenant-id today (the scanner never
    // reports on declaration files); whether it should is a rule decision, not robustness: only no crash here.
    expect(at('src/types.d.ts').every((m) => m.startsWith('tenant-isolation/'))).toBe(true);
  });

  it('lines stay right under CRLF, a BOM and replacement characters', () => {
    const lines = (filename: string): number[] => lint(INPUTS.find(([, f]) => f === filename)?.[2] ?? '', filename).map((m) => m.line);
    expect(lines('src/crlf.ts')).toEqual([5]);
    expect(lines('src/bom.ts')).toEqual([3]);
    expect(lines('src/latin.ts')).toEqual([4]);
  });
});

describe('files read from disk by the ESLint class', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tenant-isolation-edge-'));
    // About 5 MB of generated code: long data lines (as bundlers and codegen write them), then a real gap.
    const rows = Array.from({ length: 5000 }, (_, i) => `export const blob${i} = '${'x'.repeat(1000)}';`);
    writeFileSync(join(dir, 'big.ts'), `${rows.join('\n')}\n${UNSCOPED}`);
    writeFileSync(join(dir, 'latin1.ts'), Buffer.concat([Buffer.from('// caf\xe9\n', 'latin1'), Buffer.from(UNSCOPED)]));
    writeFileSync(join(dir, 'bom.ts'), `\uFEFF${UNSCOPED}`);
    writeFileSync(join(dir, 'crlf.ts'), `// x\r\n\r\n${UNSCOPED.replace(/\n/g, '\r\n')}`);
    writeFileSync(join(dir, 'empty.ts'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a 5 MB generated file, non-UTF-8 bytes, a BOM, CRLF: linted, no crash, lines right', async () => {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [configs['flat/strict'] as never] });
    const results = await eslint.lintFiles(['*.ts']);
    const byFile = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => `${m.ruleId}:${m.line}`)]));
    expect(byFile).toEqual({
      'big.ts': [`${DATA_RULE}:5003`],
      'bom.ts': [`${DATA_RULE}:3`],
      'crlf.ts': [`${DATA_RULE}:5`],
      'empty.ts': [],
      'latin1.ts': [`${DATA_RULE}:4`],
    });
  });
});
