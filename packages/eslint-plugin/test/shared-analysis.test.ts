import tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { analyse } from '../src/util/analysis.js';
import { FIXTURE_FILE } from './rule-tester.js';

const CODE = 'export const get = (id: string) => prisma.document.findUnique({ where: { id } });\n';

/** Two probe rules that record the analysis they get, with the options under test. */
function analysesFor(optionsA: unknown[], optionsB: unknown[]): unknown[] {
  const seen: unknown[] = [];
  const probe: Rule.RuleModule = {
    meta: { type: 'problem', schema: false },
    create: (context) => ({
      Program() {
        seen.push(analyse(context as unknown as Parameters<typeof analyse>[0]).analysis);
      },
    }),
  };
  new Linter().verify(CODE, [{
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { probe: { rules: { a: probe, b: probe } } },
    rules: { 'probe/a': ['error', ...optionsA], 'probe/b': ['error', ...optionsB] } as Linter.RulesRecord,
  }], FIXTURE_FILE);
  return seen;
}

describe('one analysis per file', () => {
  it('rules with the same config share the very same analysis (plugin-only options do not count)', () => {
    const [a, b] = analysesFor([], [{ checkSpans: 'always' }]);
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });

  it('a rule with a different config gets its own', () => {
    const [a, b] = analysesFor([], [{ globalModels: ['Document'] }]);
    expect(a).not.toBe(b);
  });
});
