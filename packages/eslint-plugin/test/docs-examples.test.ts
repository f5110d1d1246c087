/**
 * The rule pages are the first thing a user reads: their Failing / Passing examples are linted here
 * with the page's rule, in process, so an example that stops matching the rule fails the build.
 * The markdown convention (labels, `example-options`, `example-skip`, ```prisma schemas) is described
 * in `test/docs/examples.ts` and in the plugin README.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser, { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter, type Rule } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../src/rules/index.js';
import { extractExamples, type Example } from './docs/examples.js';

const DOCS = fileURLToPath(new URL('../docs/rules/', import.meta.url));

/**
 * Blocks marked `<!-- example-skip: … -->` across all rule pages. Raise it only with a reason in the
 * mark; every skipped block is an example no test keeps honest.
 */
const EXPECTED_SKIPS = 0;

const root = mkdtempSync(join(tmpdir(), 'tenant-isolation-docs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let projects = 0;
const projectBySchema = new Map<string, string>();

/**
 * Each distinct schema gets its own project folder (core reads the data model per folder, once), so
 * a page without a schema sees none, not the test fixtures'.
 */
function projectFor(schema: string | undefined): string {
  const key = schema ?? '';
  let dir = projectBySchema.get(key);
  if (!dir) {
    dir = join(root, `project-${projects++}`);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "docs-example", "private": true, "type": "module" }\n');
    if (schema !== undefined) writeFileSync(join(dir, 'schema.prisma'), schema);
    projectBySchema.set(key, dir);
  }
  return dir;
}

type Statement = TSESTree.ProgramStatement | TSESTree.NamedExportDeclarations;

/**
 * The cases of a failing block: its top-level functions, classes and statements. Imports, types and
 * plain variables (`const redis = new Redis()`, the setup the cases use) are not cases, but may report.
 */
function failingCases(example: Example): { start: number; end: number; text: string }[] {
  const isCase = (statement: Statement): boolean => {
    if (statement.type === 'ExportNamedDeclaration') return statement.declaration ? isCase(statement.declaration) : false;
    if (statement.type === 'ImportDeclaration' || statement.type.startsWith('TS')) return false;
    if (statement.type === 'VariableDeclaration') {
      return statement.declarations.some((d) => d.init?.type === 'ArrowFunctionExpression' || d.init?.type === 'FunctionExpression');
    }
    return true;
  };
  const lines = example.code.split('\n');
  return parse(example.code, { loc: true, range: true, sourceType: 'module', jsx: example.lang.endsWith('x') }).body
    .filter(isCase)
    .map((s) => ({ start: s.loc.start.line, end: s.loc.end.line, text: lines[s.loc.start.line - 1]!.trim() }));
}

function lint(name: string, example: Example): Linter.LintMessage[] {
  const rule = rules[name as keyof typeof rules] as unknown as Rule.RuleModule;
  const ext = example.lang.startsWith('j') ? 'js' : example.lang === 'tsx' ? 'tsx' : 'ts';
  return new Linter({ cwd: root }).verify(example.code, [{
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { parser: tsParser },
    plugins: { 'tenant-isolation': { rules: { [name]: rule } } },
    rules: { [`tenant-isolation/${name}`]: ['error', ...(example.options ? [example.options] : [])] } as Linter.RulesRecord,
  }], join(projectFor(example.schema), 'src', `example.${ext}`));
}

const pages = Object.keys(rules).sort().map((name) => ({
  name,
  examples: extractExamples(readFileSync(join(DOCS, `${name}.md`), 'utf8')),
}));

describe.each(pages.map((p) => [`docs/rules/${p.name}.md`, p] as const))('%s', (_page, { name, examples }) => {
  it('has at least one failing and one passing example', () => {
    expect(examples.some((e) => e.expect === 'failing' && !e.skip)).toBe(true);
    expect(examples.some((e) => e.expect === 'passing' && !e.skip)).toBe(true);
  });

  it('labels every code block Failing or Passing, or marks it example-skip', () => {
    const unlabelled = examples.filter((e) => e.expect === undefined && e.skip === undefined).map((e) => `line ${e.line}`);
    expect(unlabelled).toEqual([]);
  });

  const linted = examples.filter((e) => e.skip === undefined && e.expect !== undefined);
  it.each(linted.map((e) => [`${e.expect} example at line ${e.line}`, e] as const))('%s', (_title, example) => {
    const messages = lint(name, example);
    const fatal = messages.filter((m) => m.fatal);
    expect(fatal.map((m) => `${m.line}: ${m.message}`), 'the example must parse').toEqual([]);
    const foreign = messages.filter((m) => !m.fatal && m.ruleId !== `tenant-isolation/${name}`);
    expect(foreign.map((m) => `${m.line}: ${m.message}`), 'only the page\'s rule may speak').toEqual([]);
    const reports = messages.map((m) => `${m.line}: ${m.message}`);
    if (example.expect === 'passing') {
      expect(reports, 'the passing example draws reports').toEqual([]);
      return;
    }
    expect(reports.length, `no report for the failing example:\n${example.code}`).toBeGreaterThan(0);
    const silent = failingCases(example).filter((c) => !messages.some((m) => m.line >= c.start && m.line <= c.end));
    expect(silent.map((c) => `line ${c.start}: ${c.text}`), 'cases of the failing example that draw no report').toEqual([]);
  });
});

describe('example-skip marks', () => {
  it(`number exactly ${EXPECTED_SKIPS} across all rule pages (so they cannot silently grow)`, () => {
    const skipped = pages.flatMap((p) => p.examples.filter((e) => e.skip !== undefined).map((e) => `${p.name}.md:${e.line} (${e.skip})`));
    expect(skipped, skipped.join('\n')).toHaveLength(EXPECTED_SKIPS);
  });
});
