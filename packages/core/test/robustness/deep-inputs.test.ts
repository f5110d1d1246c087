/**
 * Generated code the analysers must survive: long builder chains and long `+` chains (left-nested,
 * thousands deep). Regression tests for a cubic accessPath and a recursive Redis key split.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../../src/index.js';
import { envFor, kinds } from '../helpers.js';

const env = envFor();
const analyse = (text: string) => analyseSourceFile(ts.createSourceFile('gen.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS), env);

describe('deep generated inputs', () => {
  it('a 3000-call builder chain is analysed in linear time (it took minutes)', () => {
    const started = performance.now();
    analyse(`export const q = () => prisma.document.findMany()${'.then((r) => r)'.repeat(3000)};\n`);
    analyse(`export const m = db${'.where(tenantId)'.repeat(3000)};\n`);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('a 10000-operand concatenated Redis key does not overflow the stack', () => {
    expect(() => analyse(`export function f(sessionId: string) {\n  return redis.get(${"'k:' + ".repeat(10_000)}sessionId);\n}\n`)).not.toThrow();
  });

  it('concatenated keys are still judged the same way', () => {
    expect(kinds("export function f(sessionId: string) { return redis.get('s:' + 'x:' + sessionId); }")).toEqual(['shared-cache-keyspace']);
    expect(kinds("export function f(sessionId: string, tenantId: string) { return redis.get('s:' + tenantId + ':' + `${sessionId}`); }")).toEqual([]);
  });
});
