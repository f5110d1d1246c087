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

describe('a list of ids derived inline inside a builder filter', () => {
  const DRIZZLE = `import { db } from './db';
import { eq, inArray } from 'drizzle-orm';
declare const app: { get(path: string, h: (request: any, response: any) => unknown): void };
`;
  it('ids mapped from rows the handler loaded with the tenant filter are the loaded rows\' ids: not reported', () => {
    const code = `${DRIZZLE}
app.get('/notifications', async (request, response) => {
  const workspaceId = response.locals.tenant.id;
  const rows = await db.select().from(notification).where(eq(notification.workspaceId, workspaceId)).all();
  const links = await db.select().from(notificationsToMonitors).where(inArray(notificationsToMonitors.notificationId, rows.map((n) => n.id))).all();
  response.json({ rows, links });
});`;
    expect(findings(code, {}, '')).toEqual([]);
  });
  it('the same shape over a list from request input is still reported', () => {
    const code = `${DRIZZLE}
app.get('/links', async (request, response) => {
  const links = await db.select().from(notificationsToMonitors).where(inArray(notificationsToMonitors.notificationId, request.query.ids.map(Number))).all();
  response.json(links);
});`;
    expect(findings(code, {}, '').map((f) => f.line)).toEqual([6]);
  });
});
