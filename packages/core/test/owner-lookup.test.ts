import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Organization {
  id String @id
}
model Project {
  id String @id
  organizationId String
  organization Organization @relation(fields: [organizationId], references: [id])
}
model Environment {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
model Invite {
  id String @id
  email String
  organizationId String
  organization Organization @relation(fields: [organizationId], references: [id])
}
`;
const kinds = (body: string) => findings(`import { prisma } from './db';
export const getOwner = async (req: { body: { id: string } }) => {
  ${body}
};`, {}, SCHEMA).map((f) => f.kind);

describe('a read that picks only which tenant owns the row', () => {
  it('select: { organizationId: true } by a client id is the owner lookup an authorizer then uses', () => {
    expect(kinds(`return prisma.invite.findUnique({ where: { id: req.body.id }, select: { organizationId: true } });`)).toEqual([]);
  });
  it('through relations: select: { project: { select: { organizationId: true } } }', () => {
    expect(kinds(`return prisma.environment.findUnique({ where: { id: req.body.id }, select: { project: { select: { organizationId: true } } } });`)).toEqual([]);
  });
  it('Drizzle: db.select({ organizationId: invites.organizationId }).from(invites)', () => {
    expect(findings(`import { eq } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
const organizations = pgTable('organizations', { id: text('id') });
const invites = pgTable('invites', { id: text('id'), email: text('email'), organizationId: text('organization_id').references(() => organizations.id) });
declare const db: any;
export const getOwner = async (req: { body: { id: string } }) =>
  db.select({ organizationId: invites.organizationId }).from(invites).where(eq(invites.id, req.body.id));`).map((f) => f.kind)).toEqual([]);
  });
  it('look-alikes: another field next to the owner, or the whole row, are tenant data', () => {
    expect(kinds(`return prisma.invite.findUnique({ where: { id: req.body.id }, select: { organizationId: true, email: true } });`)).toEqual(['unscoped-query']);
    expect(kinds(`return prisma.invite.findUnique({ where: { id: req.body.id } });`)).toEqual(['unscoped-query']);
    expect(kinds(`return prisma.invite.findUnique({ where: { id: req.body.id }, select: { id: true } });`)).toEqual(['unscoped-query']);
  });
});
