import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester, type InvalidTestCase, type RunTests, type ValidTestCase } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type Rule } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A tiny project (package.json + schema.prisma) so core reads a data model near the linted file. */
export const FIXTURE_PROJECT = fileURLToPath(new URL('./fixtures/project', import.meta.url));
export const FIXTURE_FILE = join(FIXTURE_PROJECT, 'src', 'file.ts');

/** ESLint's convention: a short message and the long story behind `meta.docs.url`; editors show one line. */
export const MESSAGE_MAX = 160;

/** Every message one rule reports on `code`, linted as a file of the fixture project, with the case's options and settings. */
export function lintMessages<M extends string, O extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<M, O>,
  test: { code: string; options?: O; settings?: Record<string, unknown>; filename?: string },
): Linter.LintMessage[] {
  return new Linter().verify(test.code, [{
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser: tsParser },
    plugins: { probe: { rules: { [name]: rule as unknown as Rule.RuleModule } } },
    rules: { [`probe/${name}`]: ['error', ...(test.options ?? [])] } as Linter.RulesRecord,
    ...(test.settings ? { settings: test.settings } : {}),
  }], test.filename ?? FIXTURE_FILE);
}

/**
 * Runs a rule's cases without type information, each linted as a file of the fixture project
 * (RuleTester's default filename would sit at the repository root and see every schema in it). Every
 * invalid case is also checked for the message format: `[kind] …`, one line, at most 160 characters.
 */
export function run<M extends string, O extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<M, O>,
  tests: RunTests<M, O>,
): void {
  const place = <T extends ValidTestCase<O> | InvalidTestCase<M, O>>(test: T): T => ({ filename: FIXTURE_FILE, ...test });
  new RuleTester().run(name, rule, {
    valid: tests.valid.map((t) => place(typeof t === 'string' ? { code: t } : t)),
    invalid: tests.invalid.map(place),
  });
  describe(`${name}: messages`, () => {
    it(`every report of the invalid cases is one line of at most ${MESSAGE_MAX} characters, starting with its [kind]`, () => {
      let reports = 0;
      for (const test of tests.invalid) {
        for (const m of lintMessages(name, rule, place(test) as { code: string; options?: O; settings?: Record<string, unknown>; filename?: string })) {
          if (m.fatal) continue;
          reports++;
          expect(m.message.length, m.message).toBeLessThanOrEqual(MESSAGE_MAX);
          expect(m.message, m.message).toMatch(/^\[[a-z-]+\] [^\n]+\.$/);
        }
      }
      expect(reports).toBeGreaterThanOrEqual(tests.invalid.length);
    });
  });
}
