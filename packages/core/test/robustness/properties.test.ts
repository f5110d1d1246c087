/**
 * Property tests for core's `analyseSourceFile`: on generated programs it never throws and answers
 * the same way twice. Fixed seed and a few runs in CI; `FUZZ_RUNS=2000 npm run fuzz` for a long run.
 */
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyseSourceFile, type AnalysisEnv } from '../../src/index.js';
import { envFor } from '../helpers.js';
import { anyProgram, fuzzParams, SCHEMA, unrelatedPrefix, type GeneratedProgram } from './programs.js';

const env: AnalysisEnv = envFor({}, SCHEMA);

function analyse(program: GeneratedProgram, prefix = ''): { kind: string; messageId: string; text: string }[] {
  const file = `gen${program.ext}`;
  const sf = ts.createSourceFile(file, prefix + program.text, ts.ScriptTarget.Latest, true, program.ext === '.tsx' ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  return analyseSourceFile(sf, env).findings.map((f) => ({ kind: f.kind, messageId: f.messageId, text: f.node.getText(sf) }));
}

describe('core analyseSourceFile on generated programs', () => {
  it('never throws and is deterministic (fresh parse, same findings in the same order)', () => {
    fc.assert(fc.property(anyProgram, (program) => {
      const first = analyse(program);
      expect(analyse(program)).toEqual(first);
    }), fuzzParams(60));
  });

  it('an unrelated statement at the top changes no finding (kind, message, flagged code)', () => {
    fc.assert(fc.property(anyProgram, unrelatedPrefix, (program, prefix) => {
      expect(analyse(program, prefix)).toEqual(analyse(program));
    }), fuzzParams(40));
  });

  it('also on .js flavour text (parsed as JS, types dropped by the parser as errors, never a throw)', () => {
    fc.assert(fc.property(anyProgram, (program) => {
      const sf = ts.createSourceFile('gen.js', program.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
      expect(() => analyseSourceFile(sf, env)).not.toThrow();
    }), fuzzParams(20));
  });
});
