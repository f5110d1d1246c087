import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { untrustedValueChecked, type FunctionLike } from '../src/index.js';
import { envFor, parse } from './helpers.js';

/** The scanner asks this about a request value a caller passes down as the tenant of a parameter-scoped sink. */
function check(code: string): boolean {
  const sf = parse(code);
  const fn = sf.statements.find(ts.isFunctionDeclaration) as FunctionLike;
  let value: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'listProjects') value = n.arguments[0];
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return untrustedValueChecked(value as ts.Expression, fn, envFor());
}

describe('untrustedValueChecked (exported for the scanner)', () => {
  it('accepts a request tenant compared with the verified one', () => {
    expect(check(`function h(req) { if (req.body.orgId !== req.auth.orgId) throw new Error('x'); return listProjects(req.body.orgId); }`)).toBe(true);
  });
  it('accepts a request tenant passed to an authorizer', () => {
    expect(check(`function h(req) { authorize(req.user, req.body.orgId); return listProjects(req.body.orgId); }`)).toBe(true);
  });
  it('rejects a request tenant only tested for presence', () => {
    expect(check(`function h(req) { if (!req.body.orgId) throw new Error('x'); return listProjects(req.body.orgId); }`)).toBe(false);
  });
});
