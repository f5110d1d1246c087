/**
 * checkTenantRls: a start-up / CI probe that the database really enforces what withTenantTransaction
 * relies on. Each of these silently turns RLS off: RLS not enabled, not FORCEd (the owner bypasses it),
 * no policy (then RLS denies everything, which looks like data loss), or an app role that is
 * superuser / BYPASSRLS (then no policy applies at all).
 */
import type { PgQueryable } from './types.js';

export interface TenantRlsCheck {
  table: string;
  rlsEnabled: boolean;
  rlsForced: boolean;
  policyCount: number;
  roleIsSuperuser: boolean;
  roleBypassesRls: boolean;
  /** Human-readable problems; empty when the table is tenant-isolated for the connected role. */
  problems: string[];
}

type Row = {
  found: boolean; relrowsecurity: boolean | null; relforcerowsecurity: boolean | null; policies: string | number | null;
  rolsuper: boolean; rolbypassrls: boolean; role: string;
} & Record<string, unknown>;

export async function checkTenantRls(db: PgQueryable, table: string): Promise<TenantRlsCheck> {
  const { rows } = await db.query<Row>(
    `SELECT c.oid IS NOT NULL AS found, c.relrowsecurity, c.relforcerowsecurity,
            (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
            r.rolsuper, r.rolbypassrls, r.rolname AS role
       FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass($1)
      WHERE r.rolname = current_user`,
    [table],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('checkTenantRls: could not read the current role');
  const result: TenantRlsCheck = {
    table,
    rlsEnabled: row.relrowsecurity === true,
    rlsForced: row.relforcerowsecurity === true,
    policyCount: Number(row.policies ?? 0),
    roleIsSuperuser: row.rolsuper,
    roleBypassesRls: row.rolbypassrls,
    problems: [],
  };
  if (!row.found) result.problems.push(`table ${table} not found`);
  if (row.found && !result.rlsEnabled) result.problems.push(`row level security is not enabled on ${table}`);
  if (row.found && !result.rlsForced) result.problems.push(`row level security is not FORCEd on ${table}: its owner bypasses the policies`);
  if (row.found && result.policyCount === 0) result.problems.push(`${table} has no policy: RLS denies every row`);
  if (result.roleIsSuperuser) result.problems.push(`role ${row.role} is a superuser: RLS never applies to it`);
  if (result.roleBypassesRls) result.problems.push(`role ${row.role} has BYPASSRLS: RLS never applies to it`);
  return result;
}
