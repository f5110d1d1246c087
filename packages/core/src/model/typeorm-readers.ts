import { findTenantField } from './data-model.js';
import { balancedBody } from './names.js';
import { entryValue, objectBody, objectEntries, objectKeys, stringValue } from './object-text.js';
import type { Reader } from './readers.js';

type Relation = { field: string; target: string };

/** `target: 'flow'`, `target: FlowEntity`, `target: () => Flow`: the model a relation points at. */
function relationTarget(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return stringValue(value) ?? /^\s*(?:(?:\(\s*\w*\s*\)|\w+)\s*=>\s*)?([A-Za-z_]\w*)\s*$/.exec(value)?.[1];
}

/**
 * The foreign keys of an EntitySchema's `relations`: a many-to-one (or the owning side of a
 * one-to-one, the one with a join column) holds the parent's key in `joinColumn.name`, or in
 * `<relation>Id` by TypeORM's naming when the join column gives no name.
 */
function entitySchemaRelations(relationsBody: string | undefined): Relation[] {
  if (relationsBody === undefined) return [];
  const out: Relation[] = [];
  for (const { key, value } of objectEntries(relationsBody)) {
    const body = objectBody(value);
    const type = stringValue(entryValue(body, 'type'));
    const target = relationTarget(entryValue(body, 'target'));
    const joinColumn = entryValue(body, 'joinColumn');
    if (!target || !(type === 'many-to-one' || (type === 'one-to-one' && joinColumn !== undefined && !/^\s*false\s*$/.test(joinColumn)))) continue;
    const named = stringValue(entryValue(objectBody(joinColumn), 'name'));
    out.push({ field: named ?? `${key}Id`, target });
  }
  return out;
}

/** TypeORM `const FlowEntity = new EntitySchema({ name: 'flow', tableName?, columns: { … }, relations: { … } })`. */
export const readTypeOrmEntitySchemas: Reader = (file, model, tenantFields) => {
  const re = /(?:(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*)?new\s+(?:typeorm\.)?EntitySchema(?:<[^>]*>)?\(\s*\{/g;
  for (const match of file.text.matchAll(re)) {
    const body = balancedBody(file.text, (match.index ?? 0) + match[0].length - 1) ?? '';
    const name = stringValue(entryValue(body, 'name'));
    if (!name) continue;
    const relations = entitySchemaRelations(objectBody(entryValue(body, 'relations')));
    const fields = [...new Set([...objectKeys(objectBody(entryValue(body, 'columns')) ?? ''), ...relations.map((r) => r.field)])];
    model.add({ name, tenantField: findTenantField(fields, tenantFields), source: file.path, fields, relations, orm: 'typeorm' });
    if (match[1]) model.alias(match[1], name);
    const table = stringValue(entryValue(body, 'tableName'));
    if (table) model.alias(table, name);
  }
};

const OWNING_RELATION = /@(ManyToOne|OneToOne|BelongsTo|ForeignKey)\s*\(/g;

/**
 * Parent keys of decorated entity classes: TypeORM `@ManyToOne(() => Team) @JoinColumn({ name: 'team_id' }) team`
 * (the key is the join column, or `<property>Id`), a one-to-one only on its owning side (with
 * `@JoinColumn`), and sequelize-typescript `@ForeignKey(() => Team) teamId` / `@BelongsTo(() => Team, 'teamId') team`.
 */
export function classRelations(body: string): Relation[] {
  const out: Relation[] = [];
  for (const m of body.matchAll(OWNING_RELATION)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const args = balancedBody(body, open, '(', ')') ?? '';
    // `() => Team`, `type => Team` (the older spelling), `'Team'`.
    const target = /^\s*(?:(?:\(\s*\w*\s*\)|\w+)\s*=>\s*)?([A-Za-z_]\w*)|^\s*['"`](\w+)['"`]/.exec(args);
    const targetName = target?.[1] ?? target?.[2];
    if (!targetName) continue;
    // The decorators that follow, up to the property they decorate.
    let rest = body.slice(open + args.length + 2);
    let joinColumn: string | undefined;
    let hasJoinColumn = false;
    for (let guard = 0; guard < 8; guard++) {
      const next = /^\s*@(\w+)\s*(\()?/.exec(rest);
      if (!next) break;
      let consumed = next[0].length;
      if (next[2]) {
        const inner = balancedBody(rest, next[0].length - 1, '(', ')') ?? '';
        consumed += inner.length + 1;
        if (next[1] === 'JoinColumn') {
          hasJoinColumn = true;
          joinColumn = stringValue(entryValue(objectBody(inner.trim()), 'name'));
        }
      } else if (next[1] === 'JoinColumn') hasJoinColumn = true;
      rest = rest.slice(consumed);
    }
    // A `@JoinColumn(…)` may also come first, between the previous member and this decorator.
    const window = body.slice(Math.max(0, (m.index ?? 0) - 400), m.index);
    // Only what follows the previous member's declaration line (`board: Board`, with or without `;`).
    const lastMember = [...window.matchAll(/\n\s*(?:(?:public|private|protected|readonly|declare)\s+)*\w+[!?]?\s*:[^\n]*/g)].pop();
    const before = lastMember ? window.slice((lastMember.index ?? 0) + lastMember[0].length) : window;
    const earlier = /@JoinColumn\s*\(([^)]*)\)/.exec(before);
    if (earlier) {
      hasJoinColumn = true;
      joinColumn ??= stringValue(entryValue(objectBody(earlier[1]?.trim()), 'name'));
    }
    const property = /^\s*(?:(?:public|private|protected|readonly|declare)\s+)*(\w+)[!?]?\s*[:;=]/.exec(rest)?.[1];
    if (!property) continue;
    const kind = m[1];
    if (kind === 'OneToOne' && !hasJoinColumn) continue;
    if (kind === 'ForeignKey') out.push({ field: property, target: targetName });
    else if (kind === 'BelongsTo') {
      const fk = /,\s*['"`](\w+)['"`]/.exec(args)?.[1] ?? stringValue(entryValue(objectBody(/,\s*(\{[\s\S]*\})\s*$/.exec(args)?.[1]), 'foreignKey'));
      out.push({ field: fk ?? `${property}Id`, target: targetName });
    } else out.push({ field: joinColumn ?? `${property}Id`, target: targetName });
  }
  // One key per field: `@ForeignKey(() => Team) teamId` and `@BelongsTo(() => Team) team` say the same.
  return out.filter((r, i) => out.findIndex((o) => o.field === r.field) === i);
}
