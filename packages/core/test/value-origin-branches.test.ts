import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { classifyValue } from '../src/index.js';
import { envFor, parse } from './helpers.js';

/** The origin of the value passed as the first argument of `use(…)` in the snippet. */
function originOfUse(code: string): string {
  const sf = parse(code);
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'use') found = n.arguments[0];
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!found) throw new Error('no use(…) call');
  const o = classifyValue(found, envFor());
  return o.kind === 'untrusted' || o.kind === 'verified' ? `${o.kind} ${o.path}` : o.kind;
}
const HEAD = 'declare function use(v: unknown): void;\ndeclare function requireUserId(r: unknown): Promise<string>;\ndeclare function getUser(id: string): Promise<{ id: string }>;\n';

describe('a conditional value is as risky as its riskiest branch', () => {
  it('request input in one branch, undefined in the other', () => {
    expect(originOfUse(`${HEAD}export function h(req: any, live: boolean) { use(live ? req.body.resultId : undefined); }`)).toBe('untrusted req.body.resultId');
  });
  it('a loaded id in one branch, request input in the other', () => {
    expect(originOfUse(`${HEAD}export async function h(req: any, section: { id: string } | undefined) { use(section ? section.id : req.body.sectionId); }`)).toBe('untrusted req.body.sectionId');
  });
  it('two safe branches stay unknown', () => {
    expect(originOfUse(`${HEAD}export function h(a: boolean) { use(a ? 'x' : 'y'); }`)).toBe('unknown');
  });
});

describe('loop elements', () => {
  it('an element of request input is request input', () => {
    expect(originOfUse(`${HEAD}export function h(req: any) { for (const r of req.body.items) use(r.id); }`)).toBe('untrusted req.body.items[]');
  });
  it('an element of a literal list is not', () => {
    expect(originOfUse(`${HEAD}export function h() { for (const r of ['a', 'b']) use(r); }`)).toBe('unknown');
  });
});

describe('session getters', () => {
  it('the user id a session getter returns for the request is the verified caller', () => {
    expect(originOfUse(`${HEAD}export async function action({ request }: { request: Request }) { const userId = await requireUserId(request); use(userId); }`)).toBe('verified requireUserId()');
  });
  it('a user looked up by a client id is not', () => {
    expect(originOfUse(`${HEAD}export async function action(req: any) { const user = await getUser(req.body.userId); use(user.id); }`)).not.toMatch(/^verified/);
  });
});
