import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { functionName, memoisedFunction } from '../src/index.js';
import { parse } from './helpers.js';

function initializerOf(code: string, name: string): ts.Expression {
  const sf = parse(code);
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
  }
  throw new Error(`no ${name}`);
}

describe('memoising wrappers', () => {
  it('recognises cache / unstable_cache imported under another name, and names the wrapped function after the variable', () => {
    const code = `
      import { cache as reactCache } from 'react';
      import { unstable_cache as nextCache } from 'next/cache';
      export const getA = reactCache(async (id: string) => id);
      export const getB = nextCache(async (id: string) => id, ['b']);
    `;
    for (const name of ['getA', 'getB']) {
      const fn = memoisedFunction(ts, initializerOf(code, name));
      expect(fn).toBeDefined();
      expect(functionName(ts, fn as never)).toBe(name);
    }
  });

  it('look-alikes: an aliased entry or auth wrapper, and a local function merely called cacheThing, are not memoisers', () => {
    const code = `
      import { withAuth as guarded } from './auth';
      import { cache } from 'react';
      const cacheThing = (fn: unknown) => fn;
      export const a = guarded(async (id: string) => id);
      export const b = cacheThing(async (id: string) => id);
      export const c = cache(async (id: string) => id);
    `;
    expect(memoisedFunction(ts, initializerOf(code, 'a'))).toBeUndefined();
    expect(memoisedFunction(ts, initializerOf(code, 'b'))).toBeUndefined();
    expect(memoisedFunction(ts, initializerOf(code, 'c'))).toBeDefined();
  });
});
