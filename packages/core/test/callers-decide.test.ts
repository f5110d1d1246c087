import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, parse } from './helpers.js';

const SCHEMA = `model Document {
  id String @id
  tenantId String
}
`;
/** Each unscoped-query finding as `callers` (one file cannot decide) or `here` (the file shows the client's id). */
const marks = (code: string): string[] => analyseSourceFile(parse(code), envFor({}, SCHEMA)).findings
  .filter((f) => f.kind === 'unscoped-query')
  .map((f) => (f.callersDecide ? 'callers' : 'here'));

describe('by-id reads whose id the function receives are marked for the callers to decide', () => {
  it('a plain parameter of a service function or method: callers', () => {
    expect(marks(`export async function get(id: string) { return prisma.document.findUnique({ where: { id } }); }`)).toEqual(['callers']);
    expect(marks(`export class Docs { async get(id: string) { return prisma.document.findUnique({ where: { id } }); } }`)).toEqual(['callers']);
    expect(marks(`export const touch = (ids: string[]) => ids.map((id) => prisma.document.delete({ where: { id } }));`)).toEqual(['callers']);
  });

  it('request input, route params, server actions and procedure input: decided here', () => {
    expect(marks(`export async function handler(req: any) { return prisma.document.findUnique({ where: { id: req.body.id } }); }`)).toEqual(['here']);
    expect(marks(`export async function GET(req: Request, context: { params: { id: string } }) { return prisma.document.findUnique({ where: { id: context.params.id } }); }`)).toEqual(['here']);
    expect(marks(`'use server';\nexport async function remove(id: string) { await prisma.document.delete({ where: { id } }); }`)).toEqual(['here']);
    expect(marks(`export async function remove(id: string) { 'use server'; await prisma.document.delete({ where: { id } }); }`)).toEqual(['here']);
    expect(marks(`export const r = { byId: publicProcedure.input(s).query(async (opts: any) => prisma.document.findUnique({ where: { id: opts.input.id } })) };`)).toEqual(['here']);
  });

  it('look-alikes: a non-exported function of a use-server file, a GET that is not exported, a .map callback', () => {
    expect(marks(`'use server';\nasync function remove(id: string) { await prisma.document.delete({ where: { id } }); }\nvoid remove;`)).toEqual(['callers']);
    expect(marks(`async function GET(id: string) { return prisma.document.findUnique({ where: { id } }); }\nvoid GET;`)).toEqual(['callers']);
    expect(marks(`export const list = (ids: string[]) => ids.map((id) => prisma.document.findUnique({ where: { id } }));`)).toEqual(['callers']);
    // A procedure's context is not its input: the id of the verified caller, or whatever the middleware put there.
    expect(marks(`export const r = { me: protectedProcedure.mutation(async (opts: any) => prisma.document.findUnique({ where: { id: opts.ctx.documentId } })) };`)).toEqual(['callers']);
  });

  it('other findings carry no mark: a list query without a tenant is decided here', () => {
    expect(marks(`export async function all() { return prisma.document.findMany(); }`)).toEqual(['here']);
  });
});
