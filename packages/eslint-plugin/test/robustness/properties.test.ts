/**
 * Property tests for the nine rules through ESLint's `Linter`: on generated programs no rule throws,
 * nothing is a fatal parse error (the generator writes valid code), the same text gives the same
 * messages in the same order, and an unrelated statement at the top only shifts the lines. Fixed
 * seed, a few runs in CI; `FUZZ_RUNS=2000 npm run fuzz` for a long run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyProgram, fuzzParams, unrelatedPrefix } from '../../../core/test/robustness/programs.js';
import { lint, type Message } from './lint.js';

const brief = (m: Message, lineShift = 0): string => `${m.ruleId} ${m.line - lineShift}:${m.column} ${m.message}`;

describe('the nine rules on generated programs', () => {
  it('never throw, never hit a parse error, and are deterministic (ESLint 9 and 10)', () => {
    fc.assert(fc.property(anyProgram, fc.constantFrom(9 as const, 10 as const), (program, version) => {
      const file = `src/gen${program.ext}`;
      const first = lint(program.text, file, version);
      expect(first.filter((m) => m.fatal)).toEqual([]);
      expect(first.every((m) => m.ruleId?.startsWith('tenant-isolation/'))).toBe(true);
      expect(lint(program.text, file, version).map((m) => brief(m))).toEqual(first.map((m) => brief(m)));
    }), fuzzParams(25));
  });

  it('an unrelated statement at the top only shifts the reported lines', () => {
    fc.assert(fc.property(anyProgram, unrelatedPrefix, (program, prefix) => {
      const file = `src/gen${program.ext}`;
      const shift = prefix.split('\n').length - 1;
      expect(lint(prefix + program.text, file).map((m) => brief(m, shift))).toEqual(lint(program.text, file).map((m) => brief(m)));
    }), fuzzParams(15));
  });

  it('also as .js (types are syntax errors there: a fatal parse message, never a rule crash)', () => {
    fc.assert(fc.property(anyProgram, (program) => {
      const messages = lint(program.text, 'src/gen.js');
      expect(messages.every((m) => m.fatal || m.ruleId?.startsWith('tenant-isolation/'))).toBe(true);
    }), fuzzParams(10));
  });
});
