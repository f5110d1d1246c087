/**
 * Whether a policy expression (USING or WITH CHECK) confines rows to the session's tenant. Read as
 * text, branch by branch: each top-level OR branch must compare a tenant column (or a subquery) with
 * the session's identity — a `current_setting(…)`, `current_user`, Supabase's `auth.uid()` /
 * `auth.jwt()`, or a function the migrations define that reads one of them. A branch that does not
 * (`true`, `1 = 1`, `is_public`, `current_setting('app.tenant_id', true) IS NULL`) lets every
 * tenant's rows through whenever it holds.
 */
import { normalizeFieldName } from '../model/names.js';
import { isOwnerKey } from '../recognise/tenant.js';
import { readIdentifier, splitTopLevel } from './sql-names.js';

export type PredicateVerdict = { ok: true } | { ok: false; branch: string; why: string };

const IDENTITY = /\bcurrent_setting\s*\(|\b(current_user|session_user|current_role)\b|\bauth\s*\.\s*(uid|jwt|org_id|tenant_id)\s*\(/i;
/** A function the migrations do not define, named like a getter of the session's tenant or user. */
const IDENTITY_LIKE_CALL = /\b([a-z_][a-z0-9_]*\.)?([a-z_][a-z0-9_]*(?:tenant|org|workspace|team|account|company|customer|user|auth|session|jwt|claim)[a-z0-9_]*)\s*\(/gi;
const NEGATIVE = /<>|!=|\bnot\s+in\b|\bis\s+distinct\s+from\b/i;
const POSITIVE = /(?<![<>!])=|\bin\s*\(|\bany\s*\(|\bexists\s*\(/i;

/** String literals blanked (`''`), so words inside them are not read as names. */
function withoutStrings(text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, "''");
}

function stripParens(text: string): string {
  let t = text.trim();
  for (;;) {
    if (!t.startsWith('(') || !t.endsWith(')')) return t;
    // Only when the opening parenthesis closes at the very end: `(a) = (b)` keeps its parentheses.
    let depth = 0;
    let closesAtEnd = true;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '(') depth++;
      else if (t[i] === ')') depth--;
      if (depth === 0 && i < t.length - 1) {
        closesAtEnd = false;
        break;
      }
    }
    if (!closesAtEnd) return t;
    t = t.slice(1, -1).trim();
  }
}

/** `true`, `1 = 1`, `'a' = 'a'`, `NOT false`, `true = true`: holds for every row. */
export function isAlwaysTrue(expression: string): boolean {
  const t = stripParens(expression).replace(/\s+/g, ' ').toLowerCase().replace(/::\s*bool(ean)?\b/g, '');
  if (/^(true|'t'|'true'|'on'|'yes'|not false|not \(false\))$/.test(t)) return true;
  const eq = /^(.+?) ?= ?(.+)$/.exec(t);
  if (eq && !/[<>!]$/.test(eq[1] ?? '')) {
    const left = stripParens(eq[1] ?? '');
    const right = stripParens(eq[2] ?? '');
    if (left === right && /^(-?\d+(\.\d+)?|'(?:[^']|'')*'|true|false|null)$/.test(left) && left !== 'null') return true;
  }
  return false;
}

/** Top-level OR branches (AND binds tighter, so each branch is one alternative way in). */
export function orBranches(expression: string): string[] {
  return splitTopLevel(stripParens(expression), /\bor\b/iy).map((b) => stripParens(b)).filter((b) => b.length > 0);
}

/** Identifiers the text names outside string literals, folded as PostgreSQL folds them. */
function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  const plain = withoutStrings(text);
  for (let i = 0; i < plain.length; i++) {
    const ch = plain[i] ?? '';
    if (ch === '"' || /[A-Za-z_]/.test(ch)) {
      if (i > 0 && /[A-Za-z0-9_$]/.test(plain[i - 1] ?? '')) continue;
      const id = readIdentifier(plain, i);
      if (!id) continue;
      names.add(id.name);
      i = id.end - 1;
    }
  }
  return names;
}

/**
 * Whether the text reads the session's identity: directly, through a function the migrations define
 * (looked into once per name), or through a function they do not define that is named like a tenant
 * or user getter (`app.current_tenant_id()`: it lives elsewhere, and its name says what it returns).
 */
export function readsIdentity(text: string, functions: ReadonlyMap<string, string>, seen = new Set<string>()): boolean {
  const plain = withoutStrings(text);
  if (IDENTITY.test(plain)) return true;
  for (const m of plain.matchAll(/\b([a-z_][a-z0-9_]*)\s*\(/gi)) {
    const name = (m[1] ?? '').toLowerCase();
    const body = functions.get(name);
    if (body === undefined || seen.has(name)) continue;
    seen.add(name);
    if (readsIdentity(body, functions, seen)) return true;
  }
  for (const m of plain.matchAll(IDENTITY_LIKE_CALL)) {
    const name = (m[2] ?? '').toLowerCase();
    if (!functions.has(name) && !/^(current_setting|current_user|session_user)$/.test(name)) return true;
  }
  return false;
}

/**
 * The row's columns a branch may compare with the session's identity: its tenant columns, and its other
 * keys (`id`, `user_id`, `owner_id`, `createdBy`…), since rows confined to one user (Supabase's
 * `user_id = auth.uid()`) are confined to that user's tenant as well.
 */
export function keyColumnsOf(columns: readonly string[], tenantColumns: readonly string[]): string[] {
  return [...new Set([...tenantColumns, ...columns.filter((c) => /(id|uid|by)$/.test(normalizeFieldName(c)) || isOwnerKey(c))])];
}

/** Judges one policy expression against the table's tenant columns and other key columns. */
export function judgePredicate(expression: string, tenantColumns: readonly string[], functions: ReadonlyMap<string, string>, keyColumns: readonly string[] = tenantColumns): PredicateVerdict {
  for (const branch of orBranches(expression)) {
    const shown = branch.replace(/\s+/g, ' ').trim();
    if (isAlwaysTrue(branch)) return { ok: false, branch: shown, why: 'is always true' };
    const plain = withoutStrings(branch);
    if (!readsIdentity(branch, functions)) {
      return { ok: false, branch: shown, why: 'reads no tenant setting (current_setting(…)) or other session identity' };
    }
    const names = namesIn(branch);
    const column = keyColumns.some((c) => names.has(c)) || tenantColumns.some((c) => names.has(c));
    const subquery = /\bselect\b/i.test(plain);
    if (!column && !subquery) {
      return { ok: false, branch: shown, why: `compares neither the tenant column (${tenantColumns.join(', ')}) nor another key of the row with the session's identity` };
    }
    if (NEGATIVE.test(plain) && !subquery) return { ok: false, branch: shown, why: 'compares the tenant column with the session\'s tenant for inequality' };
    if (!POSITIVE.test(plain)) return { ok: false, branch: shown, why: 'does not test the tenant column for equality with the session\'s tenant' };
  }
  return { ok: true };
}
