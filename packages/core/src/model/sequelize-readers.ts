import { findTenantField } from './data-model.js';
import { balancedBody } from './names.js';
import { entryValue, objectBody, objectEntries, objectKeys, stringValue } from './object-text.js';
import type { Reader } from './readers.js';

/** The options object after a definition's attribute map: `define('doc', { … }, { tableName: 'documents' })`. */
function optionsAfter(text: string, attributesOpen: number): string | undefined {
  const attributes = balancedBody(text, attributesOpen);
  if (attributes === undefined) return undefined;
  const after = attributesOpen + attributes.length + 2;
  const next = /^\s*,\s*\{/.exec(text.slice(after, after + 200));
  return next ? balancedBody(text, after + next[0].length - 1) : undefined;
}

/** Sequelize `sequelize.define('Doc', { … }, { tableName })` and `Doc.init({ … }, { tableName, modelName })`. */
export const readSequelizeModels: Reader = (file, model, tenantFields) => {
  const text = file.text;
  for (const match of text.matchAll(/(?:(?:const|let|var)\s+(\w+)\s*=\s*)?\w*\.define\(\s*['"`](\w+)['"`]\s*,\s*\{/g)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    const fields = objectKeys(balancedBody(text, open) ?? '');
    const name = match[2] ?? '';
    model.add({ name, tenantField: findTenantField(fields, tenantFields), source: file.path, fields, orm: 'sequelize' });
    if (match[1]) model.alias(match[1], name);
    const table = stringValue(entryValue(optionsAfter(text, open), 'tableName'));
    if (table) model.alias(table, name);
  }
  for (const match of text.matchAll(/\b([A-Z]\w*)\.init\(\s*\{/g)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    const fields = objectKeys(balancedBody(text, open) ?? '');
    const name = match[1] ?? '';
    model.add({ name, tenantField: findTenantField(fields, tenantFields), source: file.path, fields, orm: 'sequelize' });
    const options = optionsAfter(text, open);
    for (const key of ['tableName', 'modelName']) {
      const other = stringValue(entryValue(options, key));
      if (other) model.alias(other, name);
    }
  }
};

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** `foreignKey: 'teamId'` or `foreignKey: { name: 'teamId' }` in association options. */
function foreignKeyOption(options: string | undefined): string | undefined {
  const fk = entryValue(options, 'foreignKey');
  return stringValue(fk) ?? stringValue(entryValue(objectBody(fk), 'name'));
}

/**
 * Sequelize associations: `Doc.belongsTo(models.Team)` gives Doc the parent key `teamId` (or the
 * `foreignKey` / `as` the options name); `Team.hasMany(models.Doc, { foreignKey })` gives it to Doc.
 * Many code bases declare their tenant column only this way, never among the model's attributes.
 */
export const readSequelizeAssociations: Reader = (file, model, tenantFields) => {
  const text = file.text;
  const re = /\b([A-Z]\w*)\.(belongsTo|hasMany|hasOne)\(\s*(?:[\w.]*\.)?([A-Z]\w*)\s*(,|\))/g;
  for (const match of text.matchAll(re)) {
    const source = match[1] ?? '';
    const kind = match[2];
    const target = match[3] ?? '';
    let options: string | undefined;
    if (match[4] === ',') {
      const start = (match.index ?? 0) + match[0].length;
      const open = /^\s*\{/.exec(text.slice(start, start + 50));
      if (open) options = balancedBody(text, start + open[0].length - 1);
    }
    const as = stringValue(entryValue(options, 'as'));
    if (kind === 'belongsTo') {
      const field = foreignKeyOption(options) ?? `${lowerFirst(as ?? target)}Id`;
      model.add({ name: source, tenantField: findTenantField([field], tenantFields), source: file.path, fields: [field], relations: [{ field, target }], orm: 'sequelize' });
    } else {
      const field = foreignKeyOption(options) ?? `${lowerFirst(source)}Id`;
      model.add({ name: target, tenantField: findTenantField([field], tenantFields), source: file.path, fields: [field], relations: [{ field, target: source }], orm: 'sequelize' });
    }
  }
};

/** `references: { model: 'teams' }` (or `references: { model: { tableName: 'teams' } }`) in a column definition. */
function referencedTable(column: string): string | undefined {
  const refs = objectBody(entryValue(objectBody(column), 'references'));
  const m = entryValue(refs, 'model');
  return stringValue(m) ?? stringValue(entryValue(objectBody(m), 'tableName'));
}

/**
 * JavaScript migrations (Sequelize's queryInterface): `createTable('documents', { teamId: { references } })`,
 * `addColumn('documents', 'teamId', { … })` and `renameTable('atlases', 'collections')`.
 */
export const readQueryInterfaceMigrations: Reader = (file, model, tenantFields) => {
  const text = file.text;
  for (const match of text.matchAll(/\.createTable\(\s*['"`](\w+)['"`]\s*,\s*\{/g)) {
    const columns = objectEntries(balancedBody(text, (match.index ?? 0) + match[0].length - 1) ?? '');
    const fields = columns.map((c) => c.key);
    const relations = columns.flatMap((c) => {
      const target = referencedTable(c.value);
      return target ? [{ field: c.key, target }] : [];
    });
    model.add({ name: match[1] ?? '', tenantField: findTenantField(fields, tenantFields), source: file.path, fields, relations });
  }
  for (const match of text.matchAll(/\.addColumn\(\s*['"`](\w+)['"`]\s*,\s*['"`](\w+)['"`]\s*,\s*(\{)?/g)) {
    const field = match[2] ?? '';
    const definition = match[3] ? balancedBody(text, (match.index ?? 0) + match[0].length - 1) : undefined;
    const target = definition !== undefined ? referencedTable(`{${definition}}`) : undefined;
    model.add({ name: match[1] ?? '', tenantField: findTenantField([field], tenantFields), source: file.path, fields: [field], relations: target ? [{ field, target }] : [] });
  }
  for (const match of text.matchAll(/\.renameTable\(\s*['"`](\w+)['"`]\s*,\s*['"`](\w+)['"`]/g)) {
    // Only the `up` direction names the table as it is now; a `down` undoes it (`renameTable(new, old)`).
    const before = text.slice(0, match.index ?? 0);
    if (before.lastIndexOf('down') > before.lastIndexOf('up')) continue;
    model.add({ name: match[1] ?? '', tenantField: undefined, source: file.path, fields: [] });
    model.alias(match[2] ?? '', match[1] ?? '');
  }
};
