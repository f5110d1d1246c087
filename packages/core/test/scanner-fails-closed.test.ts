import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { bodyResolvesOrFailsClosed, type FunctionLike } from '../src/index.js';
import { envFor, parse } from './helpers.js';

/** The scanner asks this when a caller omits the tenant of a parameter-scoped sink. */
function check(code: string, name = 'tenantId'): boolean {
  const fn = parse(code).statements.find(ts.isFunctionDeclaration) as FunctionLike;
  return bodyResolvesOrFailsClosed(fn, name, envFor());
}

describe('bodyResolvesOrFailsClosed (exported for the scanner)', () => {
  it('a guard that throws when the tenant is missing', () => {
    expect(check(`function f(id: string, tenantId?: string) { if (!tenantId) throw new Error('x'); return db.find({ id, tenantId }); }`)).toBe(true);
  });
  it('a fallback to the context getter', () => {
    expect(check(`function f(tenantId?: string) { const t = tenantId ?? getCurrentTenant().tenantId; return db.find({ tenantId: t }); }`)).toBe(true);
  });
  it('neither', () => {
    expect(check(`function f(tenantId?: string) { return db.find({ tenantId }); }`)).toBe(false);
  });
});
