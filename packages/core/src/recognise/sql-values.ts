import type * as TS from 'typescript';
import { normalizeFieldName } from '../model/names.js';
import type { AnalysisEnv } from './env.js';
import { calleeName, localInitializer, unwrap } from './ast.js';
import { isTenantKey } from './tenant.js';

/**
 * A tenant column compared at the end of the SQL text so far (`… WHERE project_id = `,
 * `AND t."orgId" IN (`), inside a predicate: the next bound value is the tenant the statement filters by.
 */
const PREDICATE_END = /(?:\b\w+\.)?"?(\w+)"?\s*(?:=|\bin\b\s*\(|=\s*any\s*\()\s*'?\s*$/i;

function comparesTenantAtEnd(text: string, env: AnalysisEnv): boolean {
  const m = PREDICATE_END.exec(text);
  const column = m?.[1];
  if (!column || !(isTenantKey(column, env) || isTenantKey(normalizeFieldName(column), env))) return false;
  return /\b(where|and|on|using|having|prewhere)\b[^;]*$/i.test(text.slice(0, m.index));
}

/** Escaping keeps a value what it was: `${escape(projectId)}`, `${sqlstring.escape(x)}`, `${pg.literal(x)}` bind `x`. */
const ESCAPES = /^(escape|escapeLiteral|escapeString|quote|quoteLiteral|literal|sqlEscape|format)$/;

function boundValue(ts: AnalysisEnv['ts'], e0: TS.Expression): TS.Expression {
  const e = unwrap(ts, e0);
  if (ts.isCallExpression(e) && ESCAPES.test(calleeName(ts, e) ?? '') && e.arguments.length === 1 && e.arguments[0]) return e.arguments[0];
  return e0;
}

/**
 * The values a raw statement binds to its tenant predicates: the `${…}` right after
 * `WHERE project_id = ` in a template, or the `$n` / `?` parameter a string statement binds there from
 * its parameter array. Empty when the SQL's tenant value is not visible (a setting, a subquery, a
 * spliced fragment).
 */
export function tenantPredicateValues(sqlNode: TS.Expression | undefined, params: TS.Expression | undefined, env: AnalysisEnv): TS.Expression[] {
  const ts = env.ts;
  if (!sqlNode) return [];
  let e = unwrap(ts, sqlNode);
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    if (init) e = unwrap(ts, init);
  }
  if (ts.isTaggedTemplateExpression(e)) e = e.template;
  const out: TS.Expression[] = [];
  if (ts.isTemplateExpression(e)) {
    let text = e.head.text;
    for (const span of e.templateSpans) {
      if (comparesTenantAtEnd(text, env)) out.push(boundValue(ts, span.expression));
      text += ` $x ${span.literal.text}`;
    }
    return out;
  }
  if (!ts.isStringLiteralLike(e)) return out;
  const list = params ? unwrap(ts, params) : undefined;
  if (!list || !ts.isArrayLiteralExpression(list)) return out;
  const text = e.text;
  let questionMarks = 0;
  for (const m of text.matchAll(/\$(\d+)|\?/g)) {
    const index = m[1] !== undefined ? Number(m[1]) - 1 : questionMarks++;
    if (!comparesTenantAtEnd(text.slice(0, m.index), env)) continue;
    const value = list.elements[index];
    if (value && !ts.isSpreadElement(value) && !ts.isOmittedExpression(value)) out.push(value);
  }
  return out;
}
