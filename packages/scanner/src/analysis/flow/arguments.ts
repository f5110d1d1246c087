import { resolveObjectLiteral, type FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import { tsm } from './program-view.js';

/**
 * What a call site passes for a parameter: left out, a value (or the whole object a property is read
 * from), the caller's own parameter handed on by a spread (`inner(...args)`), or unreadable.
 */
export type ArgValue =
  | { kind: 'omitted'; what: string }
  | { kind: 'value'; expr: TS.Expression; wholeObject: boolean }
  | { kind: 'forward'; fn: FunctionLike; index: number; name: string }
  | { kind: 'opaque' };

/** A property of an object literal: its value, `undefined` when absent, or the object a spread hands it on from. */
function propertyValue(obj: TS.ObjectLiteralExpression, property: string): TS.Expression | undefined | { from: TS.Expression } {
  let spread: TS.Expression | undefined;
  for (const p of obj.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (ts.isPropertyAssignment(p) && key === property) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && key === property) return p.name;
    // `{ ...submission, lastUpdatedBy }`: an unset key comes from the (last) spread object.
    if (ts.isSpreadAssignment(p)) spread = p.expression;
  }
  return spread ? { from: spread } : undefined;
}

/** Factories that wrap the object they are given (`XCommand.create({ … })`, `new Dto({ … })`, `plainToInstance(X, { … })`). */
const WRAPPING_FACTORY = /^(create|from|of|build|make|plainToInstance|plainToClass)$/;

/** The object literal an argument stands for: itself, a local const, or the object a factory wraps. */
function objectLiteralOf(arg: TS.Expression, depth = 0): TS.ObjectLiteralExpression | undefined {
  const direct = resolveObjectLiteral(tsm, arg);
  if (direct || depth > 2) return direct;
  let e = arg;
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) {
    const decl = localDeclaration(e);
    return decl?.initializer ? objectLiteralOf(decl.initializer, depth + 1) : undefined;
  }
  const name = ts.isCallExpression(e) ? (ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : ts.isIdentifier(e.expression) ? e.expression.text : '') : '';
  const wrapped = ts.isNewExpression(e) || (ts.isCallExpression(e) && WRAPPING_FACTORY.test(name)) ? e.arguments ?? [] : [];
  const literal = wrapped.map((a) => (ts.isObjectLiteralExpression(a) ? a : undefined)).find((a) => a !== undefined);
  return literal;
}

/** A `const` in an enclosing block of the same function, by name. */
function localDeclaration(id: TS.Identifier): TS.VariableDeclaration | undefined {
  for (let scope: TS.Node | undefined = id.parent; scope && !ts.isSourceFile(scope); scope = scope.parent) {
    if (!ts.isBlock(scope)) continue;
    for (const st of scope.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === id.text && d.pos < id.pos) return d;
    }
  }
  return undefined;
}

/** `inner(...args)` where `args` is the rest parameter of the function around the call: its parameter, re-indexed. */
function forwarded(call: TS.CallExpression, spreadAt: number, index: number): ArgValue {
  const spread = call.arguments[spreadAt] as TS.SpreadElement;
  let fn: TS.Node | undefined = call.parent;
  while (fn && !(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isMethodDeclaration(fn))) fn = fn.parent;
  if (!fn || !ts.isIdentifier(spread.expression)) return { kind: 'opaque' };
  const params = (fn as TS.SignatureDeclaration).parameters;
  const restAt = params.findIndex((p) => !!p.dotDotDotToken && ts.isIdentifier(p.name) && p.name.text === (spread.expression as TS.Identifier).text);
  if (restAt < 0) return { kind: 'opaque' };
  return { kind: 'forward', fn: fn, index: restAt + (index - spreadAt), name: spread.expression.text };
}

/** The value a call passes for parameter `index` (or its property `property`). */
export function argumentFor(call: TS.CallExpression, index: number, property: string | undefined, paramName: string): ArgValue {
  const args = call.arguments;
  for (let i = 0; i <= index && i < args.length; i++) if (ts.isSpreadElement(args[i] as TS.Expression)) return forwarded(call, i, index);
  const arg = args[index];
  if (!arg) return { kind: 'omitted', what: property ?? paramName };
  if (property === undefined) return { kind: 'value', expr: arg, wholeObject: false };
  const first = property.split('.')[0] as string;
  const obj = objectLiteralOf(arg);
  if (!obj) return { kind: 'value', expr: arg, wholeObject: true };
  const v = propertyValue(obj, first);
  if (v === undefined) return { kind: 'omitted', what: first };
  if ('from' in v) return { kind: 'value', expr: v.from, wholeObject: true };
  return { kind: 'value', expr: v, wholeObject: false };
}

/** The default value of parameter `index` (or of its destructured `property`), if it has one. */
export function defaultValue(fn: FunctionLike, index: number, property: string | undefined): TS.Expression | undefined {
  const param = (fn).parameters[index];
  if (!param) return undefined;
  if (property === undefined) return param.initializer;
  if (!ts.isObjectBindingPattern(param.name)) return undefined;
  const el = param.name.elements.find((e) => ((e.propertyName ?? e.name) as TS.Identifier).text === property.split('.')[0]);
  return el?.initializer;
}
