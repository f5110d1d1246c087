import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, findings, parse, probeOrigin } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model Folder {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Project {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Page {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);
const messages = (code: string) => analyseSourceFile(parse(code), envFor({}, SCHEMA)).findings.map((f) => f.message);
const HEAD = `import { prisma } from './db';
declare function withWorkspace(h: (a: { params: Record<string, string>; workspace: { id: string } }) => unknown): unknown;
declare function verifyFolderAccess(a: { workspace: { id: string }; folderId: string }): Promise<void>;
`;

/** The expression `probe(<expr>)` wraps in `code`, classified. */
function originOf(code: string) {
  const o = probeOrigin(code, envFor({}, SCHEMA));
  return o.kind === 'parameter' ? { kind: o.kind, name: o.name } : { kind: o.kind };
}

describe('a handler\'s destructured params read further', () => {
  const DELETE = `${HEAD}
export const DELETE = withWorkspace(async ({ params }) => {
  const { folderId } = params;
  return prisma.folder.delete({ where: { id: folderId } });
});`;

  it('const { folderId } = params is request input', () => {
    expect(originOf('withWorkspace(async ({ params }) => { const { folderId } = params; probe(folderId); });').kind).toBe('untrusted');
    expect(kinds(DELETE)).toEqual(['unscoped-query']);
    expect(messages(DELETE).join('\n')).toMatch(/request input/);
  });

  it('not a gap when an earlier call checks it with the workspace', () => {
    expect(kinds(`${HEAD}
export const DELETE = withWorkspace(async ({ params, workspace }) => {
  const { folderId } = params;
  await verifyFolderAccess({ workspace, folderId });
  return prisma.folder.delete({ where: { id: folderId } });
});`)).toEqual([]);
  });
});

describe('a named helper\'s destructured parameter is followed to its callers', () => {
  const GET_ALL = `${HEAD}
async function getAll({ input }: { input: { projectId: string } }) {
  return prisma.page.findMany({ where: { projectId: input.projectId } });
}`;

  it('async function getAll({ input }) reads a parameter, not request input', () => {
    expect(originOf('async function getAll({ input }: { input: { projectId: string } }) { probe(input.projectId); }'))
      .toEqual({ kind: 'parameter', name: 'input' });
    expect(messages(GET_ALL).filter((m) => /request input/.test(m))).toEqual([]);
  });

  it('const { tx, input } = params inside function update(params) likewise', () => {
    expect(originOf('function update(params: any) { const { tx, input } = params; probe(input.projectId); }').kind).toBe('parameter');
    expect(messages(`${HEAD}
function update(params: any) {
  const { tx, input } = params;
  return prisma.page.findMany({ where: { projectId: input.projectId } });
}`).filter((m) => /request input/.test(m))).toEqual([]);
  });

  it('the same shapes in a handler stay request input', () => {
    expect(originOf('const r = t.procedure.query(async ({ input }) => probe(input.projectId));').kind).toBe('untrusted');
    expect(originOf('export async function GET(req: Request, { params }: any) { const { input } = params; probe(input.projectId); }').kind).toBe('untrusted');
    expect(kinds(`${HEAD}
declare const t: any;
export const r = t.procedure.query(async ({ input }) => prisma.page.findMany({ where: { projectId: input.projectId } }));`)).toEqual(['unscoped-query']);
  });
});
