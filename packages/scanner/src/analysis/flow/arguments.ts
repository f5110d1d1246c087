import { resolveObjectLiteral, type FunctionLike } from '@tenant-audit/core';
import { ts } from 'ts-morph';
import { tsm } from './program-view.js';

/** What a call site passes for a parameter: left out, a value (or the whole object a property is read from), or unreadable. */
export type ArgValue = { kind: 'omitted'; what: string } | { kind: 'value'; expr: ts.Expression; wholeObject: boolean } | { kind: 'opaque' };

function propertyValue(obj: ts.ObjectLiteralExpression, property: string): ts.Expression | undefined | null {
  let spread = false;
  for (const p of obj.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (ts.isPropertyAssignment(p) && key === property) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && key === property) return p.name;
    if (ts.isSpreadAssignment(p)) spread = true;
  }
  return spread ? null : undefined;
}

/** The value a call passes for parameter `index` (or its property `property`). */
export function argumentFor(call: ts.CallExpression, index: number, property: string | undefined, paramName: string): ArgValue {
  const args = call.arguments;
  for (let i = 0; i <= index && i < args.length; i++) if (ts.isSpreadElement(args[i] as ts.Expression)) return { kind: 'opaque' };
  const arg = args[index];
  if (!arg) return { kind: 'omitted', what: property ?? paramName };
  if (property === undefined) return { kind: 'value', expr: arg, wholeObject: false };
  const first = property.split('.')[0] as string;
  const obj = resolveObjectLiteral(tsm, arg as never) as unknown as ts.ObjectLiteralExpression | undefined;
  if (!obj) return { kind: 'value', expr: arg, wholeObject: true };
  const v = propertyValue(obj, first);
  if (v === null) return { kind: 'opaque' };
  if (v === undefined) return { kind: 'omitted', what: first };
  return { kind: 'value', expr: v, wholeObject: false };
}

/** The default value of parameter `index` (or of its destructured `property`), if it has one. */
export function defaultValue(fn: FunctionLike, index: number, property: string | undefined): ts.Expression | undefined {
  const param = (fn as unknown as ts.SignatureDeclaration).parameters[index];
  if (!param) return undefined;
  if (property === undefined) return param.initializer;
  if (!ts.isObjectBindingPattern(param.name)) return undefined;
  const el = param.name.elements.find((e) => ((e.propertyName ?? e.name) as ts.Identifier).text === property.split('.')[0]);
  return el?.initializer;
}
