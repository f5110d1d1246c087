import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const HEAD = `import { prisma } from './db';
declare const app: { delete(path: string, h: (request: any, response: any) => unknown): void };
`;

describe('lists of ids converted element by element', () => {
  it('ids.map((id) => parseInt(id)), ids.map(Number), ids.filter(Boolean) keep the origin of the request list', () => {
    const code = `${HEAD}
app.delete('/documents', async (request, response) => {
  const { ids = [] } = request.body;
  await prisma.document.deleteMany({ where: { id: { in: ids.map((id) => parseInt(id)) } } });
  await prisma.document.deleteMany({ where: { id: { in: ids.map(Number) } } });
  await prisma.document.deleteMany({ where: { id: { in: ids.filter(Boolean) } } });
});`;
    expect(findings(code).map((f) => f.line)).toEqual([6, 7, 8]);
  });

  it('look-alikes: a map that builds other values, and the verified response.locals tenant', () => {
    const code = `${HEAD}
declare const owned: Record<string, string>;
app.delete('/documents', async (request, response) => {
  const { ids = [] } = request.body;
  await prisma.document.deleteMany({ where: { id: { in: ids.map((id) => owned[id]) } } });
  await prisma.document.deleteMany({ where: { id: { in: ids }, tenantId: response.locals.tenant.id } });
});`;
    expect(findings(code)).toEqual([]);
  });
});
