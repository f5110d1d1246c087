import { normalizeFieldName } from '../model/names.js';
import type { AnalysisEnv } from './env.js';
import { isTenantKey } from './tenant.js';

export interface SqlFacts {
  statement: 'select' | 'update' | 'delete' | 'insert' | 'other';
  tables: string[];
  /** A WHERE / ON / USING predicate on a tenant column, or an RLS setting read. */
  hasTenantPredicate: boolean;
  /** Vector distance operators (pgvector). */
  isVectorSearch: boolean;
  /** `set_config('app.tenant…')` / `SET LOCAL app.tenant…`: the statement scopes the session itself. */
  setsTenantSetting: boolean;
}

/**
 * Tables of the database's own catalogue: PostgreSQL's `pg_*` / `pg_catalog.*`, SQLite's master table,
 * `information_schema.*`, ClickHouse's `system.*`, MySQL's `performance_schema.*`. They describe the
 * database (tables, parts, columns), not any tenant's rows.
 */
export const CATALOG_TABLE = /^(pg_\w+|sqlite_(master|schema)|(pg_catalog|information_schema|system|performance_schema)\.\w+)$/i;

const STATEMENT = /^\s*(?:with\b[\s\S]*?\)\s*)?(select|update|delete|insert)\b/i;

/** Is this text SQL at all? Only statements that start like one (avoids 'select an option'). */
/** ClickHouse mutations: `ALTER TABLE t DELETE WHERE …`, `ALTER TABLE t UPDATE c = v WHERE …` are a delete and an update. */
const MUTATION = /^\s*alter\s+table\s+((?:"?\w+"?\.)?"?\w+"?)(?:\s+on\s+cluster\s+\S+)?\s+(delete|update)\b/i;

export function looksLikeSql(text: string): boolean {
  return /^\s*(select|update|delete|insert|with)\s[\s\S]*\b(from|set|into|where|values)\b/i.test(text) || MUTATION.test(text) ||
    /^\s*(select\s+set_config|set\s+(local\s+)?[\w.]+\s*(=|to))/i.test(text);
}

/** Reads the facts the analysers need from SQL text; `$n` / `?` / `${…}` placeholders are opaque values. */
export function readSql(text: string, env: AnalysisEnv): SqlFacts {
  const sql = text.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const mutation = MUTATION.exec(sql);
  const statement = (mutation?.[2]?.toLowerCase() ?? STATEMENT.exec(sql)?.[1]?.toLowerCase() ?? 'other') as SqlFacts['statement'];
  const tables = new Set<string>();
  if (mutation?.[1]) tables.add(mutation[1].replace(/"/g, '').split('.').pop() ?? '');
  for (const m of sql.matchAll(/\b(?:from|join|update|into)\s+(?:only\s+)?((?:"?\w+"?\.)?"?\w+"?)/gi)) {
    const qualified = (m[1] ?? '').replace(/"/g, '');
    // The database's own catalogue (`system.parts`, `information_schema.tables`) keeps its schema: see CATALOG_TABLE.
    const name = CATALOG_TABLE.test(qualified) ? qualified.toLowerCase() : qualified.split('.').pop() ?? '';
    if (name && !/^(select|lateral|unnest|generate_series|json_\w+|jsonb_\w+)$/i.test(name)) tables.add(name);
  }
  const setsTenantSetting = /set_config\(\s*'[\w.]*tenant[\w.]*'|set\s+(local\s+)?[\w.]*tenant[\w.]*\s*(=|to)/i.test(sql);
  let hasTenantPredicate = /current_setting\(\s*'[\w.]*(tenant|org)[\w.]*'/i.test(sql) ||
    // A set-returning function handed the tenant: `FROM match_documents($x, $tenant, …)`.
    /\b(from|join)\s+[\w."]+\s*\((?:[^()]|\([^()]*\))*\$tenant\b/i.test(sql);
  // A tenant column compared in a predicate: `tenant_id = $1`, `d.org_id IN (…)`, `"tenantId" = ${t}`.
  for (const m of sql.matchAll(/(?:\b\w+\.)?"?(\w+)"?\s*(?:=|\bin\b|\bis\s+not\s+distinct\s+from\b|=\s*any)/gi)) {
    if (isTenantKey(normalizeFieldName(m[1] ?? ''), env) || isTenantKey(m[1] ?? '', env)) {
      const before = sql.slice(0, m.index ?? 0);
      if (/\b(where|and|on|using|or|having)\b[^;]*$/i.test(before)) hasTenantPredicate = true;
    }
  }
  // `SELECT … FROM models WHERE project_id IS NULL`: a read of the rows of no tenant (the shared catalogue), not
  // of every tenant's. Only a read, and only without an OR that could add other rows back.
  if (statement === 'select' && !/\bor\b/i.test(sql)) {
    for (const m of sql.matchAll(/(?:\b\w+\.)?"?(\w+)"?\s+is\s+null\b/gi)) {
      if (!isTenantKey(normalizeFieldName(m[1] ?? ''), env) && !isTenantKey(m[1] ?? '', env)) continue;
      if (/\b(where|and)\b[^;]*$/i.test(sql.slice(0, m.index ?? 0))) hasTenantPredicate = true;
    }
  }
  return {
    statement,
    tables: [...tables],
    hasTenantPredicate,
    isVectorSearch: /<=>|<->|<#>|<\+>/.test(sql),
    setsTenantSetting,
  };
}
