import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isFunctionLike, walk } from '../src/index.js';
import { parse } from './helpers.js';

// The walk was reworked for speed (it runs over every node of every file the ESLint rules lint):
// pin its order and its skip semantics.
describe('walk', () => {
  it('visits in source pre-order and skips the children of a node whose visit returns false', () => {
    const sf = parse('f(a, b); function g(x) { return h(x); } k(c);');
    const names: string[] = [];
    walk(ts, sf, (n) => {
      if (ts.isFunctionDeclaration(n)) return false;
      if (ts.isIdentifier(n)) names.push(n.text);
      return undefined;
    });
    expect(names).toEqual(['f', 'a', 'b', 'k', 'c']);
  });

  it('isFunctionLike recognises every function shape and nothing else', () => {
    const sf = parse('function a() {} class C { constructor() {} m() {} get p() { return 1; } set p(v) {} } const f = function () {}; const g = () => 1;');
    let count = 0;
    walk(ts, sf, (n) => {
      if (isFunctionLike(ts, n)) count++;
      return undefined;
    });
    expect(count).toBe(7);
  });
});
