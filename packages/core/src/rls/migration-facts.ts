/**
 * What a set of SQL migrations, read in order, leaves behind for row-level security: tables and their
 * columns, whether RLS is enabled and forced on each, their policies, owners and grants, and roles
 * created or altered with BYPASSRLS / SUPERUSER. Read, never executed: statements the reader does not
 * know are skipped, and RLS switched on dynamically (inside a DO block or a function body) is noted so
 * the judgement can stay silent about tables it cannot see.
 */
import { MigrationReader } from './migration-reader.js';
import { lineIndex, splitSqlStatements, type SqlStatement } from './sql-statements.js';

/** Where a statement sits, for findings: 1-based, the span of its first line. */
export interface SqlAt {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The statement, whitespace-normalised (what a fingerprint hashes). */
  code: string;
  /** SQL embedded in program code (a migration's string literal) rather than a `.sql` file. */
  embedded: boolean;
}

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

export interface PolicyFact {
  name: string;
  at: SqlAt;
  permissive: boolean;
  command: PolicyCommand;
  /** Roles after TO, lower-cased (`public` when none is named). */
  roles: string[];
  using: string | undefined;
  check: string | undefined;
}

export interface TableFact {
  schema: string;
  name: string;
  columns: string[];
  created: SqlAt;
  /** The last ENABLE / DISABLE ROW LEVEL SECURITY. */
  rls: { on: boolean; at: SqlAt } | undefined;
  /** The last FORCE / NO FORCE ROW LEVEL SECURITY. */
  force: { on: boolean; at: SqlAt } | undefined;
  /** A role named as owner (`OWNER TO`, or `SET ROLE` before the CREATE); undefined: the role that ran the migration. */
  owner: string | undefined;
  policies: Map<string, PolicyFact>;
  /** Roles granted any privilege on the table by name. */
  grantees: Set<string>;
}

export interface RoleFact {
  name: string;
  /** The statement that gave BYPASSRLS, while it is not taken back. */
  bypass: SqlAt | undefined;
  /** The statement that gave SUPERUSER, while it is not taken back. */
  superuser: SqlAt | undefined;
}

export interface MigrationFacts {
  tables: Map<string, TableFact>;
  roles: Map<string, RoleFact>;
  /** `GRANT … ON ALL TABLES IN SCHEMA s` / `ALTER DEFAULT PRIVILEGES [IN SCHEMA s] GRANT … ON TABLES`: schema (undefined = every schema) and roles. */
  schemaGrants: { schema: string | undefined; roles: string[] }[];
  /** Functions the migrations define, by unqualified name: their whole statement (signature and body). */
  functions: Map<string, string>;
  /** Some statement enables RLS or creates a policy: the code base uses row-level security. */
  rlsSeen: boolean;
  /** RLS is switched on where the reader cannot tell for which tables (a DO block, a function body, a name built at run time). */
  dynamicRls: boolean;
}

/** A file (or the SQL inside a program file) to read. */
export interface SqlSource {
  path: string;
  /** The file's text; with `regions`, only those ranges hold SQL (the rest may be anything). */
  text: string;
  /** Ranges of `text` that hold SQL, e.g. the string literals of a knex or TypeORM migration. */
  regions?: { start: number; end: number }[];
  /**
   * Statements that stand for program code at `start` (a knex `createTable(…)`, a call of the runtime's
   * `tenantRlsPolicySql(…)`), written as the SQL they amount to.
   */
  statements?: { start: number; end: number; code: string }[];
}


function normalise(code: string): string {
  return code.replace(/\s+/g, ' ').trim().slice(0, 400);
}

/** Reads every source in order (sort them as the migration tool applies them: by path). */
export function readMigrationFacts(sources: readonly SqlSource[]): MigrationFacts {
  const facts: MigrationFacts = { tables: new Map(), roles: new Map(), schemaGrants: [], functions: new Map(), rlsSeen: false, dynamicRls: false };
  const reader = new MigrationReader(facts);
  for (const source of sources) {
    const position = lineIndex(source.text);
    const regions = source.regions ?? (source.statements ? [] : [{ start: 0, end: source.text.length }]);
    const found: (SqlStatement & { shown?: string })[] = (source.statements ?? []).map((s) => ({ code: s.code, start: s.start, end: s.end, shown: source.text.slice(s.start, s.end) }));
    for (const region of regions) {
      for (const st of splitSqlStatements(source.text.slice(region.start, region.end))) {
        found.push({ code: st.code, start: region.start + st.start, end: region.start + st.end });
      }
    }
    found.sort((a, b) => a.start - b.start);
    for (const st of found) {
      const begin = position(st.start);
      const firstLine = (st.shown ?? st.code).split('\n')[0]?.trimEnd() ?? '';
      const at: SqlAt = {
        file: source.path, line: begin.line, column: begin.column, endLine: begin.line, endColumn: begin.column + firstLine.length,
        code: normalise(st.code), embedded: source.regions !== undefined || source.statements !== undefined,
      };
      reader.statement(st, at);
    }
  }
  return facts;
}

