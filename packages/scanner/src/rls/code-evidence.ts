/**
 * What the program's code tells the RLS coverage check, read from its text and syntax (never run):
 * whether it uses row-level security at all, which database roles it logs in as, and the SQL its
 * migration scripts hold (TypeORM / knex string literals, knex `createTable` builders, calls of the
 * runtime's `tenantRlsPolicySql`).
 */
import { connectionUrlUsers, lineIndex, type RoleConnection, type SqlSource } from '@tenant-audit/core';
import { ts, type TS } from '../compiler.js';

export interface CodeFile {
  rel: string;
  text: string;
  /** The parsed file, asked for only where SQL may be embedded (migration scripts, runtime calls). */
  sf: () => TS.SourceFile;
}

/**
 * Setting or scoping the tenant for RLS: the runtime's transaction and policy helpers, `set_config` of a
 * tenant-like setting, `SET [LOCAL] app.tenant_id = …`.
 */
const USES_RLS = /\bwithTenantTransaction\b|\btenantRlsPolicySql\b|set_config\s*\(\s*'[\w.]*(?:tenant|org|workspace|team|account|company|customer)|\bset\s+(?:local\s+|session\s+)?[a-z_]\w*\.\w*(?:tenant|org|workspace|team|account|company|customer)\w*\s*(?:=|to)\b/i;
const USER_OPTION = /\b(?:user|username)\s*:\s*['"`]([A-Za-z_][\w$]*)['"`]/g;
const DATABASE_CODE = /\b(pg|postgres|Pool|Client|knex|Knex|Sequelize|DataSource|drizzle|createPool)\b/;
/** Migration scripts: a `migration(s)` / `migrate` folder or a file named for one. */
export const MIGRATION_PATH = /(^|\/)(migrations?|migrate)(\/|$)|migration[^/]*\.[cm]?[jt]sx?$/i;
const SQL_LITERAL = /\b(table|policy|role|user|grant|row\s+level)\b/i;

export function codeUsesRls(files: readonly CodeFile[]): boolean {
  return files.some((f) => USES_RLS.test(f.text));
}

/** Roles named in connection strings (`postgres://reporting:…@`) and `user:` options of database code. */
export function roleConnections(files: readonly CodeFile[]): RoleConnection[] {
  const out: RoleConnection[] = [];
  for (const f of files) {
    const text = f.text;
    if (!text.includes('postgres') && !DATABASE_CODE.test(text)) continue;
    const position = lineIndex(text);
    for (const { role, index } of connectionUrlUsers(text)) out.push({ role, file: f.rel, line: position(index).line });
    if (DATABASE_CODE.test(text)) {
      for (const m of text.matchAll(USER_OPTION)) out.push({ role: (m[1] ?? '').toLowerCase(), file: f.rel, line: position(m.index ?? 0).line });
    }
  }
  return out;
}

/** The literal's text with `${…}` parts blanked to `?` (same length), so offsets stay the file's. */
function literalRegion(node: TS.StringLiteral | TS.NoSubstitutionTemplateLiteral | TS.TemplateExpression, sf: TS.SourceFile, masked: string[]): { start: number; end: number } {
  const start = node.getStart(sf) + 1;
  const end = node.end - 1;
  if (ts.isTemplateExpression(node)) {
    let from = node.head.end - 2;
    for (const span of node.templateSpans) {
      const to = span.literal.getStart(sf) + 1;
      for (let i = from; i < to; i++) if (masked[i] !== '\n') masked[i] = '?';
      from = span.literal.end - 2;
    }
  }
  return { start, end };
}

/** `tenantRlsPolicySql('documents', { column: 'org_id', setting: 'app.org_id' })`. */
function runtimePolicyCall(call: TS.CallExpression, sf: TS.SourceFile): { start: number; end: number; code: string } | undefined {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (name !== 'tenantRlsPolicySql') return undefined;
  const [table, options] = call.arguments;
  if (!table || !ts.isStringLiteralLike(table)) return undefined;
  const option = (key: string): string | undefined => {
    if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
    for (const p of options.properties) {
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
    }
    return undefined;
  };
  const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;
  const args = [table.text, option('column') ?? 'tenant_id', option('setting') ?? 'app.tenant_id', option('policyName') ?? 'tenant_isolation'];
  return { start: call.getStart(sf), end: call.end, code: `SELECT tenant_audit_enable_rls(${args.map(quote).join(', ')})` };
}

/** knex `createTable('docs', (t) => { t.uuid('tenant_id'); … })` as the CREATE TABLE it amounts to. */
function knexCreateTable(call: TS.CallExpression, sf: TS.SourceFile): { start: number; end: number; code: string } | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !/^createTable(IfNotExists)?$/.test(callee.name.text)) return undefined;
  const [table, builder] = call.arguments;
  if (!table || !ts.isStringLiteralLike(table) || !builder) return undefined;
  // Every `t.<type>('column', …)` inside the builder callback names a column.
  const columns: string[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) columns.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(builder);
  if (columns.length === 0) return undefined;
  const ident = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  return { start: call.getStart(sf), end: call.end, code: `CREATE TABLE ${ident(table.text)} (${[...new Set(columns)].map((c) => `${ident(c)} text`).join(', ')})` };
}

/**
 * The SQL program code holds: string literals of migration scripts, knex table builders there, and
 * calls of the runtime's `tenantRlsPolicySql` anywhere. One source per file that has any.
 */
export function embeddedSql(files: readonly CodeFile[]): SqlSource[] {
  const sources: SqlSource[] = [];
  for (const f of files) {
    const migration = MIGRATION_PATH.test(f.rel);
    if (!migration && !f.text.includes('tenantRlsPolicySql')) continue;
    const sf = f.sf();
    const masked = sf.text.split('');
    const regions: { start: number; end: number }[] = [];
    const statements: { start: number; end: number; code: string }[] = [];
    const visit = (n: TS.Node): void => {
      if (migration && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) && SQL_LITERAL.test(n.getText(sf))) {
        regions.push(literalRegion(n, sf, masked));
        return;
      }
      if (ts.isCallExpression(n)) {
        const synthetic = runtimePolicyCall(n, sf) ?? (migration ? knexCreateTable(n, sf) : undefined);
        if (synthetic) statements.push(synthetic);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    if (regions.length > 0 || statements.length > 0) sources.push({ path: f.rel, text: masked.join(''), regions, statements });
  }
  return sources;
}
