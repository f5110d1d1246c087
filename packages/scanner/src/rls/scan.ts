import { judgeRlsCoverage, readMigrationFacts, type DataModel, type ResolvedConfig, type SourceText, type SqlSource } from '@tenant-audit/core';
import type { RawFinding } from '../analysis/raw-finding.js';
import { codeUsesRls, embeddedSql, MIGRATION_PATH, roleConnections, type CodeFile } from './code-evidence.js';

const SUPABASE_MIGRATION = /(^|\/)supabase\/migrations\//;
/** SQL written for Supabase: its auth helpers and API roles. */
const SUPABASE_SQL = /\bauth\s*\.\s*(uid|jwt)\s*\(|\bto\s+(authenticated|anon)\b|\bservice_role\b/i;

/**
 * The static RLS coverage check (`missing-rls-policy`): reads the SQL migrations under the scan root
 * (plain `.sql`, Prisma's `migrations/<name>/migration.sql`, Drizzle's output) and the SQL that
 * migration scripts hold, in path order as migration tools apply them, and reports the tenant tables
 * PostgreSQL would not protect. `schema.prisma` has no RLS syntax, so it only lends tenant columns
 * through the data model's learnt tenant fields.
 */
export function scanRls(schemaTexts: readonly SourceText[], files: readonly CodeFile[], config: ResolvedConfig, dataModel: DataModel): RawFinding[] {
  // Cheap before anything is parsed: no SQL at all means no tables to judge.
  if (!schemaTexts.some((s) => /\.sql$/i.test(s.path)) && !files.some((f) => f.text.includes('tenantRlsPolicySql') || MIGRATION_PATH.test(f.rel))) return [];
  const sqlFiles: SqlSource[] = schemaTexts.filter((s) => /\.sql$/i.test(s.path)).map((s) => ({ path: s.path, text: s.text }));
  const sources = [...sqlFiles, ...embeddedSql(files)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const facts = readMigrationFacts(sources);
  const usesRls = codeUsesRls(files);
  if (!facts.rlsSeen && !usesRls) return [];
  const supabase = sqlFiles.some((f) => SUPABASE_SQL.test(f.text)) || files.some((f) => f.text.includes('@supabase/'));
  const gaps = judgeRlsCoverage(facts, {
    tenantFields: [...config.tenantFields, ...dataModel.inferredTenantFields],
    globalModels: config.globalModels,
    codeUsesRls: usesRls,
    connections: roleConnections(files),
    // Supabase's API (PostgREST) queries as `anon` / `authenticated`, granted by the platform, never as the owner.
    appRoles: (file) => (supabase || SUPABASE_MIGRATION.test(file) ? ['anon', 'authenticated'] : []),
  });
  return gaps.map((g) => ({
    kind: 'missing-rls-policy',
    file: g.at.file, line: g.at.line, column: g.at.column, endLine: g.at.endLine, endColumn: g.at.endColumn,
    message: g.message, symbol: undefined, trace: undefined,
    code: `${g.problem} ${g.at.code}`,
    ...(g.severity === 'P1' ? { severity: 'P1' as const } : {}),
  }));
}
