/**
 * The static RLS coverage check: from what the migrations leave behind (readMigrationFacts) and what
 * the program shows (does it use RLS, which roles it connects as), the places where PostgreSQL would
 * let one tenant read another's rows of a tenant table. Rules, in the words of the findings:
 *
 * - Nothing is reported unless the code base uses RLS (a migration enables it or creates a policy, or
 *   the code sets a tenant setting / runs withTenantTransaction): without RLS the queries' own filters
 *   are the isolation, and the query checks judge those.
 * - A tenant table (a table with a tenant column) on which RLS is never enabled, or disabled last.
 *   Not reported when RLS is enabled where the reader cannot see for which tables (DO blocks, functions).
 * - RLS enabled but not FORCEd while the application connects as the table's owner, which RLS skips.
 *   The application is taken to be the owner when the migrations grant the table to no other role (by
 *   name, schema-wide or by default privileges) and no policy names one (`TO app_user`), or when the
 *   role they grant it to also owns it.
 * - A permissive policy whose USING or WITH CHECK lets another tenant's rows through (see
 *   judgePredicate), unless a restrictive tenant policy on the same table and command holds them back.
 *   RLS enabled with no policy at all denies every row: covered.
 * - A role created or altered BYPASSRLS or SUPERUSER: P1 when it can read a tenant table (a superuser,
 *   an owner, a grantee, or a role the code connects as), P2 otherwise.
 */
import { normalizeFieldName, normalizeModelName } from '../model/names.js';
import type { MigrationFacts, PolicyFact, RoleFact, SqlAt, TableFact } from './migration-facts.js';
import { judgePredicate, keyColumnsOf, orBranches } from './policy-predicate.js';

export interface RlsGap {
  at: SqlAt;
  severity: 'P1' | 'P2';
  message: string;
  /** What is wrong, for the fingerprint: `no-rls`, `no-force`, `policy`, `bypass-role`. */
  problem: 'no-rls' | 'no-force' | 'policy' | 'bypass-role';
}

/** A place in the program that logs in as a database role (a connection string, a `user:` option). */
export interface RoleConnection {
  role: string;
  file: string;
  line: number;
}

export interface RlsJudgeOptions {
  /** Column names that carry the tenant (config tenantFields plus the ones learnt from the schema). */
  tenantFields: readonly string[];
  /** Tables config declares global (`globalModels`): never tenant tables here. */
  globalModels?: readonly string[];
  /** The program sets a tenant setting (set_config / SET LOCAL), runs withTenantTransaction or writes the runtime's policy SQL. */
  codeUsesRls: boolean;
  /** Roles the program connects as. */
  connections?: readonly RoleConnection[];
  /**
   * Roles the application is known to query tables as, by the file that creates them, whatever the
   * migrations grant: Supabase's API roles (`anon`, `authenticated`) for tables of `supabase/migrations`,
   * whose grants the platform makes outside the project's migrations.
   */
  appRoles?: (createdIn: string) => readonly string[];
}

/**
 * Roles that skip RLS wherever they are set up: the bootstrap superuser, the managed platforms' admin
 * roles, Supabase's `service_role`. A policy only for them changes nothing.
 */
const PLATFORM_BYPASS_ROLES = ['postgres', 'service_role', 'supabase_admin', 'rdsadmin', 'cloudsqlsuperuser', 'azure_superuser'];

/** Names that stand for no particular role in TO / GRANT lists. */
const NOT_A_ROLE = new Set(['public', 'current_user', 'session_user', 'current_role']);

/**
 * Tenant columns among `columns`: the configured and learnt names in any spelling, or, while a configured
 * name uses the word, a key named for the tenant (`tenant`, `tenant_uuid`, `owner_tenant_id`,
 * `tenant_slug`), not a flag that mentions it (`is_multi_tenant`).
 */
export function tenantColumnsOf(columns: readonly string[], tenantFields: readonly string[]): string[] {
  const wanted = new Set(tenantFields.map(normalizeFieldName));
  const tenantWord = [...wanted].some((f) => f.includes('tenant'));
  const tenantKey = (n: string): boolean => n === 'tenant' || /tenant(id|uuid|key|slug|code|ref)$/.test(n);
  return columns.filter((c) => wanted.has(normalizeFieldName(c)) || (tenantWord && tenantKey(normalizeFieldName(c))));
}

/** A name as SQL would have to write it: quoted unless it is a plain lower-case identifier. */
function show(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function qualified(t: TableFact): string {
  return t.schema === 'public' ? show(t.name) : `${show(t.schema)}.${show(t.name)}`;
}

/** The roles the migrations show reading the table: grantees by name or schema-wide, and policies' TO roles. */
function appRoles(table: TableFact, facts: MigrationFacts, known: readonly string[]): Set<string> {
  const roles = new Set<string>([...table.grantees, ...known]);
  for (const g of facts.schemaGrants) if (g.schema === undefined || g.schema === table.schema) for (const r of g.roles) roles.add(r);
  for (const p of table.policies.values()) for (const r of p.roles) roles.add(r);
  for (const r of NOT_A_ROLE) roles.delete(r);
  return roles;
}

/** Policies that apply to the command (a FOR ALL policy applies to every command). */
function appliesTo(p: PolicyFact, command: PolicyFact['command']): boolean {
  return p.command === 'all' || command === 'all' || p.command === command;
}

function policyGap(table: TableFact, policy: PolicyFact, columns: string[], facts: MigrationFacts): RlsGap | undefined {
  const keys = keyColumnsOf(table.columns, columns);
  const judge = (expression: string): ReturnType<typeof judgePredicate> => judgePredicate(expression, columns, facts.functions, keys);
  // USING filters the rows a command sees (not for INSERT); WITH CHECK (or USING, when absent) the rows it writes.
  const clauses: { clause: 'USING' | 'WITH CHECK'; expression: string }[] = [];
  if (policy.command !== 'insert' && policy.using !== undefined) clauses.push({ clause: 'USING', expression: policy.using });
  const check = policy.check ?? (policy.command === 'all' || policy.command === 'update' ? policy.using : undefined);
  if (policy.command !== 'select' && policy.command !== 'delete' && check !== undefined) clauses.push({ clause: 'WITH CHECK', expression: check });
  for (const { clause, expression } of clauses) {
    const verdict = judge(expression);
    if (verdict.ok) continue;
    // A restrictive tenant policy is ANDed with every permissive one: it holds the other tenants' rows back.
    const held = [...table.policies.values()].some((r) => !r.permissive && appliesTo(r, policy.command) &&
      (clause === 'USING' ? r.using !== undefined : (r.check ?? r.using) !== undefined) &&
      [r.using, r.check].every((e) => e === undefined || judge(e).ok));
    if (held) continue;
    const scope = policy.roles.filter((r) => r !== 'public');
    const forWhom = scope.length > 0 ? ` (for ${scope.join(', ')})` : '';
    const subject = orBranches(expression).length > 1 ? `the branch \`${verdict.branch}\` of its ${clause}` : `its ${clause} \`${verdict.branch}\``;
    const whose = verdict.why === 'is always true' ? 'every tenant\'s rows' : 'other tenants\' rows';
    const access = policy.command === 'all' || policy.command === 'select' ? 'readable' : `open to ${policy.command.toUpperCase()}`;
    const effect = clause === 'USING' ? `${whose} are ${access} through it` : 'rows can be written for any tenant through it';
    return {
      at: policy.at, severity: 'P2', problem: 'policy',
      message: `policy ${show(policy.name)} on ${qualified(table)}${forWhom}: ${subject} ${verdict.why}, so ${effect}. ` +
        `Compare the tenant column with the transaction's tenant setting, e.g. ${clause} (${columns[0]} = NULLIF(current_setting('app.tenant_id', true), ''))`,
    };
  }
  return undefined;
}

/** Whether the role can reach a tenant table: superuser, owner, grantee by name or schema-wide. */
function readsTenantTable(role: RoleFact, tenantTables: readonly TableFact[], facts: MigrationFacts): string | undefined {
  if (role.superuser) return 'a superuser reads every table';
  for (const t of tenantTables) {
    if (t.owner === role.name) return `it owns the tenant table ${qualified(t)}`;
    if (t.grantees.has(role.name)) return `it is granted the tenant table ${qualified(t)}`;
    if (facts.schemaGrants.some((g) => (g.schema === undefined || g.schema === t.schema) && g.roles.includes(role.name))) return `it is granted every table of schema ${t.schema}, among them the tenant table ${qualified(t)}`;
  }
  return undefined;
}

export function judgeRlsCoverage(facts: MigrationFacts, options: RlsJudgeOptions): RlsGap[] {
  if (!facts.rlsSeen && !options.codeUsesRls) return [];
  const globals = new Set((options.globalModels ?? []).map(normalizeModelName));
  const gaps: RlsGap[] = [];
  const tenantTables: TableFact[] = [];
  const bypassing = new Set([...PLATFORM_BYPASS_ROLES, ...[...facts.roles.values()].filter((r) => r.bypass || r.superuser).map((r) => r.name)]);
  for (const table of facts.tables.values()) {
    const columns = tenantColumnsOf(table.columns, options.tenantFields);
    if (columns.length === 0 || globals.has(normalizeModelName(table.name))) continue;
    tenantTables.push(table);
    const name = qualified(table);
    if (!table.rls?.on) {
      if (facts.dynamicRls) continue;
      const at = table.rls?.at ?? table.created;
      gaps.push({
        at, severity: 'P2', problem: 'no-rls',
        message: table.rls
          ? `row-level security on the tenant table ${name} (tenant column ${columns[0]}) is disabled here and not enabled again: PostgreSQL returns every tenant's rows to a query that forgets the tenant filter, withTenantTransaction or not`
          : `the tenant table ${name} (tenant column ${columns[0]}) never gets row-level security (no ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY in the migrations), while this code base relies on RLS elsewhere: a query on it that forgets the tenant filter returns every tenant's rows, withTenantTransaction or not`,
      });
    } else if (!table.force?.on) {
      const roles = appRoles(table, facts, options.appRoles?.(table.created.file) ?? []);
      const ownerIsApp = table.owner !== undefined && roles.has(table.owner);
      if (roles.size === 0 || ownerIsApp) {
        gaps.push({
          at: table.rls.at, severity: 'P2', problem: 'no-force',
          message: `row-level security on the tenant table ${name} is enabled but not FORCEd, and ${ownerIsApp
            ? `the role it is granted to (${table.owner}) also owns it`
            : 'the migrations grant it to no separate application role, so the application is taken to connect as the role that ran them, the table\'s owner'}; ` +
            `PostgreSQL does not apply RLS to the owner, so its queries see every tenant's rows. Add ALTER TABLE ${name} FORCE ROW LEVEL SECURITY, or connect as a granted role that neither owns the table nor has BYPASSRLS`,
        });
      }
    }
    for (const policy of table.policies.values()) {
      // A policy only for roles that bypass RLS anyway opens nothing they could not already read.
      if (!policy.permissive || policy.roles.every((r) => bypassing.has(r))) continue;
      const gap = policyGap(table, policy, columns, facts);
      if (gap) gaps.push(gap);
    }
  }
  for (const role of facts.roles.values()) gaps.push(...roleGaps(role, tenantTables, facts, options));
  return gaps;
}

function roleGaps(role: RoleFact, tenantTables: readonly TableFact[], facts: MigrationFacts, options: RlsJudgeOptions): RlsGap[] {
  const at = role.superuser ?? role.bypass;
  // SQL inside program code is already reported where it stands by the escape-hatch check.
  if (!at || at.embedded) return [];
  const what = role.superuser ? 'SUPERUSER' : 'BYPASSRLS';
  const connection = (options.connections ?? []).find((c) => c.role === role.name);
  const reach = readsTenantTable(role, tenantTables, facts) ?? (connection ? `${connection.file}:${connection.line} connects as it` : undefined);
  const also = connection && reach && !reach.includes('connects as it') ? `, and ${connection.file}:${connection.line} connects as it` : '';
  if (reach) {
    return [{
      at, severity: 'P1', problem: 'bypass-role',
      message: `role ${role.name} is given ${what}: no row-level security policy applies to it, and ${reach}${also}; every query made as ${role.name} reads all tenants' rows. ` +
        'Connect the application as a role without BYPASSRLS or SUPERUSER and scope it with withTenantTransaction(pool, tenantId, fn)',
    }];
  }
  return [{
    at, severity: 'P2', problem: 'bypass-role',
    message: `role ${role.name} is given ${what}: no row-level security policy applies to it. The migrations grant it no tenant table and the code does not visibly connect as it, but any connection made as ${role.name} reads all tenants' rows; drop the attribute (NO${what}) unless it is an operator role`,
  }];
}
