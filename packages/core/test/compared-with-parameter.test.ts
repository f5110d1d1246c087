import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, parse } from './helpers.js';

const SCHEMA = `model Credentials {
  id String @id
  workspaceId String
}
`;
const sinks = (code: string) => analyseSourceFile(parse(code), envFor({}, SCHEMA)).sinks.map((s) => `${s.verdict}: ${s.reason}`);
const HEAD = `import { prisma } from './db';\n`;

/** What a loaded record is compared with decides what the comparison proves. */
describe('a loaded record compared with a tenant the function receives', () => {
  it('is for the callers to answer (a parameter verdict), not scoped here', () => {
    expect(sinks(`${HEAD}
export async function getCredentials(id: string, workspaceId: string) {
  const creds = await prisma.credentials.findUnique({ where: { id } });
  if (!creds || creds.workspaceId !== workspaceId) return null;
  return creds;
}`)).toEqual(['parameter: loaded record compared with a tenant the function receives']);
  });

  it('compared with the verified caller it is scoped here', () => {
    expect(sinks(`${HEAD}
export async function getCredentials(id: string, session: { user: { workspaceId: string } }) {
  const creds = await prisma.credentials.findUnique({ where: { id } });
  if (!creds || creds.workspaceId !== session.user.workspaceId) return null;
  return creds;
}`)).toEqual(['scoped: record checked after loading']);
  });

  it('compared with request input it proves nothing', () => {
    expect(sinks(`${HEAD}
export async function handler(req: { params: { id: string }; body: { workspaceId: string } }) {
  const creds = await prisma.credentials.findUnique({ where: { id: req.params.id } });
  if (!creds || creds.workspaceId !== req.body.workspaceId) return null;
  return creds;
}`)[0]).toMatch(/^unscoped/);
  });
});
