/**
 * Edge inputs through the real CLI subprocess (exit codes and messages as users see them). One
 * project holds every awkward file, so two subprocess runs cover them all; each awkward file is a
 * one-line `errors` entry (a warning line in pretty output) and the rest of the scan is done. Source
 * files among them that could not be analysed are also in `summary.coverage.notAnalysed` and make the
 * run exit 2 (fail closed); links, loops, manifests and files read with a warning do not.
 * The engine-level cases of test/engine/bad-input.test.ts (per-kind messages, YAML, onlyFiles) are
 * not repeated here.
 *
 * Unreadable files: the tests run as root (here and in CI), so chmod 000 does not stop a read.
 * The real mechanisms used instead: a dangling symlink, a FIFO (reading it would block forever),
 * and a folder named `x.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, tempProject, type Run } from '../cli/helpers/cli.js';

const SCHEMA = 'model Document {\n  id String @id\n  tenantId String\n}\n';
const UNSCOPED = 'declare const prisma: any;\nexport async function load(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\n';
const JS_UNSCOPED = 'export async function load(id) {\n  return prisma.document.findUnique({ where: { id } });\n}\n';

/** About 5 MB of generated code (data tables and functions), over the 4 MiB read limit. */
function fiveMegabytes(): string {
  const rows: string[] = ['declare const prisma: any;'];
  for (let i = 0; rows.length < 70_000; i++) {
    rows.push(`export const row${i} = { id: 'r${i}', label: '${'x'.repeat(40)}', n: ${i} };`);
  }
  return `${rows.join('\n')}\n`;
}

interface Report {
  summary: { coverage: { filesNotAnalysed: number; notAnalysed: { file: string; message: string }[] } };
  findings: { kind: string; file: string; line: number; column: number; fingerprint: string }[];
  errors: { file: string; message: string }[];
}

let dir: string;
let json: Run;
let report: Report;

beforeAll(() => {
  ensureBuilt();
  dir = tempProject({
    'prisma/schema.prisma': SCHEMA,
    // A root tsconfig that cannot be used, and a package whose two tsconfigs both include one file.
    'tsconfig.json': '{ "extends": "./missing-base.json", "include": ["src"] }',
    'pkg/tsconfig.json': '{ "include": ["src"] }',
    'pkg/tsconfig.build.json': '{ "extends": "./tsconfig.json", "include": ["src/**/*.ts"] }',
    'pkg/src/same.ts': UNSCOPED,
    'src/ok.ts': UNSCOPED,
    'src/empty.ts': '',
    'src/comments.ts': '// nothing but comments\n/* here\n   either */\n',
    'src/a.js': JS_UNSCOPED,
    'src/b.mjs': JS_UNSCOPED,
    'src/c.cjs': 'exports.load = async (id) =>\n  prisma.document.findUnique({ where: { id } });\n',
    'src/v.tsx': 'declare const prisma: any;\nexport async function View({ id }: { id: string }) {\n  const d = await prisma.document.findUnique({ where: { id } });\n  return <div>{d.title}</div>;\n}\n',
    'src/types.d.ts': 'export declare function load(id: string): Promise<unknown>;\n',
    'src/broken.ts': 'export function (\n',
    'src/bom.ts': `\uFEFF${UNSCOPED}`,
    'src/crlf.ts': `// CRLF line ends\r\n\r\n${UNSCOPED.replace(/\n/g, '\r\n')}`,
    'src/dir.ts/inner.ts': UNSCOPED,
    'gen/big.ts': fiveMegabytes(),
    'gen/deep.ts': `export const n = ${'('.repeat(10_000)}1${')'.repeat(10_000)};\n`,
    'gen/chain.ts': `export const q = () => prisma.document.findMany()${'.then((r: unknown) => r)'.repeat(3000)};\ndeclare const prisma: any;\n`,
  });
  writeFileSync(join(dir, 'src/latin1.ts'), Buffer.from('// caf\xe9 = 1\nexport const x = 1;\n', 'latin1'));
  symlinkSync(join(dir, 'src'), join(dir, 'src/loop'));
  symlinkSync(join(dir, 'nowhere.ts'), join(dir, 'src/dangling.ts'));
  execFileSync('mkfifo', [join(dir, 'src/pipe.ts')]);
  json = runCli([dir, '--format', 'json']);
  report = JSON.parse(json.stdout) as Report;
});

describe('CLI on a tree of edge inputs', () => {
  it('exit 2 (source files were not analysed) with one line on stderr for json; exit 1 (findings remain) with --allow-incomplete', () => {
    expect(json.stderr).toMatch(/^tenant-audit: incomplete scan: 4 source files were not analysed \(gen\/big\.ts, gen\/deep\.ts, src\/broken\.ts and 1 more; see the report\)[^\n]*\n$/);
    expect(json.code).toBe(2);
    const accepted = runCli([dir, '--format', 'json', '--allow-incomplete']);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(1);
  });

  it('the source files that were not analysed are listed in the coverage; links, loops, warnings and tsconfigs are not', () => {
    expect(report.summary.coverage.filesNotAnalysed).toBe(4);
    expect(report.summary.coverage.notAnalysed.map((e) => e.file)).toEqual(['gen/big.ts', 'gen/deep.ts', 'src/broken.ts', 'src/pipe.ts']);
  });

  it('each file that was skipped is one errors entry naming it and why', () => {
    const errors = report.errors.map((e) => `${e.file}: ${e.message}`);
    expect(errors).toEqual([
      expect.stringMatching(/^gen\/big\.ts: file too large \(\d+ KiB\), skipped$/),
      'gen/deep.ts: cannot parse: Maximum call stack size exceeded',
      'src/broken.ts: syntax error at 1:17: Identifier expected.',
      'src/dangling.ts: broken symlink (ENOENT)',
      'src/latin1.ts: not valid UTF-8 (first bad byte on line 1): read with replacement characters, as TypeScript reads it',
      'src/loop: symlink loop: folder links back to one of its parents, not followed',
      'src/pipe.ts: not a regular file (FIFO, socket or device), skipped',
      expect.stringMatching(/^tsconfig\.json: tsconfig not usable, files added directly: .*missing-base\.json/),
    ]);
    for (const e of errors) expect(e).not.toMatch(/\n|internal error/);
  });

  it('the rest is scanned: every flavour reported once, with the right lines under a BOM and CRLF', () => {
    const found = report.findings.map((f) => `${f.file}:${f.line}:${f.column}`).sort();
    expect(found).toEqual([
      'gen/chain.ts:1:24',
      'pkg/src/same.ts:3:10',
      'src/a.js:2:10',
      'src/b.mjs:2:10',
      'src/bom.ts:3:10',
      'src/c.cjs:2:3',
      'src/crlf.ts:5:10',
      'src/dir.ts/inner.ts:3:10',
      'src/ok.ts:3:10',
      'src/v.tsx:3:19',
    ]);
    // Empty, comment-only and declaration files give nothing and no error.
    expect(report.findings.filter((f) => /empty|comments|types\.d/.test(f.file))).toEqual([]);
  });

  it('pretty output: one warning line per skipped file on stderr, the report on stdout', () => {
    const pretty = runCli([dir, '--no-progress', '--allow-incomplete', '--output', join(dir, 'report.txt')]);
    expect(pretty.code).toBe(1);
    const lines = pretty.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(report.errors.length);
    for (const line of lines) expect(line).toMatch(/^tenant-audit: warning: \S+: .+$/);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(/src\/crlf\.ts:5:10/);
  });

  it('a FIFO given by name is skipped with a message instead of blocking forever', () => {
    const fifo = tempProject({ 'ok.ts': UNSCOPED });
    execFileSync('mkfifo', [join(fifo, 'pipe.ts')]);
    const run = runCli([join(fifo, 'pipe.ts'), join(fifo, 'ok.ts'), '--format', 'json']);
    expect(run.code).toBe(2);
    expect((JSON.parse(run.stdout) as Report).errors).toEqual([{ file: 'pipe.ts', message: 'not a regular file (FIFO, socket or device), skipped' }]);
  });

  it('an empty folder and a comment-only project: exit 0, no errors', () => {
    const empty = tempProject({ 'src/empty.ts': '', 'src/c.ts': '// only a comment\n' });
    mkdirSync(join(empty, 'nothing'));
    const run = runCli([empty, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ findings: [], errors: [] });
  });
});
