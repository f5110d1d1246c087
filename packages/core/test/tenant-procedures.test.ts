import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = 'model Project {\n  id String @id\n}\nmodel Trace {\n  id String @id\n  projectId String\n  project Project @relation(fields: [projectId], references: [id])\n}\n';
const kinds = (code: string) => findings(code, { tenantFields: ['projectId'] }, SCHEMA).map((f) => f.kind);

/** tRPC procedures named for their tenant check the input's tenant in middleware (langfuse's protectedProjectProcedure). */
describe('tenant-guarded tRPC procedures', () => {
  it('input.projectId in a protectedProjectProcedure handler is verified', () => {
    expect(kinds(`import { prisma } from './db';
declare const protectedProjectProcedure: any;
export const router = {
  byId: protectedProjectProcedure.input({}).query(async ({ input }: any) =>
    prisma.trace.findFirst({ where: { id: input.traceId, projectId: input.projectId } })),
};`)).toEqual([]);
  });

  it('the same input on a plain protectedProcedure is client-chosen', () => {
    expect(kinds(`import { prisma } from './db';
declare const protectedProcedure: any;
export const router = {
  byId: protectedProcedure.input({}).query(async ({ input }: any) =>
    prisma.trace.findFirst({ where: { id: input.traceId, projectId: input.projectId } })),
};`)).toEqual(['unscoped-query']);
  });

  it('only the tenant field is verified: a by-id read without it is still a gap', () => {
    expect(kinds(`import { prisma } from './db';
declare const protectedProjectProcedure: any;
export const router = {
  byId: protectedProjectProcedure.input({}).query(async ({ input }: any) =>
    prisma.trace.findUnique({ where: { id: input.traceId } })),
};`)).toEqual(['unscoped-query']);
  });
});

describe('tenant-guarded tRPC procedures, destructured input and throwIfNo…Access authorizers', () => {
  it('projectId destructured from the input of a protectedProjectProcedure handler is verified', () => {
    expect(kinds(`import { prisma } from './db';
declare const protectedProjectProcedure: any;
export const router = {
  byId: protectedProjectProcedure.input({}).query(async ({ input: { projectId, traceId } }: any) =>
    prisma.trace.findFirst({ where: { id: traceId, projectId } })),
};`)).toEqual([]);
  });

  it('throwIfNoProjectAccess({ session, projectId }) checks the client-chosen project', () => {
    expect(kinds(`import { prisma } from './db';
declare function throwIfNoProjectAccess(a: unknown): void;
export async function handler(req: { body: { projectId: string; traceId: string } }, session: unknown) {
  throwIfNoProjectAccess({ session, projectId: req.body.projectId, scope: 'traces:read' });
  return prisma.trace.findFirst({ where: { id: req.body.traceId, projectId: req.body.projectId } });
}`)).toEqual([]);
  });
});

describe('the word "tenant" when the config names the tenant otherwise', () => {
  it('`tenantId` carries the tenant by default, and not when tenantFields say the tenant is the workspace', async () => {
    const { isTenantName } = await import('../src/index.js');
    const { envFor } = await import('./helpers.js');
    expect(isTenantName('tenantId', envFor())).toBe(true);
    expect(isTenantName('externalTenantId', envFor())).toBe(true);
    const workspaceOnly = envFor({ tenantFields: ['workspaceId', 'projectId'] });
    expect(isTenantName('tenantId', workspaceOnly)).toBe(false);
    expect(isTenantName('workspaceId', workspaceOnly)).toBe(true);
    expect(isTenantName('workspace', workspaceOnly)).toBe(true);
  });
});
