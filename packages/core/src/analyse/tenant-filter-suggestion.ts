import type * as TS from 'typescript';
import { normalizeFieldName } from '../model/names.js';
import { nameOf, unwrap } from '../recognise/ast.js';
import { sourceFileOf, type AnalysisEnv } from '../recognise/env.js';
import type { LocalFinding, Suggestion } from './types.js';
import { verifiedTenantInScope } from './verified-tenant.js';

/** The object literal of `call(…{ where: { … } }…)`'s first argument, when written in place. */
function whereLiteral(ts: AnalysisEnv['ts'], call: TS.CallExpression): TS.ObjectLiteralExpression | undefined {
  const options = call.arguments[0] ? unwrap(ts, call.arguments[0]) : undefined;
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  for (const p of options.properties) {
    if (!ts.isPropertyAssignment(p) || nameOf(ts, p.name) !== 'where') continue;
    const where = unwrap(ts, p.initializer);
    return ts.isObjectLiteralExpression(where) ? where : undefined;
  }
  return undefined;
}

/**
 * `prisma.document.findFirst({ where: { id } })` in a function that already holds the verified tenant
 * (`ctx.session.organizationId`): a suggestion to put it in the filter under the model's own tenant
 * column, `{ where: { id, organizationId: ctx.session.organizationId } }`. Only for a filter written in
 * place without spreads, on a model whose tenant column the data model knows; never an autofix.
 */
export function tenantFilterSuggestion(finding: LocalFinding, env: AnalysisEnv): Suggestion | undefined {
  const ts = env.ts;
  const sink = finding.sink;
  if (finding.messageId !== 'unscopedQuery' || !sink?.match.model || sink.match.writtenKey !== undefined) return undefined;
  const column = env.dataModel.fact(sink.match.model)?.tenantField;
  const call = sink.match.node;
  if (!column || !ts.isCallExpression(call)) return undefined;
  const where = whereLiteral(ts, call);
  if (!where || where.properties.some((p) => !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) ||
      normalizeFieldName(nameOf(ts, p.name) ?? '') === normalizeFieldName(column))) return undefined;
  const value = verifiedTenantInScope(call, finding.fn, env, column);
  if (!value) return undefined;
  const entry = value.text === column ? column : `${column}: ${value.text}`;
  const sf = sourceFileOf(call, env);
  const last = where.properties[where.properties.length - 1];
  const change = last
    ? { start: last.end, end: last.end, text: `, ${entry}` }
    : { start: where.getStart(sf), end: where.end, text: `{ ${entry} }` };
  const shown = value.text.length <= 60 ? value.text : `${value.text.slice(0, 57)}…`;
  return { id: 'addVerifiedTenant', description: `Filter by ${column}: ${shown}, the verified tenant`, changes: [change] };
}

/** The finding with the suggestion added, when there is one. */
export function withTenantFilterSuggestion(finding: LocalFinding, env: AnalysisEnv): LocalFinding {
  const suggestion = tenantFilterSuggestion(finding, env);
  return suggestion ? { ...finding, suggestions: [...(finding.suggestions ?? []), suggestion] } : finding;
}
