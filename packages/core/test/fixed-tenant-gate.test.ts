import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model Integration {
  id String @id
  name String
  status String
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const reasons = (code: string) => analyseSourceFile(parse(code), envFor({}, SCHEMA)).sinks.map((s) => s.reason);
const FIXED = "runs only for one tenant fixed in code (the operator's)";
const HEAD = `import { prisma } from './db';
declare const DUB_WORKSPACE_ID: string;
declare const OPEN_STATUS: string;
declare function withWorkspace(h: (a: { req: { body: { id: string; name: string } }; workspace: { id: string } }) => unknown): unknown;
`;

/** A gate that lets only one tenant fixed in code or config (the operator's own) past: what follows is a staff tool. */
describe('a gate on one fixed tenant before the use', () => {
  it('if (workspaceId !== DUB_WORKSPACE_ID) throw before a by-id update from the request', () => {
    const code = `${HEAD}
export async function updateIntegration(req: { body: { id: string; name: string } }, workspaceId: string) {
  if (workspaceId !== DUB_WORKSPACE_ID) throw new Error('Not authorized');
  return prisma.integration.update({ where: { id: req.body.id }, data: { name: req.body.name } });
}`;
    expect(kinds(code)).toEqual([]);
    expect(reasons(code)).toEqual([FIXED]);
  });

  it('workspace.id !== process.env.STAFF_WORKSPACE_ID inside a withWorkspace handler', () => {
    const code = `${HEAD}
export const PATCH = withWorkspace(async ({ req, workspace }) => {
  if (workspace.id !== process.env.STAFF_WORKSPACE_ID) throw new Error('Not authorized');
  return prisma.integration.update({ where: { id: req.body.id }, data: { name: req.body.name } });
});`;
    expect(kinds(code)).toEqual([]);
    expect(reasons(code)).toEqual([FIXED]);
  });

  it('a string literal tenant, and a branch that returns instead of throwing', () => {
    const code = `${HEAD}
export async function readIntegration(req: { params: { id: string } }, workspaceId: string) {
  if (workspaceId !== 'ws_internal') {
    return new Response('forbidden', { status: 403 });
  }
  return prisma.integration.findUnique({ where: { id: req.params.id } });
}`;
    expect(kinds(code)).toEqual([]);
    expect(reasons(code)).toEqual([FIXED]);
  });
});

/** Look-alikes: the gate must come first, must reject every other tenant, must name the tenant, and must guard this use. */
describe('look-alikes of a fixed-tenant gate stay gaps', () => {
  it('the same gate after the use does not guard it', () => {
    expect(kinds(`${HEAD}
export async function updateIntegration(req: { body: { id: string; name: string } }, workspaceId: string) {
  const row = await prisma.integration.update({ where: { id: req.body.id }, data: { name: req.body.name } });
  if (workspaceId !== DUB_WORKSPACE_ID) throw new Error('Not authorized');
  return row;
}`)).toEqual(['unscoped-query']);
  });

  it('an === gate rejects the fixed tenant and lets every other one through', () => {
    expect(kinds(`${HEAD}
export async function updateIntegration(req: { body: { id: string; name: string } }, workspaceId: string) {
  if (workspaceId === DUB_WORKSPACE_ID) throw new Error('not for staff');
  return prisma.integration.update({ where: { id: req.body.id }, data: { name: req.body.name } });
}`)).toEqual(['unscoped-query']);
  });

  it('a non-tenant name compared with a constant (status !== OPEN_STATUS) is not a tenant gate', () => {
    expect(kinds(`${HEAD}
export async function updateIntegration(req: { body: { id: string; name: string } }, status: string) {
  if (status !== OPEN_STATUS) throw new Error('closed');
  return prisma.integration.update({ where: { id: req.body.id }, data: { name: req.body.name } });
}`)).toEqual(['unscoped-query']);
  });

  it('a gate inside another callback guards that callback, not the use', () => {
    expect(kinds(`${HEAD}
export async function updateIntegration(req: { body: { id: string; name: string } }, workspaceId: string) {
  const staffOnly = () => {
    if (workspaceId !== DUB_WORKSPACE_ID) throw new Error('Not authorized');
  };
  return prisma.integration.update({ where: { id: req.body.id }, data: { name: req.body.name } });
}`)).toEqual(['unscoped-query']);
  });

  it('a gate whose branch only logs lets every tenant through', () => {
    expect(kinds(`${HEAD}
export async function updateIntegration(req: { body: { id: string; name: string } }, workspaceId: string) {
  if (workspaceId !== DUB_WORKSPACE_ID) {
    console.warn('non-staff workspace editing integrations');
  }
  return prisma.integration.update({ where: { id: req.body.id }, data: { name: req.body.name } });
}`)).toEqual(['unscoped-query']);
  });
});
