import { describe, expect, it } from 'vitest';
import { buildDataModel, normalizeModelName, resolveConfig } from '../src/index.js';

const defaults = resolveConfig().tenantFields;
const model = (files: Record<string, string>, tenantFields: readonly string[] = defaults) =>
  buildDataModel(Object.entries(files).map(([path, text]) => ({ path, text })), { tenantFields });

describe('model names', () => {
  it('strips a suffix only where it is a word of its own', () => {
    expect(normalizeModelName('identity')).toBe('identity');
    expect(normalizeModelName('identities')).toBe('identity');
    expect(normalizeModelName('documentEntity')).toBe('document');
    expect(normalizeModelName('DocumentEntity')).toBe('document');
    expect(normalizeModelName('document_entity')).toBe('document');
    expect(normalizeModelName('documentsTable')).toBe('document');
    expect(normalizeModelName('timetable')).toBe('timetable');
  });
  it('keeps a model named …Collection apart from the model it is named after', () => {
    const m = model({ 'schema.prisma': `model Team {
  id String @id
}
model TeamCollection {
  id      String @id
  teamID  String
  team    Team @relation(fields: [teamID], references: [id])
}
model TeamRequest {
  id           String @id
  collectionID String
  teamID       String
  collection   TeamCollection @relation(fields: [collectionID], references: [id])
  team         Team @relation(fields: [teamID], references: [id])
}` });
    expect(normalizeModelName('TeamCollection')).toBe('teamcollection');
    expect(m.inferredTenantFields).not.toContain('collectionID');
    expect(m.fact('TeamRequest')?.tenantField).toBe('teamID');
    expect(m.isTenantModel('TeamCollection')).toBe(true);
    expect(m.fact('TeamCollection')?.name).toBe('TeamCollection');
    // A Mongo collection handle still finds its model when nothing else carries the name.
    expect(m.fact('teamRequestsCollection')?.name).toBe('TeamRequest');
  });
});

describe('TypeORM EntitySchema files', () => {
  const files = {
    'flow.entity.ts': `export const FlowEntity = new EntitySchema<FlowSchema>({
  name: 'flow',
  columns: { ...BaseColumnSchemaPart, projectId: ApIdSchema, status: { type: String } },
  relations: { project: { type: 'many-to-one', target: 'project', joinColumn: { name: 'projectId' } } },
})`,
    'flow-version.entity.ts': `export const FlowVersionEntity = new EntitySchema<FlowVersionSchema>({
  name: 'flow_version',
  columns: { ...BaseColumnSchemaPart, flowId: ApIdSchema, displayName: { type: String } },
  relations: {
    flow: { type: 'many-to-one', target: 'flow', cascade: true, joinColumn: { name: 'flowId', foreignKeyConstraintName: 'fk' } },
    owner: { type: 'one-to-one', target: 'user' },
  },
})`,
    'flag.entity.ts': `export const FlagEntity = new EntitySchema<Flag>({ name: 'flag', columns: { ...BaseColumnSchemaPart, value: { type: String } } })`,
  };
  it('reads the tenant column, parent keys and both spellings of the entity', () => {
    const m = model(files, ['projectId', 'platformId']);
    expect(m.isTenantModel('flow')).toBe(true);
    expect(m.isTenantModel('FlowEntity')).toBe(true);
    expect(m.isTenantModel('flow_version')).toBe(true);
    expect(m.isTenantModel('FlowVersionEntity')).toBe(true);
    expect(m.tenantAnchors('flow_version')).toEqual(['flowId']);
    expect(m.isTenantModel('flag')).toBe(false);
  });
});

describe('entity classes with relations', () => {
  it('reads TypeORM @ManyToOne join columns as parent keys, not an inverse one-to-one', () => {
    const m = model({ 'e.ts': `@Entity('workspaces') export class Workspace { @PrimaryColumn() id!: string; }
@Entity() export class Board {
  @PrimaryColumn() id!: string;
  @ManyToOne(() => Workspace, (w) => w.boards, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owning_workspace' })
  owningWorkspace!: Workspace;
}
@Entity() export class Card {
  @PrimaryColumn() id!: string;
  @ManyToOne(type => Board, board => board.cards) board!: Board;
  @JoinColumn({ name: 'list_ref' })
  @ManyToOne(() => List)
  list!: List
  @ManyToOne(() => Lane)
  lane!: Lane
  @OneToOne(() => Profile) profile!: Profile;
}` });
    expect(m.fact('Board')?.relations).toEqual([{ field: 'owning_workspace', target: 'Workspace' }]);
    expect(m.isTenantModel('Board')).toBe(true);
    expect(m.tenantAnchors('Card')).toEqual(['boardId']);
    expect(m.fact('Card')?.relations).toContainEqual({ field: 'list_ref', target: 'List' });
    expect(m.fact('Card')?.relations).toContainEqual({ field: 'laneId', target: 'Lane' });
  });
  it('reads sequelize-typescript @ForeignKey columns behind other class decorators', () => {
    const m = model({ 'doc.ts': `@Scopes(() => ({ withTeam: { include: [Team] } }))
@Table({ tableName: 'documents', modelName: 'document' })
@Fix
class Document extends ParanoidModel {
  @ForeignKey(() => Team)
  @Column(DataType.UUID)
  teamId: string;
}` });
    expect(m.isTenantModel('documents')).toBe(true);
  });
});

describe('Mongoose refs', () => {
  it('a path that refs the tenant model is the tenant column, whatever its name', () => {
    const m = model({
      'workspace.ts': `const workspaceSchema = new Schema({ name: String });
const Workspace = model<IWorkspace>('Workspace', workspaceSchema);`,
      'folder.ts': `const folderSchema = new Schema({
  name: { type: String, required: true },
  workspace: { type: Schema.Types.ObjectId, ref: 'Workspace', required: true },
  parent: { type: Schema.Types.ObjectId, ref: 'Folder' },
});
const Folder = model('Folder', folderSchema);`,
      'note.ts': `const noteSchema = new Schema({ body: String, tags: [{ type: Schema.Types.ObjectId, ref: 'Workspace' }] });
export default model('Note', noteSchema);`,
    }, ['projectId', 'workspaceId', 'orgId']);
    expect(m.isTenantModel('Folder')).toBe(true);
    expect(m.fact('Folder')?.tenantField).toBe('workspace');
    // An array of refs lists children: no parent key, and no tenant.
    expect(m.isTenantModel('Note')).toBe(false);
  });
  it('a ref to the user alone makes rows the user\'s own, not a tenant\'s', () => {
    const m = model({ 'key.ts': `const keySchema = new Schema({ user: { type: Schema.Types.ObjectId, ref: 'User' }, value: String });
const Key = model('Key', keySchema);
const userSchema = new Schema({ email: String });
const User = model('User', userSchema);` });
    expect(m.fact('Key')?.tenantField).toBeUndefined();
    expect(m.tenantAnchors('Key')).toEqual(['user']);
  });
});

describe('Sequelize associations and JS migrations', () => {
  const files = {
    'models/Team.js': `const Team = sequelize.define('team', { id: { type: DataTypes.UUID, primaryKey: true }, name: DataTypes.STRING });`,
    'models/Collection.js': `const Collection = sequelize.define('collection', { id: DataTypes.UUID, name: DataTypes.STRING }, { tableName: 'collections', paranoid: true });
Collection.associate = models => {
  Collection.hasMany(models.Document, { as: 'documents', foreignKey: 'atlasId' });
  Collection.belongsTo(models.Team, { as: 'team' });
};`,
    'models/Document.js': `const Document = sequelize.define('document', { id: DataTypes.UUID, title: DataTypes.STRING });`,
    'models/View.js': `const View = sequelize.define('view', { id: DataTypes.UUID, count: DataTypes.INTEGER });
View.associate = models => { View.belongsTo(models.Document); View.belongsTo(models.User); };`,
    'models/Setting.js': `const Setting = sequelize.define('setting', { key: DataTypes.STRING, value: DataTypes.STRING });`,
    'migrations/1-initial.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('documents', { id: { type: 'UUID' }, title: { type: 'TEXT' }, teamId: { type: 'UUID', allowNull: false } });
    await queryInterface.createTable('stars', { id: { type: 'UUID' }, documentId: { type: 'UUID', references: { model: 'documents' } } });
  },
  down: async (queryInterface) => { await queryInterface.dropTable('documents'); },
};`,
  };
  it('takes the tenant column from belongsTo and migrations, and child tables through their keys', () => {
    const m = model(files);
    expect(m.isTenantModel('Collection')).toBe(true);
    expect(m.fact('collections')?.tenantField).toBe('teamId');
    expect(m.isTenantModel('Document')).toBe(true);
    expect(m.tenantAnchors('Document')).toContain('atlasId');
    expect(m.isTenantModel('View')).toBe(true);
    expect(m.tenantAnchors('View')).toContain('documentId');
    expect(m.isTenantModel('stars')).toBe(true);
    expect(m.isTenantModel('Setting')).toBe(false);
  });
  it('follows a table renamed by a migration to its model', () => {
    const m = model({
      'models/Collection.js': `const Collection = sequelize.define('collection', { id: DataTypes.UUID }, { tableName: 'collections' });`,
      'migrations/1.js': `module.exports = { up: async (queryInterface) => { await queryInterface.createTable('atlases', { id: { type: 'UUID' }, teamId: { type: 'UUID' } }); } };`,
      'migrations/2.js': `module.exports = {
  up: async (queryInterface) => { await queryInterface.renameTable('atlases', 'collections'); },
  down: async (queryInterface) => { await queryInterface.renameTable('collections', 'atlases'); },
};`,
    });
    expect(m.isTenantModel('Collection')).toBe(true);
  });
  it('leaves Kysely-style addColumn calls alone', () => {
    const m = model({ 'migrations/1.ts': `await db.schema.alterTable('doc').addColumn('team_id', 'uuid', (c) => c.references('team.id')).execute();` });
    expect(m.size).toBe(0);
  });
});
