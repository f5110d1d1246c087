/**
 * The statement handlers of readMigrationFacts: each known statement (CREATE / ALTER / DROP TABLE,
 * CREATE / ALTER / DROP POLICY, CREATE / ALTER ROLE, GRANT, ALTER DEFAULT PRIVILEGES, CREATE FUNCTION,
 * SET ROLE, DO, the runtime helper's SELECT) updates the facts; anything else is skipped.
 */
import type { MigrationFacts, PolicyFact, SqlAt, TableFact } from './migration-facts.js';
import { policyClauses } from './policy-clauses.js';
import { RUNTIME_RLS_FUNCTION, runtimePredicate } from './runtime-policy.js';
import { parenthesised, readIdentifier, readNameList, readQualifiedName, splitTopLevel, type QualifiedName } from './sql-names.js';
import type { SqlStatement } from './sql-statements.js';

const RLS_WORDS = /\b(enable|force)\s+row\s+level\s+security\b/i;
const NOT_A_COLUMN = /^(constraint|primary|foreign|unique|check|exclude|like|index|key)$/i;

/** The statement handlers, sharing the tables read so far and the role a `SET ROLE` switched to. */
export class MigrationReader {
  private currentRole: string | undefined;

  constructor(private readonly facts: MigrationFacts) {}

  /** The table a reference names: exact when qualified, else `public`, else the only table of that name. */
  resolve(ref: QualifiedName): TableFact | undefined {
    if (ref.schema !== undefined) return this.facts.tables.get(`${ref.schema}.${ref.name}`);
    const inPublic = this.facts.tables.get(`public.${ref.name}`);
    if (inPublic) return inPublic;
    const named = [...this.facts.tables.values()].filter((t) => t.name === ref.name);
    return named.length === 1 ? named[0] : undefined;
  }

  statement(st: SqlStatement, at: SqlAt): void {
    const code = st.code;
    const head = /^\s*(\w+)(?:\s+(\w+))?(?:\s+(\w+))?/.exec(code);
    const words = [head?.[1], head?.[2], head?.[3]].map((w) => (w ?? '').toLowerCase());
    const [w1, w2] = words;
    if (w1 === 'create' && /^create\s+(?:(?:global|local)\s+)?(?:(?:temp|temporary|unlogged)\s+)?table\b/i.test(code)) this.createTable(code, at);
    else if (w1 === 'alter' && w2 === 'table') this.alterTable(code, at);
    else if (w1 === 'create' && w2 === 'policy') this.createPolicy(code, at);
    else if (w1 === 'alter' && w2 === 'policy') this.alterPolicy(code, at);
    else if (w1 === 'drop' && w2 === 'policy') this.dropPolicy(code);
    else if (w1 === 'drop' && w2 === 'table') this.dropTable(code);
    else if ((w1 === 'create' || w1 === 'alter') && (w2 === 'role' || w2 === 'user')) this.role(code, at);
    else if (w1 === 'grant') this.grant(code);
    else if (w1 === 'alter' && w2 === 'default') this.defaultPrivileges(code);
    else if (w1 === 'create' && /^create\s+(?:or\s+replace\s+)?(?:function|procedure)\b/i.test(code)) this.createFunction(code);
    else if (w1 === 'set' || w1 === 'reset') this.setRole(code);
    else if (w1 === 'do' && RLS_WORDS.test(code)) this.markDynamic();
    // `SELECT tenant_audit_enable_rls('docs')`, also inside a DO block (`PERFORM …`).
    if ((w1 === 'select' || w1 === 'do') && code.toLowerCase().includes(RUNTIME_RLS_FUNCTION)) this.runtimeHelperCalls(code, at);
  }

  private markDynamic(): void {
    this.facts.dynamicRls = true;
    this.facts.rlsSeen = true;
  }

  private createTable(code: string, at: SqlAt): void {
    const m = /^create\s+(?:(?:global|local)\s+)?(?:(?:temp|temporary|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?/i.exec(code);
    const ref = m ? readQualifiedName(code, m[0].length) : undefined;
    if (!ref) return;
    const rest = code.slice(ref.end);
    const open = rest.search(/\S/);
    // `PARTITION OF parent` (judged through the parent), `AS SELECT …` (columns unknown): not read.
    if (open === -1 || rest[open] !== '(') return;
    const body = parenthesised(rest, open);
    if (!body) return;
    const columns: string[] = [];
    for (const part of splitTopLevel(body.inner)) {
      const id = readIdentifier(part, 0);
      if (id && !(NOT_A_COLUMN.test(id.name) && !/^\s*"/.test(part))) columns.push(id.name);
    }
    const schema = ref.schema ?? 'public';
    const key = `${schema}.${ref.name}`;
    // `CREATE TABLE IF NOT EXISTS` again (an idempotent re-run) keeps what the first one set up.
    const existing = this.facts.tables.get(key);
    if (existing) {
      for (const c of columns) if (!existing.columns.includes(c)) existing.columns.push(c);
      return;
    }
    this.facts.tables.set(key, {
      schema, name: ref.name, columns, created: at, rls: undefined, force: undefined, owner: this.currentRole,
      policies: new Map(), grantees: new Set(),
    });
  }

  private alterTable(code: string, at: SqlAt): void {
    const m = /^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?/i.exec(code);
    const ref = m ? readQualifiedName(code, m[0].length) : undefined;
    const rest = ref ? code.slice(ref.end) : '';
    // `?` stands for a `${…}` part of a template literal: a name built at run time.
    if (!ref || !/^\s/.test(rest) || ref.name.includes('?')) {
      // A table name built at run time (`ALTER TABLE ${t} ENABLE …` in a migration script).
      if (RLS_WORDS.test(code)) this.markDynamic();
      return;
    }
    if (RLS_WORDS.test(rest)) this.facts.rlsSeen = true;
    const table = this.resolve(ref);
    const rename = /^\s*rename\s+to\s+/i.exec(rest);
    if (rename) {
      const to = readIdentifier(rest, rename[0].length);
      if (table && to) this.move(table, table.schema, to.name);
      return;
    }
    const schemaMove = /^\s*set\s+schema\s+/i.exec(rest);
    if (schemaMove) {
      const to = readIdentifier(rest, schemaMove[0].length);
      if (table && to) this.move(table, to.name, table.name);
      return;
    }
    if (!table) return;
    for (const action of splitTopLevel(rest)) {
      const a = action.trim();
      if (/^enable\s+row\s+level\s+security$/i.test(a)) table.rls = { on: true, at };
      else if (/^disable\s+row\s+level\s+security$/i.test(a)) table.rls = { on: false, at };
      else if (/^force\s+row\s+level\s+security$/i.test(a)) table.force = { on: true, at };
      else if (/^no\s+force\s+row\s+level\s+security$/i.test(a)) table.force = { on: false, at };
      else if (/^owner\s+to\s+/i.test(a)) table.owner = readIdentifier(a, /^owner\s+to\s+/i.exec(a)?.[0].length ?? 0)?.name;
      else if (/^add\s+/i.test(a) && !/^add\s+(constraint|primary|foreign|unique|check|exclude)\b/i.test(a)) {
        const col = readIdentifier(a, /^add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?/i.exec(a)?.[0].length ?? 0);
        if (col && !table.columns.includes(col.name)) table.columns.push(col.name);
      } else if (/^drop\s+/i.test(a) && !/^drop\s+(constraint|default|not\s+null|identity|expression)\b/i.test(a)) {
        const col = readIdentifier(a, /^drop\s+(?:column\s+)?(?:if\s+exists\s+)?/i.exec(a)?.[0].length ?? 0);
        if (col) table.columns = table.columns.filter((c) => c !== col.name);
      } else if (/^rename\s+/i.test(a)) {
        const cols = /^rename\s+(?:column\s+)?/i.exec(a);
        const from = cols ? readIdentifier(a, cols[0].length) : undefined;
        const to = from ? /^\s*to\s+/i.exec(a.slice(from.end)) : undefined;
        const target = from && to ? readIdentifier(a, from.end + to[0].length) : undefined;
        if (from && target) table.columns = table.columns.map((c) => (c === from.name ? target.name : c));
      }
    }
  }

  private move(table: TableFact, schema: string, name: string): void {
    this.facts.tables.delete(`${table.schema}.${table.name}`);
    table.schema = schema;
    table.name = name;
    this.facts.tables.set(`${schema}.${name}`, table);
  }

  private createPolicy(code: string, at: SqlAt): void {
    this.facts.rlsSeen = true;
    const name = readIdentifier(code, /^create\s+policy\s+/i.exec(code)?.[0].length ?? 0);
    const on = name ? /^\s+on\s+/i.exec(code.slice(name.end)) : undefined;
    const ref = name && on ? readQualifiedName(code, name.end + on[0].length) : undefined;
    const table = ref ? this.resolve(ref) : undefined;
    if (!name || !ref || !table) return;
    const clauses = policyClauses(code.slice(ref.end));
    table.policies.set(name.name, {
      name: name.name, at, permissive: clauses.permissive ?? true, command: clauses.command ?? 'all',
      roles: clauses.roles ?? ['public'], using: clauses.using, check: clauses.check,
    });
  }

  private alterPolicy(code: string, at: SqlAt): void {
    const name = readIdentifier(code, /^alter\s+policy\s+/i.exec(code)?.[0].length ?? 0);
    const on = name ? /^\s+on\s+/i.exec(code.slice(name.end)) : undefined;
    const ref = name && on ? readQualifiedName(code, name.end + on[0].length) : undefined;
    const table = ref ? this.resolve(ref) : undefined;
    const policy = name && table ? table.policies.get(name.name) : undefined;
    if (!ref || !table || !policy) return;
    const rest = code.slice(ref.end);
    const rename = /^\s*rename\s+to\s+/i.exec(rest);
    if (rename) {
      const to = readIdentifier(rest, rename[0].length);
      if (to) {
        table.policies.delete(policy.name);
        table.policies.set(to.name, { ...policy, name: to.name });
      }
      return;
    }
    const clauses = policyClauses(rest);
    const changed: PolicyFact = { ...policy, at };
    if (clauses.roles) changed.roles = clauses.roles;
    if (clauses.using !== undefined) changed.using = clauses.using;
    if (clauses.check !== undefined) changed.check = clauses.check;
    table.policies.set(policy.name, changed);
  }

  private dropPolicy(code: string): void {
    const name = readIdentifier(code, /^drop\s+policy\s+(?:if\s+exists\s+)?/i.exec(code)?.[0].length ?? 0);
    const on = name ? /^\s+on\s+/i.exec(code.slice(name.end)) : undefined;
    const ref = name && on ? readQualifiedName(code, name.end + on[0].length) : undefined;
    const table = ref ? this.resolve(ref) : undefined;
    if (name && table) table.policies.delete(name.name);
  }

  private dropTable(code: string): void {
    for (const ref of readNameList(code, /^drop\s+table\s+(?:if\s+exists\s+)?/i.exec(code)?.[0].length ?? 0)) {
      const table = this.resolve(ref);
      if (table) this.facts.tables.delete(`${table.schema}.${table.name}`);
    }
  }

  private role(code: string, at: SqlAt): void {
    const name = readIdentifier(code, /^(?:create|alter)\s+(?:role|user)\s+/i.exec(code)?.[0].length ?? 0);
    if (!name || ['current_user', 'session_user', 'current_role', 'all'].includes(name.name)) return;
    const options = code.slice(name.end);
    // `ALTER ROLE x SET …`, `RENAME TO …`, `IN DATABASE …`: no attributes change.
    if (/^\s*(set|reset|rename|in)\b/i.test(options)) return;
    const role = this.facts.roles.get(name.name) ?? { name: name.name, bypass: undefined, superuser: undefined };
    const words = options.replace(/'(?:[^']|'')*'/g, "''");
    if (/\bnobypassrls\b/i.test(words)) role.bypass = undefined;
    else if (/\bbypassrls\b/i.test(words)) role.bypass = at;
    if (/\bnosuperuser\b/i.test(words)) role.superuser = undefined;
    else if (/\bsuperuser\b/i.test(words)) role.superuser = at;
    this.facts.roles.set(name.name, role);
  }

  private grant(code: string): void {
    const on = /\bon\s+/i.exec(code);
    const to = /\bto\s+/i.exec(code);
    if (!on || !to || to.index < on.index) return; // `GRANT role TO member`: membership, not a table privilege
    const roles = readNameList(code, to.index + to[0].length).map((r) => r.name);
    const target = code.slice(on.index + on[0].length, to.index);
    const schemaWide = /^all\s+tables\s+in\s+schema\s+/i.exec(target);
    if (schemaWide) {
      for (const s of readNameList(target, schemaWide[0].length)) this.facts.schemaGrants.push({ schema: s.name, roles });
      return;
    }
    if (/^(sequence|function|procedure|routine|schema|database|all\s+(sequences|functions|procedures|routines)|type|domain|language|foreign|large|tablespace|parameter)\b/i.test(target)) return;
    for (const ref of readNameList(target.replace(/^table\s+/i, ''), 0)) {
      const table = this.resolve(ref);
      if (table) for (const r of roles) table.grantees.add(r);
    }
  }

  private defaultPrivileges(code: string): void {
    const grant = /\bgrant\b[\s\S]*?\bon\s+tables\s+to\s+/i.exec(code);
    if (!grant) return;
    const roles = readNameList(code, grant.index + grant[0].length).map((r) => r.name);
    const inSchema = /\bin\s+schema\s+/i.exec(code.slice(0, grant.index));
    const schemas = inSchema ? readNameList(code, inSchema.index + inSchema[0].length).map((s) => s.name) : [undefined];
    for (const schema of schemas) this.facts.schemaGrants.push({ schema, roles });
  }

  private createFunction(code: string): void {
    const ref = readQualifiedName(code, /^create\s+(?:or\s+replace\s+)?(?:function|procedure)\s+/i.exec(code)?.[0].length ?? 0);
    if (!ref) return;
    this.facts.functions.set(ref.name, code);
    // A function that switches RLS on for tables it is handed; the runtime's own helper is read at its calls.
    if (RLS_WORDS.test(code) && ref.name !== RUNTIME_RLS_FUNCTION) this.markDynamic();
  }

  private setRole(code: string): void {
    const set = /^set\s+(?:session\s+|local\s+)?(?:role|session\s+authorization)\s+/i.exec(code);
    if (set) {
      const role = readIdentifier(code, set[0].length)?.name;
      this.currentRole = role === 'none' || role === 'default' ? undefined : role;
    } else if (/^reset\s+(role|session\s+authorization)\b/i.test(code)) {
      this.currentRole = undefined;
    }
  }

  /** `tenant_audit_enable_rls('public.docs'[, 'org_id'[, 'app.org_id'[, 'policy']]])`: what the runtime's helper does. */
  private runtimeHelperCalls(code: string, at: SqlAt): void {
    const call = new RegExp(`\\b${RUNTIME_RLS_FUNCTION}\\s*\\(`, 'gi');
    for (const m of code.matchAll(call)) {
      const args = parenthesised(code, (m.index ?? 0) + m[0].length - 1);
      const strings = args ? splitTopLevel(args.inner).map((a) => /^\s*'((?:[^']|'')*)'/.exec(a)?.[1]?.replace(/''/g, "'")) : [];
      this.facts.rlsSeen = true;
      const tableText = strings[0];
      if (tableText === undefined) {
        this.markDynamic();
        continue;
      }
      const ref = readQualifiedName(tableText, 0);
      const table = ref ? this.resolve(ref) : undefined;
      if (!table) continue;
      const column = strings[1] ?? 'tenant_id';
      const setting = strings[2] ?? 'app.tenant_id';
      const policy = strings[3] ?? 'tenant_isolation';
      const predicate = runtimePredicate(column, setting);
      table.rls = { on: true, at };
      table.force = { on: true, at };
      table.policies.set(policy, { name: policy, at, permissive: true, command: 'all', roles: ['public'], using: predicate, check: predicate });
    }
  }
}

