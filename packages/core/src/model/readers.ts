import { DataModel, findTenantField } from './data-model.js';
import { balancedBody, normalizeModelName } from './names.js';

export interface SourceText {
  path: string;
  text: string;
}

type Reader = (file: SourceText, model: DataModel, tenantFields: readonly string[]) => void;

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

/** Keys of an object literal body (first level only, good enough for column maps). */
function objectKeys(body: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let token = '';
  for (const ch of body) {
    if ('{[('.includes(ch)) depth++;
    else if ('}])'.includes(ch)) depth--;
    if (depth === 0 && ch === ':') {
      const key = /["']?(\w+)["']?\s*$/.exec(token)?.[1];
      if (key) keys.push(key);
      token = '';
    } else if (depth === 0 && ch === ',') token = '';
    else if (depth === 0) token += ch;
  }
  return keys;
}

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

/** TypeORM `@Entity() class X { @Column() tenantId … }`. */
export const readTypeOrmEntities: Reader = (file, model, tenantFields) => {
  const re = /@Entity\s*\(([^)]*)\)\s*(?:export\s+)?(?:default\s+)?class\s+(\w+)[^{]*\{/g;
  for (const match of file.text.matchAll(re)) {
    const body = balancedBody(file.text, (match.index ?? 0) + match[0].length - 1) ?? '';
    const fields = [...body.matchAll(/^\s*(?:@[\w.]+\([^)]*\)\s*)*(?:readonly\s+)?(\w+)[!?]?\s*:/gm)].map((m) => m[1] ?? '');
    const name = match[2] ?? '';
    model.add({ name, tenantField: findTenantField(fields, tenantFields), source: file.path, fields });
    const table = /['"`](\w+)['"`]/.exec(match[1] ?? '')?.[1];
    if (table) model.alias(table, name);
  }
};

/** Sequelize `sequelize.define('Doc', { … })` and `Doc.init({ … }, …)`. */
export const readSequelizeModels: Reader = (file, model, tenantFields) => {
  const define = /\.define\(\s*['"`](\w+)['"`]\s*,\s*\{/g;
  for (const match of file.text.matchAll(define)) {
    const fields = objectKeys(balancedBody(file.text, (match.index ?? 0) + match[0].length - 1) ?? '');
    model.add({ name: match[1] ?? '', tenantField: findTenantField(fields, tenantFields), source: file.path, fields });
  }
  const init = /\b([A-Z]\w*)\.init\(\s*\{/g;
  for (const match of file.text.matchAll(init)) {
    const fields = objectKeys(balancedBody(file.text, (match.index ?? 0) + match[0].length - 1) ?? '');
    model.add({ name: match[1] ?? '', tenantField: findTenantField(fields, tenantFields), source: file.path, fields });
  }
};

/** Mongoose `const S = new Schema({ … })` + `model('Doc', S)`. */
export const readMongooseModels: Reader = (file, model, tenantFields) => {
  const schemas = new Map<string, string[]>();
  const schemaRe = /(?:const|let)\s+(\w+)\s*=\s*new\s+(?:mongoose\.)?Schema(?:<[^>]*>)?\(\s*\{/g;
  for (const match of file.text.matchAll(schemaRe)) {
    schemas.set(match[1] ?? '', objectKeys(balancedBody(file.text, (match.index ?? 0) + match[0].length - 1) ?? ''));
  }
  const modelRe = /(?:const|let)\s+(\w+)\s*=\s*(?:mongoose\.)?model(?:<[^>]*>)?\(\s*['"`](\w+)['"`]\s*,\s*(\w+)/g;
  for (const match of file.text.matchAll(modelRe)) {
    const fields = schemas.get(match[3] ?? '') ?? [];
    model.add({ name: match[2] ?? '', tenantField: findTenantField(fields, tenantFields), source: file.path, fields });
    model.alias(match[1] ?? '', match[2] ?? '');
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
  if (t.includes('@Entity')) readers.push(readTypeOrmEntities);
  if (/\.define\(|\.init\(\s*\{/.test(t)) readers.push(readSequelizeModels);
  if (/Schema\(/.test(t) && /model\(/.test(t)) readers.push(readMongooseModels);
  return readers;
}

/** Builds the data model from schema files, migrations and model definitions found in `files`. */
export function buildDataModel(
  files: Iterable<SourceText>,
  options: { tenantFields: readonly string[]; tenantModels?: readonly string[]; globalModels?: readonly string[] },
): DataModel {
  const sources = [...files];
  const first = new DataModel(options);
  for (const file of sources) for (const read of readersFor(file)) read(file, first, options.tenantFields);
  const inferred = inferTenantFields(first, options.tenantFields);
  first.tenantEntities = tenantEntities(first, options.tenantFields);
  if (inferred.length === 0) return first;
  // Read again with the learnt fields, so models keyed by them count as tenant models.
  const fields = [...options.tenantFields, ...inferred];
  const model = new DataModel(options);
  for (const file of sources) for (const read of readersFor(file)) read(file, model, fields);
  model.inferredTenantFields = inferred;
  model.tenantEntities = tenantEntities(model, fields);
  return model;
}

/** The models tenant fields point at (or named like a tenant): the tenants themselves. */
function tenantEntities(model: DataModel, tenantFields: readonly string[]): Set<string> {
  const entities = new Set<string>();
  for (const fact of model.all()) {
    if (TENANT_ENTITY.test(normalizeModelName(fact.name))) entities.add(normalizeModelName(fact.name));
    for (const r of fact.relations ?? []) if (findTenantField([r.field], tenantFields)) entities.add(normalizeModelName(r.target));
  }
  return entities;
}

/** Models that are the tenant itself: what a tenant field points at, or a model named like a tenant. */
const TENANT_ENTITY = /^(tenant|organi[sz]ation|org|workspace|team|company|project)$/;

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
