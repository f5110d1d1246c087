import type { FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../compiler.js';
import type { Resolver } from '../analysis/callgraph/resolve.js';

/**
 * The handler functions an argument stands for: an inline function, a named one (resolved through
 * imports), or the functions inside a wrapper call (`asyncHandler(async (req, res) => …)`).
 * Middleware factories called with strings only (`requireRole('admin')`) yield nothing.
 */
export function handlerFunctions(arg: TS.Expression, resolver: Resolver, depth = 0): FunctionLike[] {
  let e = arg;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return [e];
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const v = resolver.evaluate(e);
    return v?.kind === 'fn' ? [v.fn] : [];
  }
  if (ts.isArrayLiteralExpression(e) && depth < 2) return e.elements.flatMap((el) => handlerFunctions(el, resolver, depth + 1));
  if (ts.isCallExpression(e) && depth < 2) return e.arguments.flatMap((a) => handlerFunctions(a, resolver, depth + 1));
  return [];
}

export function stringValue(e: TS.Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.getText();
  return undefined;
}

export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}
