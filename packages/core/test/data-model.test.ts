import { describe, expect, it } from 'vitest';
import { buildDataModel, resolveConfig } from '../src/index.js';

const fields = resolveConfig().tenantFields;
const model = (path: string, text: string, extra: { tenantModels?: string[]; globalModels?: string[] } = {}) =>
  buildDataModel([{ path, text }], { tenantFields: fields, ...extra });

describe('data model', () => {
  it('reads Prisma models, their tenant column and @@map table names', () => {
    const m = model('schema.prisma', `model Document {
  id       String @id
  orgId    String
  @@map("documents")
}
model Plan {
  id   String @id
  name String
}`);
    expect(m.isTenantModel('Document')).toBe(true);
    expect(m.isTenantModel('document')).toBe(true);
    expect(m.isTenantModel('documents')).toBe(true);
    expect(m.isTenantModel('Plan')).toBe(false);
    expect(m.isTenantModel('Invoice')).toBeUndefined();
  });
  it('reads SQL migrations, including a tenant column added later', () => {
    const m = model('migrations/001.sql', `CREATE TABLE IF NOT EXISTS public.messages (id uuid primary key, body text);
CREATE TABLE countries (code text primary key, name text);
ALTER TABLE messages ADD COLUMN tenant_id uuid NOT NULL;`);
    expect(m.isTenantModel('messages')).toBe(true);
    expect(m.isTenantModel('countries')).toBe(false);
  });
  it('reads Drizzle tables by table name and variable name', () => {
    const m = model('schema.ts', `export const documents = pgTable('documents', { id: uuid('id'), workspaceId: uuid('workspace_id').notNull() });
export const plans = pgTable('plans', { id: uuid('id'), name: text('name') });`);
    expect(m.isTenantModel('documents')).toBe(true);
    expect(m.isTenantModel('plans')).toBe(false);
  });
  it('reads TypeORM entities, Sequelize and Mongoose models', () => {
    expect(model('e.ts', `@Entity('docs') export class Doc {
  @PrimaryGeneratedColumn() id!: number;
  @Column() tenantId!: string;
}`).isTenantModel('Doc')).toBe(true);
    expect(model('s.ts', `sequelize.define('Invoice', { amount: DataTypes.INTEGER, accountId: DataTypes.UUID });`).isTenantModel('Invoice')).toBe(true);
    const mongo = model('m.ts', `const NoteSchema = new Schema({ body: String, teamId: String });
const Note = model('Note', NoteSchema);
const FlagSchema = new Schema({ key: String });
const Flag = model('Flag', FlagSchema);`);
    expect(mongo.isTenantModel('Note')).toBe(true);
    expect(mongo.isTenantModel('Flag')).toBe(false);
  });
  it('lets config override the schema both ways', () => {
    const m = model('schema.prisma', 'model Plan {\n  id String @id\n}\nmodel AuditEvent {\n  id String @id\n  orgId String\n}', { tenantModels: ['Plan'], globalModels: ['AuditEvent'] });
    expect(m.isTenantModel('Plan')).toBe(true);
    expect(m.isTenantModel('AuditEvent')).toBe(false);
  });
});

describe('tenant fields learnt from the schema', () => {
  it('treats foreign keys to the tenant entity as tenant fields (Prisma)', () => {
    const m = model('schema.prisma', `model Project {
  id   String @id
  name String
}
model Link {
  id        String  @id
  projectId String
  project   Project @relation(fields: [projectId], references: [id])
}
model Tag {
  id   String @id
  name String
}`);
    expect(m.inferredTenantFields).toEqual(['projectId']);
    expect(m.isTenantModel('Link')).toBe(true);
    expect(m.isTenantModel('Tag')).toBe(false);
  });
  it('learns the entity from what an existing tenant field points at (SQL)', () => {
    const m = model('001.sql', `CREATE TABLE accounts_ws (id uuid primary key);
CREATE TABLE boards (id uuid primary key, workspace_id uuid references accounts_ws(id));
CREATE TABLE cards (id uuid primary key, owner_ws uuid, board_id uuid, FOREIGN KEY (owner_ws) REFERENCES accounts_ws(id));`);
    expect(m.inferredTenantFields).toEqual(['owner_ws']);
    expect(m.isTenantModel('cards')).toBe(true);
  });
  it('does not learn foreign keys to ordinary tenant-owned rows', () => {
    const m = model('schema.prisma', `model Document {
  id       String @id
  tenantId String
}
model Chunk {
  id         String   @id
  documentId String
  document   Document @relation(fields: [documentId], references: [id])
}`);
    expect(m.inferredTenantFields).toEqual([]);
  });
});
