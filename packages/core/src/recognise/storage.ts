import type * as TS from 'typescript';
import { STORAGE_COMMANDS, STORAGE_HELPER, STORAGE_METHODS, STORAGE_RECEIVER, type StorageOperation } from '../sinks/storage.js';
import type { AnalysisEnv } from './env.js';
import { accessPath, calleeName, nameOf, resolveObjectLiteral, unwrap } from './ast.js';

export interface StorageCall {
  operation: StorageOperation;
  node: TS.CallExpression | TS.NewExpression;
  description: string;
  /** The key, split into what makes it: `${teamId}/${docId}/${name}` → [teamId, docId, name]; a helper's leading arguments. */
  keyParts: TS.Expression[];
  /** The key expression as written. */
  key: TS.Expression;
}

/** The non-literal parts of a key, in order: template spans, `+` operands, or the key itself. */
export function keyPartsOf(ts: AnalysisEnv['ts'], key: TS.Expression): TS.Expression[] {
  const e = unwrap(ts, key);
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...keyPartsOf(ts, e.left), ...keyPartsOf(ts, e.right)];
  }
  if (ts.isStringLiteralLike(e)) return [];
  return [key];
}

function isKeyLike(ts: AnalysisEnv['ts'], e: TS.Expression | undefined): e is TS.Expression {
  if (!e || ts.isSpreadElement(e)) return false;
  const x = unwrap(ts, e);
  return !ts.isObjectLiteralExpression(x) && !ts.isArrowFunction(x) && !ts.isFunctionExpression(x);
}

function fromKey(ts: AnalysisEnv['ts'], node: StorageCall['node'], operation: StorageOperation, description: string, key: TS.Expression): StorageCall | undefined {
  const k = unwrap(ts, key);
  // `remove([path])`: the paths of a batch delete.
  const first = ts.isArrayLiteralExpression(k) ? k.elements[0] : key;
  if (!isKeyLike(ts, first)) return undefined;
  const parts = keyPartsOf(ts, first);
  return parts.length > 0 ? { operation, node, description, keyParts: parts, key: first } : undefined;
}

/** `storage.delete(key)`, `env.BUCKET.put(key, body)`, `bucket.file(key).delete()`, `supabase.storage.from(b).remove([p])`. */
function storageMethod(call: TS.CallExpression, env: AnalysisEnv): StorageCall | undefined {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const op = Object.hasOwn(STORAGE_METHODS, method) ? STORAGE_METHODS[method] : /^(save|exists)$/.test(method) ? (method === 'save' ? 'write' : 'read') : undefined;
  if (!op) return undefined;
  const path = accessPath(ts, callee.expression) ?? [];
  const last = path[path.length - 1] ?? '';
  const description = [...path, method].join('.');
  const receiver = unwrap(ts, callee.expression);
  // GCS: `bucket.file(key).delete()`.
  if (last === 'file()' && ts.isCallExpression(receiver) && /bucket|storage|gcs/i.test(path.slice(0, -1).join('.'))) {
    return fromKey(ts, call, op, description, receiver.arguments[0] as TS.Expression);
  }
  // Supabase: `supabase.storage.from('avatars').remove([path])`.
  if (last === 'from()' && path.includes('storage')) return fromKey(ts, call, op, description, call.arguments[0] as TS.Expression);
  if (!STORAGE_METHODS[method] || !STORAGE_RECEIVER.test(last)) return undefined;
  return fromKey(ts, call, op, description, call.arguments[0] as TS.Expression);
}

/** `new DeleteObjectCommand({ Bucket, Key })`. */
function storageCommand(expr: TS.NewExpression, env: AnalysisEnv): StorageCall | undefined {
  const ts = env.ts;
  const name = calleeName(ts, expr) ?? '';
  const op = Object.hasOwn(STORAGE_COMMANDS, name) ? STORAGE_COMMANDS[name] : undefined;
  if (!op) return undefined;
  const params = resolveObjectLiteral(ts, expr.arguments?.[0]);
  const key = params?.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && nameOf(ts, p.name) === 'Key');
  if (!key) return undefined;
  const value = ts.isPropertyAssignment(key) ? key.initializer : (key as TS.ShorthandPropertyAssignment).name;
  return fromKey(ts, expr, op, `new ${name}`, value);
}

/** `deleteFile(storageId, accessType, fileName)`, `deleteFileFromS3(key)`: an app helper named for a stored object. */
function storageHelper(call: TS.CallExpression, env: AnalysisEnv): StorageCall | undefined {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isIdentifier(callee) || !STORAGE_HELPER.test(callee.text)) return undefined;
  const args = call.arguments.filter((a) => isKeyLike(ts, a));
  if (args.length === 0 || args.length !== call.arguments.length && !isKeyLike(ts, call.arguments[0])) return undefined;
  const parts = args.flatMap((a) => keyPartsOf(ts, a));
  return parts.length > 0 ? { operation: 'write', node: call, description: callee.text, keyParts: parts, key: call.arguments[0] as TS.Expression } : undefined;
}

export function recogniseStorageCall(node: TS.CallExpression | TS.NewExpression, env: AnalysisEnv): StorageCall | undefined {
  const ts = env.ts;
  if (ts.isNewExpression(node)) return storageCommand(node, env);
  return storageMethod(node, env) ?? storageHelper(node, env);
}
