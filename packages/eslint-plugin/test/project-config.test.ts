import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

/** A throw-away project: schema, one source file, and (optionally) the scanner's config file. */
function project(config: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-isolation-config-'));
  mkdirSync(join(dir, 'prisma'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "p", "private": true }');
  writeFileSync(join(dir, 'prisma/schema.prisma'), 'model Document {\n  id String @id\n  tenantId String\n}\n');
  writeFileSync(join(dir, 'src/docs.ts'), 'export async function getDocument(req: Request) {\n  return prisma.document.findUnique({ where: { id: req.body.id } });\n}\n');
  if (config !== undefined) writeFileSync(join(dir, 'tenant-audit.config.json'), config);
  return dir;
}

async function lint(dir: string): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs['flat/recommended'] as never] });
  return eslint.lintFiles([join(dir, 'src/docs.ts')]);
}

describe("the project's tenant-audit.config.json drives the rules like it drives the scanner", () => {
  it('without a config file the by-id lookup is reported', async () => {
    const [result] = await lint(project(undefined));
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['tenant-isolation/no-context-free-data-access']);
  });
  it('a config that marks the model global silences it', async () => {
    const [result] = await lint(project('{ "globalModels": ["Document"] }'));
    expect(result?.messages).toEqual([]);
  });
  it('a config written by tenant-audit init ("$comment" and "//" keys) is read, comments and all', async () => {
    const [result] = await lint(project(JSON.stringify({ $comment: 'written by init', '//globalModels': 'documents are shared', globalModels: ['Document'] })));
    expect(result?.messages).toEqual([]);
  });
  it('a config with an unknown key fails loudly, naming the file and the key', async () => {
    await expect(lint(project('{ "tenantFeilds": ["x"] }'))).rejects.toThrow(/tenant-audit\.config\.json: unknown key "tenantFeilds"/);
  });
});
