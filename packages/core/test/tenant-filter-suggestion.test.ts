import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyseSourceFile, buildDataModel, createEnv, resolveConfig, type TextChange } from '../src/index.js';
import { parse } from './helpers.js';

const SCHEMA = `
model Document {
  id             String @id
  organizationId String
}
model Enrollment {
  id        String @id
  programId String
  program   Program @relation(fields: [programId], references: [id])
}
model Program {
  id             String @id
  organizationId String
}
`;

function env() {
  const config = resolveConfig({});
  return createEnv(ts, config, buildDataModel([{ path: 'schema.prisma', text: SCHEMA }], config));
}

function apply(code: string, changes: readonly TextChange[]): string {
  return [...changes].sort((a, b) => b.start - a.start).reduce((text, c) => text.slice(0, c.start) + c.text + text.slice(c.end), code);
}

/** The code with the filter suggestion applied, or undefined when there is none; and the findings left after it. */
function suggest(code: string): { fixed: string | undefined; description?: string; after?: string[] } {
  const findings = analyseSourceFile(parse(code), env()).findings;
  const suggestion = findings.flatMap((f) => f.suggestions ?? []).find((s) => s.id === 'addVerifiedTenant');
  if (!suggestion) return { fixed: undefined };
  const fixed = apply(code, suggestion.changes);
  const after = analyseSourceFile(parse(fixed), env()).findings.filter((f) => f.kind === 'unscoped-query').map((f) => f.messageId);
  return { fixed, description: suggestion.description, after };
}

describe('suggestion: add the verified tenant to the where object', () => {
  it('a verified access already in the function goes in under the model\'s own tenant column, and the query is then scoped', () => {
    const code = `export async function get({ ctx, id }: Args) {
  if (!ctx.session.organizationId) throw new Error('no org');
  return prisma.document.findFirst({ where: { id } });
}`;
    const result = suggest(code);
    expect(result.fixed).toContain('prisma.document.findFirst({ where: { id, organizationId: ctx.session.organizationId } })');
    expect(result.description).toBe('Filter by organizationId: ctx.session.organizationId, the verified tenant');
    expect(result.after).toEqual([]);
  });

  it('a verified local named like the column is written shorthand; one named otherwise goes in under the column', () => {
    const shorthand = suggest(`export async function get(req: Request, id: string) {
  const { organizationId } = req.auth;
  return prisma.document.findUnique({ where: { id } });
}`);
    expect(shorthand.fixed).toContain('findUnique({ where: { id, organizationId } })');
    expect(shorthand.after).toEqual([]);
    const renamed = suggest(`export async function get(req: Request, id: string) {
  const orgId = req.auth.orgId;
  return prisma.document.delete({ where: { id } });
}`);
    expect(renamed.fixed).toContain('delete({ where: { id, organizationId: orgId } })');
    expect(renamed.after).toEqual([]);
  });

  it('the runtime\'s context getter counts as verified', () => {
    const result = suggest(`export async function get(id: string) {
  const tenantId = requireTenantId();
  return prisma.document.findFirst({ where: { id } });
}`);
    expect(result.fixed).toContain('{ where: { id, organizationId: tenantId } }');
    expect(result.after).toEqual([]);
  });

  it('prefers the value named like the column when several are in scope', () => {
    const result = suggest(`export async function get(req: Request, id: string) {
  const tenantId = req.auth.tenantId;
  const { organizationId } = req.auth;
  return prisma.document.findFirst({ where: { id } });
}`);
    expect(result.fixed).toContain('{ where: { id, organizationId } }');
  });

  it('an empty where gets the tenant alone', () => {
    const result = suggest(`export async function all(req: Request) {
  const orgId = req.auth.orgId;
  return prisma.document.findMany({ where: {} });
}`);
    expect(result.fixed).toContain('findMany({ where: { organizationId: orgId } })');
  });

  it('offers nothing when no verified tenant is in scope: a tenant parameter, request input, a value only a nested callback sees, or one read after the query', () => {
    expect(suggest(`export async function get(organizationId: string, id: string) {
  return prisma.document.findFirst({ where: { id } });
}`).fixed).toBeUndefined();
    expect(suggest(`export async function get(req: Request, id: string) {
  const organizationId = req.body.organizationId;
  return prisma.document.findFirst({ where: { id } });
}`).fixed).toBeUndefined();
    expect(suggest(`export async function get(id: string) {
  requests.forEach((req: Request) => { const orgId = req.auth.orgId; use(orgId, req.auth.orgId); });
  return prisma.document.findFirst({ where: { id } });
}`).fixed).toBeUndefined();
    expect(suggest(`export async function get(req: Request, id: string) {
  const doc = await prisma.document.findFirst({ where: { id } });
  audit(req.auth.orgId, doc);
  return doc;
}`).fixed).toBeUndefined();
  });

  it('offers nothing for a filter it cannot edit safely: a spread, a where held in a variable, a model scoped only through its parent', () => {
    const head = 'export async function get(req: Request, id: string, extra: object) {\n  const orgId = req.auth.orgId;\n';
    expect(suggest(`${head}  return prisma.document.findFirst({ where: { id, ...extra } });\n}`).fixed).toBeUndefined();
    expect(suggest(`${head}  const where = { id };\n  return prisma.document.findFirst({ where });\n}`).fixed).toBeUndefined();
    expect(suggest(`${head}  return prisma.enrollment.findFirst({ where: { id } });\n}`).fixed).toBeUndefined();
  });
});
