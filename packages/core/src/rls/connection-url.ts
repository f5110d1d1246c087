/**
 * `postgres://user[:password]@host/db` in code: the database role a connection string logs in as. One
 * reading serves the escape-hatch check (a superuser login bypasses row-level security) and the
 * scanner's RLS coverage (which roles the code connects as). The user stops at quotes, white space and
 * `$` so a URL inside a literal or a template never runs into the code around it.
 */
const URL_USER = /postgres(?:ql)?:\/\/([^:@/\s'"`$]+)(?::[^@/\s'"`]*)?@/gi;

/** Roles that are superusers on stock PostgreSQL and the managed services. */
const SUPERUSERS = new Set(['postgres', 'root', 'superuser', 'rdsadmin', 'supabase_admin', 'cloudsqlsuperuser']);

export interface ConnectionUrlUser {
  /** The user, percent-decoded (`my%40role` is `my@role`) and lower-cased as PostgreSQL folds unquoted names. */
  role: string;
  /** Where the URL starts in the text. */
  index: number;
}

/** Every connection URL in the text with the user it logs in as. */
export function connectionUrlUsers(text: string): ConnectionUrlUser[] {
  const out: ConnectionUrlUser[] = [];
  for (const m of text.matchAll(URL_USER)) {
    let role = m[1] ?? '';
    try {
      role = decodeURIComponent(role);
    } catch {
      // a malformed escape: keep the text as written
    }
    out.push({ role: role.toLowerCase(), index: m.index ?? 0 });
  }
  return out;
}

/** A string that is a connection URL logging in as a database superuser (`postgres://postgres:pw@db`). */
export function isSuperuserConnectionUrl(text: string): boolean {
  const first = connectionUrlUsers(text)[0];
  return first !== undefined && first.index === 0 && SUPERUSERS.has(first.role);
}
