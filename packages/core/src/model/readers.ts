import { DataModel, findTenantField } from './data-model.js';
import { balancedBody, normalizeFieldName, normalizeModelName } from './names.js';
import { entryValue, objectBody, objectEntries, objectKeys, stringValue } from './object-text.js';
import { classRelations, readTypeOrmEntitySchemas } from './typeorm-readers.js';
import { readQueryInterfaceMigrations, readSequelizeAssociations, readSequelizeModels } from './sequelize-readers.js';

export interface SourceText {
  path: string;
  text: string;
}

/** What a reader writes to: the data model, or a filter in front of it (see buildDataModel's `fallback`). */
export type ModelSink = Pick<DataModel, 'add' | 'alias'>;

export type Reader = (file: SourceText, model: ModelSink, tenantFields: readonly string[]) => void;

/** `model X { field Type … @@map("table") }` blocks of a Prisma schema. */
export const readPrismaSchema: Reader = (file, model, tenantFields) => {
  const re = /^\s*model\s+(\w+)\s*\{/gm;
  for (const match of file.text.matchAll(re)) {
    const body = balancedBody(file.text, (match.index ?? 0) + match[0].length - 1) ?? '';
    const fields = [...body.matchAll(/^\s*(\w+)\s+\w/gm)].map((m) => m[1] ?? '').filter((f) => f && !f.startsWith('@'));
    const name = match[1] ?? '';
    const relations = [...body.matchAll(/^\s*\w+\s+(\w+)\??\s+@relation\([^)]*fields:\s*\[([^\]]*)\]/gm)].flatMap((m) =>
      (m[2] ?? '').split(',').map((f) => ({ field: f.trim(), target: m[1] ?? '' })).filter((r) => r.field));
    model.add({ name, tenantField: findTenantField(fields, tenantFields), source: file.path, fields, relations });
    const mapped = /@@map\(\s*"([^"]+)"/.exec(body);
    if (mapped?.[1]) model.alias(mapped[1], name);
  }
};

/** `CREATE TABLE name (…)` and `ALTER TABLE name ADD [COLUMN] col` in SQL migrations. */
export const readSqlMigration: Reader = (file, model, tenantFields) => {
  // ClickHouse and MySQL quote names with backticks (`CREATE TABLE db.events (\`project_id\` String, …)`).
  const create = /create\s+table\s+(?:if\s+not\s+exists\s+)?(?:["`]?\w+["`]?\.)?["`]?(\w+)["`]?\s*(?:on\s+cluster\s+\S+\s*)?\(/gi;
  for (const match of file.text.matchAll(create)) {
    const body = balancedBody(file.text, (match.index ?? 0) + match[0].length - 1, '(', ')') ?? '';
    const columns = body.split(/,(?![^(]*\))/);
    const fields = columns
      .map((col) => /^\s*["`]?(\w+)["`]?/.exec(col)?.[1] ?? '')
      .filter((c) => c && !/^(primary|foreign|unique|constraint|check|index)$/i.test(c));
    const relations = columns.flatMap((col) => {
      const inline = /^\s*"?(\w+)"?[^,]*?\breferences\s+(?:"?\w+"?\.)?"?(\w+)"?/i.exec(col);
      const fk = /foreign\s+key\s*\(\s*"?(\w+)"?\s*\)\s*references\s+(?:"?\w+"?\.)?"?(\w+)"?/i.exec(col);
      const m = fk ?? inline;
      return m && !/^(foreign|constraint)$/i.test(m[1] ?? '') ? [{ field: m[1] ?? '', target: m[2] ?? '' }] : [];
    });
    model.add({ name: match[1] ?? '', tenantField: findTenantField(fields, tenantFields), source: file.path, fields, relations });
  }
  const alter = /alter\s+table\s+(?:only\s+)?(?:"?\w+"?\.)?"?(\w+)"?\s+add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?"?(\w+)"?/gi;
  for (const match of file.text.matchAll(alter)) {
    const fields = [match[2] ?? ''];
    const tenantField = findTenantField(fields, tenantFields);
    if (tenantField) model.add({ name: match[1] ?? '', tenantField, source: file.path, fields });
  }
};

/** Drizzle `pgTable('docs', { tenantId: uuid('tenant_id') })`, also mysqlTable / sqliteTable. */
export const readDrizzleTables: Reader = (file, model, tenantFields) => {
  const re = /(?:const|let)\s+(\w+)\s*=\s*(?:\w+\.)?(?:pg|mysql|sqlite)Table\(\s*['"`](\w+)['"`]\s*,\s*\{/g;
  for (const match of file.text.matchAll(re)) {
    const body = balancedBody(file.text, (match.index ?? 0) + match[0].length - 1) ?? '';
    const columns = [...body.matchAll(/\(\s*['"`](\w+)['"`]/g)].map((m) => m[1] ?? '');
    const fields = [...objectKeys(body), ...columns];
    const relations = [...body.matchAll(/(\w+)\s*:\s*\w+\([^)]*\)[^,]*?\.references\(\s*\(\)\s*(?::\s*\w+\s*)?=>\s*(\w+)\./g)]
      .map((m) => ({ field: m[1] ?? '', target: m[2] ?? '' }));
    model.add({ name: match[2] ?? '', tenantField: findTenantField(fields, tenantFields), source: file.path, fields, relations });
    model.alias(match[1] ?? '', match[2] ?? '');
  }
};

/**
 * TypeORM `@Entity() class X { @Column() tenantId … @ManyToOne(() => Team) team }` and
 * sequelize-typescript `@Table class X extends Model { @ForeignKey(() => Team) @Column teamId }`.
 */
export const readTypeOrmEntities: Reader = (file, model, tenantFields) => {
  const text = file.text;
  for (const match of text.matchAll(/@(Entity|Table)\b\s*(\()?/g)) {
    const at = (match.index ?? 0) + match[0].length;
    const args = match[2] ? balancedBody(text, at - 1, '(', ')') ?? '' : '';
    // Other decorators may stand between it and the class (`@Scopes(() => …)`, `@Index(…)`).
    const cls = /\bclass\s+(\w+)[^{]*\{/.exec(text.slice(at, at + 4000));
    if (!cls) continue;
    const open = at + (cls.index ?? 0) + cls[0].length - 1;
    if (text.slice(at, open).includes('@Entity') || /@Table\b/.test(text.slice(at, open))) continue;
    const body = balancedBody(text, open) ?? '';
    const relations = classRelations(body);
    const declared = [...body.matchAll(/^\s*(?:@[\w.]+(?:\([^)]*\))?\s*)*(?:(?:public|private|protected|declare)\s+)?(?:readonly\s+)?(\w+)[!?]?\s*:/gm)].map((m) => m[1] ?? '');
    const fields = [...new Set([...declared, ...relations.map((r) => r.field)])];
    const name = cls[1] ?? '';
    model.add({ name, tenantField: findTenantField(fields, tenantFields), source: file.path, fields, relations, orm: match[1] === 'Table' ? 'sequelize' : 'typeorm' });
    const table = /^\s*['"`](\w+)['"`]/.exec(args)?.[1] ?? /(?:name|tableName)\s*:\s*['"`](\w+)['"`]/.exec(args)?.[1];
    if (table) model.alias(table, name);
  }
};

/**
 * A Mongoose path that holds another document's id: `workspace: { type: ObjectId, ref: 'Workspace' }`.
 * An array of refs (`members: [{ ref: 'User' }]`) lists children, it is no parent key.
 */
function mongooseRefs(schemaBody: string): { field: string; target: string }[] {
  return objectEntries(schemaBody).flatMap(({ key, value }) => {
    const target = stringValue(entryValue(objectBody(value), 'ref'));
    return target ? [{ field: key, target }] : [];
  });
}

/** Mongoose `const S = new Schema({ … })` + `model('Doc', S)` (also `export default model(…)`). */
export const readMongooseModels: Reader = (file, model, tenantFields) => {
  const schemas = new Map<string, string>();
  const schemaRe = /(?:const|let)\s+(\w+)\s*(?::[^=]+)?=\s*new\s+(?:mongoose\.)?Schema(?:<[^>]*>)?\(\s*\{/g;
  for (const match of file.text.matchAll(schemaRe)) {
    schemas.set(match[1] ?? '', balancedBody(file.text, (match.index ?? 0) + match[0].length - 1) ?? '');
  }
  const modelRe = /(?:(?:const|let)\s+(\w+)\s*=\s*)?\b(?:mongoose\.)?model(?:<[^>]*>)?\(\s*['"`](\w+)['"`]\s*,\s*(\w+)/g;
  for (const match of file.text.matchAll(modelRe)) {
    const body = schemas.get(match[3] ?? '');
    if (body === undefined) continue;
    const fields = objectKeys(body);
    model.add({ name: match[2] ?? '', tenantField: findTenantField(fields, tenantFields), source: file.path, fields, relations: mongooseRefs(body), orm: 'mongoose' });
    if (match[1]) model.alias(match[1], match[2] ?? '');
  }
};

/** Picks the readers that can apply to a file, by extension and a cheap content check. */
export function readersFor(file: SourceText): Reader[] {
  if (file.path.endsWith('.prisma')) return [readPrismaSchema];
  if (file.path.endsWith('.sql')) return [readSqlMigration];
  if (!/\.[cm]?[jt]sx?$/.test(file.path)) return [];
  const t = file.text;
  const readers: Reader[] = [];
  if (/(?:pg|mysql|sqlite)Table\(/.test(t)) readers.push(readDrizzleTables);
  if (t.includes('@Entity') || /@Table\b/.test(t)) readers.push(readTypeOrmEntities);
  if (t.includes('EntitySchema(') || t.includes('EntitySchema<')) readers.push(readTypeOrmEntitySchemas);
  if (/\.define\(|\.init\(\s*\{/.test(t)) readers.push(readSequelizeModels);
  if (/\.(belongsTo|hasMany|hasOne)\(/.test(t)) readers.push(readSequelizeAssociations);
  if (/queryInterface/i.test(t) && /\.(createTable|addColumn|renameTable)\(/.test(t)) readers.push(readQueryInterfaceMigrations);
  if (/Schema(?:<[^>]*>)?\(/.test(t) && /\bmodel\s*(?:<[^>]*>)?\(/.test(t)) readers.push(readMongooseModels);
  return readers;
}

/**
 * Reads `sources`, then `fallback` for the models `sources` do not declare: a monorepo app's own
 * schema wins over the one of a workspace package it depends on.
 */
function readInto(model: DataModel, sources: readonly SourceText[], fallback: readonly SourceText[], fields: readonly string[]): void {
  for (const file of sources) for (const read of readersFor(file)) read(file, model, fields);
  if (fallback.length === 0) return;
  const own = new Set(model.names());
  const guarded: ModelSink = {
    add: (fact) => {
      if (!own.has(normalizeModelName(fact.name))) model.add(fact);
    },
    alias: (alias, name) => {
      if (!own.has(normalizeModelName(alias))) model.alias(alias, name);
    },
  };
  for (const file of fallback) for (const read of readersFor(file)) read(file, guarded, fields);
}

/**
 * Builds the data model from schema files, migrations and model definitions found in `files`, and
 * from `fallback` (the schema files of packages the code depends on) for models `files` leave out.
 */
export function buildDataModel(
  files: Iterable<SourceText>,
  options: { tenantFields: readonly string[]; tenantModels?: readonly string[]; globalModels?: readonly string[] },
  fallback: Iterable<SourceText> = [],
): DataModel {
  const sources = [...files];
  const extra = [...fallback];
  const first = new DataModel(options);
  readInto(first, sources, extra, options.tenantFields);
  const inferred = inferTenantFields(first, options.tenantFields);
  first.tenantEntities = tenantEntities(first, options.tenantFields);
  if (inferred.length === 0) return first;
  // Read again with the learnt fields, so models keyed by them count as tenant models.
  const fields = [...options.tenantFields, ...inferred];
  const model = new DataModel(options);
  readInto(model, sources, extra, fields);
  model.inferredTenantFields = inferred;
  model.tenantEntities = tenantEntities(model, fields);
  return model;
}

/** The models tenant fields point at (or named like a tenant): the tenants themselves. */
function tenantEntities(model: DataModel, tenantFields: readonly string[]): Set<string> {
  const entities = new Set<string>();
  for (const fact of model.all()) {
    if (isNamedLikeTenant(fact.name)) entities.add(normalizeModelName(fact.name));
    for (const r of fact.relations ?? []) if (findTenantField([r.field], tenantFields)) entities.add(normalizeModelName(r.target));
  }
  // The model a tenant field names (`platformId` → `Platform`): a key that points at it under another
  // name (Mongoose `platform: { ref: 'Platform' }`) is the tenant column all the same.
  for (const field of tenantFields) {
    const n = normalizeFieldName(field);
    const named = n.endsWith('id') && n.length > 4 ? model.fact(n.slice(0, -2)) : undefined;
    if (named) entities.add(normalizeModelName(named.name));
  }
  return entities;
}

/** Models that are the tenant itself: what a tenant field points at, or a model named like a tenant. */
const TENANT_ENTITY = /^(tenant|organi[sz]ation|org|workspace|team|company|project)$/;

/** A model named like a tenant (`Organization`, `workspaces`, `ProjectEntity`), whatever points at it. */
export function isNamedLikeTenant(modelName: string): boolean {
  return TENANT_ENTITY.test(normalizeModelName(modelName));
}

/**
 * Foreign keys to the tenant entity are tenant fields too: in a schema whose tenant is `Project`,
 * `projectId` scopes a row exactly like `tenantId` would. Learnt from relations, never from names alone.
 */
export function inferTenantFields(model: DataModel, tenantFields: readonly string[]): string[] {
  const facts = model.all();
  const entities = tenantEntities(model, tenantFields);
  const inferred = new Set<string>();
  for (const fact of facts) {
    for (const r of fact.relations ?? []) {
      if (entities.has(normalizeModelName(r.target)) && !findTenantField([r.field], tenantFields)) inferred.add(r.field);
    }
  }
  return [...inferred].sort();
}
