import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester, type InvalidTestCase, type RunTests, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A tiny project (package.json + schema.prisma) so core reads a data model near the linted file. */
export const FIXTURE_PROJECT = fileURLToPath(new URL('./fixtures/project', import.meta.url));
export const FIXTURE_FILE = join(FIXTURE_PROJECT, 'src', 'file.ts');

/**
 * Runs a rule's cases without type information, each linted as a file of the fixture project
 * (RuleTester's default filename would sit at the repository root and see every schema in it).
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
}
