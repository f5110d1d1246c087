import { calleeName, findLocalDeclaration, resolveObjectLiteral } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import { tsm, type ProgramView } from './program-view.js';

/** Calls that write rows, and the keys of their argument that hold the written data. */
const WRITE_CALL = /^(create|createMany|update|updateMany|upsert|insert|values|set)$/;
const DATA_KEYS = new Set(['data', 'create', 'update']);
/** Calls that put a file in storage and hand back where it is (`const { url } = await storage.upload(key, body)`). */
const UPLOAD_CALL = /upload|^put$|^putObject$|^store$|^save$/i;

function unwrap(e: TS.Expression): TS.Expression {
  let x = e;
  while (ts.isAwaitExpression(x) || ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  return x;
}

function isUploadCall(e: TS.Expression): boolean {
  const x = unwrap(e);
  return ts.isCallExpression(x) && UPLOAD_CALL.test(calleeName(tsm, x) ?? '');
}

/** `url` from `const { url } = await storage.upload(…)`, `uploaded.url`, or the call itself; `null` clears the field. */
function fromUpload(value: TS.Expression): boolean {
  const x = unwrap(value);
  if (x.kind === ts.SyntaxKind.NullKeyword) return true;
  if (isUploadCall(x)) return true;
  if (ts.isPropertyAccessExpression(x)) return fromUpload(x.expression);
  if (!ts.isIdentifier(x)) return false;
  const decl = findLocalDeclaration(tsm, x);
  if (!decl) return false;
  let top: TS.Node = decl;
  while (ts.isBindingElement(top) || ts.isObjectBindingPattern(top) || ts.isArrayBindingPattern(top)) top = top.parent;
  return ts.isVariableDeclaration(top) && !!top.initializer && isUploadCall(top.initializer);
}

/** The values written to `field` by the data objects of one write call. */
function writtenValues(call: TS.CallExpression, field: string): TS.Expression[] {
  const out: TS.Expression[] = [];
  const visit = (obj: TS.ObjectLiteralExpression | undefined, depth: number): void => {
    if (!obj || depth > 2) return;
    for (const p of obj.properties) {
      const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (key === field && ts.isPropertyAssignment(p)) out.push(p.initializer);
      else if (key === field && ts.isShorthandPropertyAssignment(p)) out.push(p.name);
      else if (key && DATA_KEYS.has(key) && ts.isPropertyAssignment(p)) visit(resolveObjectLiteral(tsm, p.initializer), depth + 1);
    }
  };
  for (const arg of call.arguments) visit(resolveObjectLiteral(tsm, arg), 0);
  return out;
}

const memo = new WeakMap<ProgramView, Map<string, boolean>>();

/**
 * Every write of the field in the program stores what the server's own upload returned
 * (`data: { logo: url }` after `const { url } = await storage.upload(…)`): the link is the
 * server's, not one the client set, so a key parsed from it names this row's own object.
 */
export function serverWrittenField(view: ProgramView, field: string): boolean {
  let cache = memo.get(view);
  if (!cache) memo.set(view, (cache = new Map()));
  const hit = cache.get(field);
  if (hit !== undefined) return hit;
  let writes = 0;
  let allUploads = true;
  for (const call of view.graph.allCalls) {
    if (!WRITE_CALL.test(calleeName(tsm, call) ?? '')) continue;
    for (const value of writtenValues(call, field)) {
      writes++;
      if (!fromUpload(value)) allUploads = false;
    }
    if (!allUploads) break;
  }
  const result = writes > 0 && allUploads;
  cache.set(field, result);
  return result;
}
