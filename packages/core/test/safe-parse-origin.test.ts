import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { classifyValue, type ValueOrigin } from '../src/index.js';
import { envFor, parse } from './helpers.js';

/** The origin of the first expression in `code` whose source text is `text`. */
function originOf(code: string, text: string): ValueOrigin {
  const sf = parse(code);
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && ts.isExpression(n) && n.getText(sf) === text) found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!found) throw new Error(`no expression ${text}`);
  return classifyValue(found, envFor());
}
/** The parts of a parameter origin a test compares (the function node itself is not). */
const summary = (o: ValueOrigin) =>
  o.kind === 'parameter' ? { kind: o.kind, name: o.name, index: o.index, property: o.property } : { kind: o.kind };

const HEAD = `type Ctx = { program: { id: string }; data: { x: string } };
declare const schema: { safeParse(x: unknown): { success: boolean; data: Ctx }; safeParseAsync(x: unknown): Promise<{ success: boolean; data: Ctx }>; parse(x: unknown): Ctx };
declare function other(x: unknown): { data: { x: string } };
`;

/** `schema.safeParse(x).data` is `x` validated: the `data` segment is the wrapper's, not a property of `x`. */
describe('classifyValue through a safeParse result', () => {
  it('const result = schema.safeParse(context); const v = result.data; v.program.id → context.program.id', () => {
    expect(summary(originOf(`${HEAD}
export async function detect(context: Ctx) {
  const result = schema.safeParse(context);
  if (!result.success) return;
  const v = result.data;
  return v.program.id;
}`, 'v.program.id'))).toEqual({ kind: 'parameter', name: 'context', index: 0, property: 'program.id' });
  });

  it('result.data.program.id read directly → context.program.id', () => {
    expect(summary(originOf(`${HEAD}
export async function detect(context: Ctx) {
  const result = schema.safeParse(context);
  return result.data.program.id;
}`, 'result.data.program.id'))).toEqual({ kind: 'parameter', name: 'context', index: 0, property: 'program.id' });
  });

  it('await schema.safeParseAsync(context) is the same', () => {
    expect(summary(originOf(`${HEAD}
export async function detect(context: Ctx) {
  const result = await schema.safeParseAsync(context);
  return result.data.program.id;
}`, 'result.data.program.id'))).toEqual({ kind: 'parameter', name: 'context', index: 0, property: 'program.id' });
  });

  it('result.data itself is the whole parameter (no property)', () => {
    expect(summary(originOf(`${HEAD}
export async function detect(context: Ctx) {
  const result = schema.safeParse(context);
  return result.data;
}`, 'result.data'))).toEqual({ kind: 'parameter', name: 'context', index: 0, property: undefined });
  });
});

/** Any other initializer keeps `data` as a real property of what it returned. */
describe('data stays a property when the local is not a safeParse result', () => {
  it('const r = schema.parse(context); r.data.x keeps data.x (parse returns the value itself)', () => {
    expect(summary(originOf(`${HEAD}
export async function detect(context: Ctx) {
  const r = schema.parse(context);
  return r.data.x;
}`, 'r.data.x'))).toEqual({ kind: 'parameter', name: 'context', index: 0, property: 'data.x' });
  });

  it('context.data.x read straight off the parameter keeps data.x', () => {
    expect(summary(originOf(`${HEAD}
export async function detect(context: Ctx) {
  return context.data.x;
}`, 'context.data.x'))).toEqual({ kind: 'parameter', name: 'context', index: 0, property: 'data.x' });
  });

  // Skipped: `other` is not a pass-through call, so classifyValue returns { kind: 'unknown' } for r.data.x, not context + 'data.x'.
  it('what an unknown function returns is not its argument: const r = other(context); r.data.x is unknown', () => {
    expect(summary(originOf(`${HEAD}
export async function detect(context: Ctx) {
  const r = other(context);
  return r.data.x;
}`, 'r.data.x'))).toEqual({ kind: 'unknown' });
  });
});
