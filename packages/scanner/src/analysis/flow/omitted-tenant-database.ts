import { calleeName, isFunctionLike, mentionsTenant, isTenantName, readSql, sqlText, type FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { FileIndex } from '../callgraph/syntax-index.js';
import { callersOf, enclosingFn, nameOfFn, tsm, type ProgramView } from './program-view.js';

export interface OmittedDatabase {
  call: TS.CallExpression;
  wrapper: string;
  param: string;
  filled: number;
  example: string;
  tables: string[];
}

/** `events`, `api_keys`: the tables a call's statement (or its table-name argument) touches. */
function tablesOf(view: ProgramView, call: TS.CallExpression): string[] {
  const env = view.ctx.env;
  const arg0 = call.arguments[0];
  if (!arg0) return [];
  const text = sqlText(arg0, env);
  if (text !== undefined) return readSql(text, env).tables;
  // `insert('webhooks', rows)`: a table named by its first argument.
  return ts.isStringLiteral(arg0) && /^\w+$/.test(arg0.text) ? [arg0.text] : [];
}

/**
 * The tenant's own table (`workspaces`), tables that carry a tenant column (scoped by the column,
 * judged as data sinks) and bookkeeping tables: what every database-per-tenant app keeps in the
 * shared database on purpose.
 */
function sharedOnPurpose(view: ProgramView, table: string): boolean {
  const env = view.ctx.env;
  const singular = table.replace(/ies$/, 'y').replace(/s$/, '');
  return isTenantName(table, env) || isTenantName(singular, env) || env.dataModel.isTenantModel(table) === true || /^_|migration/i.test(table);
}

/** Whether any entry point (a request handler, or a job acting for a tenant) reaches `fn` over the call graph. */
function reachedByAnEntry(view: ProgramView, fn: FunctionLike | undefined): boolean {
  const queue: FunctionLike[] = fn ? [fn] : [];
  const seen = new Set<FunctionLike>();
  while (queue.length > 0 && seen.size < 2000) {
    const start = queue.shift() as FunctionLike;
    for (let f: FunctionLike | undefined = start; f; f = enclosingFn(f)) {
      if (seen.has(f)) break;
      seen.add(f);
      if (view.entries.has(f)) return true;
      const callers = nameOfFn(f) !== undefined ? callersOf(view, f) : [];
      for (const c of callers) {
        const caller = enclosingFn(c);
        if (caller && !seen.has(caller)) queue.push(caller);
      }
      if (callers.length > 0) break;
    }
  }
  return false;
}

/**
 * Database-per-tenant: a wrapper takes the tenant's database as an optional argument
 * (`queryResults(sql, databaseName?)`), some call sites fill it from the tenant
 * (`workspace.databaseName`), and a call on a request path leaves it out, so its statement runs on
 * the shared default database where every tenant's rows meet.
 */
export function omittedTenantDatabases(view: ProgramView, indexes: Iterable<FileIndex>): OmittedDatabase[] {
  const env = view.ctx.env;
  const out: OmittedDatabase[] = [];
  for (const ix of indexes) {
    for (const param of ix.databaseParams) {
      const fn = param.parent;
      // A parameter of a signature without a body (an overload, an interface member) has no callers to follow.
      if (!isFunctionLike(tsm, fn)) continue;
      const index = fn.parameters.indexOf(param);
      const calls = callersOf(view, fn);
      const filled = calls.filter((c) => c.arguments[index] !== undefined && mentionsTenant(c.arguments[index], env));
      if (filled.length === 0) continue;
      const paramName = (param.name as TS.Identifier).text;
      for (const call of calls) {
        if (call.arguments.length > index) continue;
        const tables = tablesOf(view, call);
        if (tables.length === 0 || tables.some((t) => sharedOnPurpose(view, t))) continue;
        // Any entry point counts: a tenant's request, or a job acting for one.
        if (!reachedByAnEntry(view, enclosingFn(call))) continue;
        out.push({
          call, wrapper: nameOfFn(fn) ?? calleeName(tsm, call) ?? 'the wrapper', param: paramName, filled: filled.length,
          example: (filled[0]?.arguments[index] as TS.Expression).getText(), tables,
        });
      }
    }
  }
  return out;
}
