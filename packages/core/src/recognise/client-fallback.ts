import type * as TS from 'typescript';
import type { TypeScriptModule } from './env.js';
import { accessPath, unwrap } from './ast.js';

/** A database handle: `prisma`, `this.prisma`, `tx`, `db`, `trx`, `client`. */
const CLIENT_SEGMENT = /prisma|^db$|database|^tx$|^trx$|client|^conn|^drizzle$|^knex$/i;

/**
 * The access path of a chain whose root picks one of two clients: `(tx || this.prisma).user.count`,
 * `(trx ?? db).selectFrom(…)`, `(tx ? tx : db)`. Both sides stand for the same database; the path
 * is read through the side that names a client (the fallback, usually), so the call is judged like
 * `this.prisma.user.count`. Undefined when neither side is a client.
 */
export function pathThroughClientFallback(ts: TypeScriptModule, expr: TS.Expression): string[] | undefined {
  const names: string[] = [];
  let current = unwrap(ts, expr);
  for (let guard = 0; guard < 32; guard++) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = unwrap(ts, current.expression);
      continue;
    }
    break;
  }
  const sides = ts.isBinaryExpression(current) &&
    (current.operatorToken.kind === ts.SyntaxKind.BarBarToken || current.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    ? [current.right, current.left]
    : ts.isConditionalExpression(current) ? [current.whenFalse, current.whenTrue] : undefined;
  if (!sides) return undefined;
  for (const side of sides) {
    const path = accessPath(ts, side);
    const last = path?.[path.length - 1];
    if (path && last && CLIENT_SEGMENT.test(last)) return [...path, ...names];
  }
  return undefined;
}
