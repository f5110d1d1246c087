import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

const SCHEMA = `
model Event {
  id        String @id
  projectId String
  name      String
  @@map("events")
}
model Plan {
  id   String @id
  name String
}
`;
const config = { tenantFields: ['projectId', 'project_id'] };
const data = (code: string) => findings(code, config, SCHEMA).filter((f) => f.kind === 'unscoped-query').map((f) => `${f.line}:${f.messageId}`);

function verdicts(code: string): string[] {
  const sf = parse(code);
  return analyseSourceFile(sf, envFor(config, SCHEMA)).sinks
    .filter((s) => s.match.library === 'sql')
    .map((s) => `${sf.getLineAndCharacterOfPosition(s.match.node.getStart(sf)).line + 1}:${s.verdict}`);
}

describe('raw SQL through app wrappers and ClickHouse clients', () => {
  it('a wrapper named for running SQL is a statement where it is called, judged by the tenant value it binds', () => {
    expect(verdicts(`import { escape } from 'sqlstring';
export const bots = publicProcedure.input(z.object({ projectId: z.string() })).query(async ({ input: { projectId } }) => {
  return chQuery(\`SELECT * FROM events WHERE project_id = \${escape(projectId)} ORDER BY created_at DESC\`);
});
export const mine = protectedProcedure.query(async ({ ctx }) => {
  return chQuery(\`SELECT * FROM events WHERE project_id = \${escape(ctx.session.projectId)}\`);
});
app.get('/events', async (req, res) => {
  res.json(await chQuery(\`SELECT * FROM events WHERE project_id = '\${req.query.projectId}'\`));
});`)).toEqual(['3:parameter', '6:scoped', '9:untrusted']);
  });

  it('reads the statement of the object form and the bound parameter of a string statement', () => {
    expect(verdicts(`async function a(client: ClickHouseClient, projectId: string) {
  return client.query({ query: \`SELECT name FROM events WHERE project_id = \${projectId}\`, format: 'JSONEachRow' });
}
async function b(pool: Pool, t: string) { return pool.query('SELECT * FROM events WHERE project_id = $1', [t]); }
async function c(pool: Pool) { return pool.query('SELECT * FROM events WHERE project_id = $1', ['fixed']); }`)).toEqual(['2:parameter', '4:parameter', '5:scoped']);
  });

  it('leaves wrappers called with constant SQL on global tables, and calls whose first argument is not SQL, alone', () => {
    expect(verdicts(`async function a() { return chQuery('SELECT * FROM Plan'); }
function b() { return useQuery({ queryKey: ['x'] }); }
function c() { return runCommand('select an option from the list'); }`)).toEqual([]);
  });

  it('reads ClickHouse mutations (ALTER TABLE … DELETE / UPDATE … WHERE) as writes', () => {
    expect(data(`async function a(clickhouse: Svc, id: string) {
  await clickhouse.query(\`ALTER TABLE events DELETE WHERE id = '\${id}'\`);
}
app.delete('/events/:id', async (req, res) => {
  await clickhouse.command(\`ALTER TABLE events UPDATE name = 'x' WHERE id = '\${req.params.id}'\`);
});`)).toEqual(['2:unscopedQuery', '5:unscopedQuery']);
  });
});

describe('subqueries held in locals, and ClickHouse table definitions', () => {
  it('reads the tenant predicate of a subquery spliced from a local', () => {
    expect(verdicts(`async function a(projectId: string) {
  const inner = \`SELECT session_id FROM events WHERE project_id = \${escape(projectId)} GROUP BY session_id\`;
  return chQuery(\`SELECT count() AS count FROM (\${inner}) GROUP BY level\`);
}`)).toEqual(['3:scoped']);
  });
});

describe('ClickHouse table definitions', () => {
  it('reads backtick-quoted columns of a CREATE TABLE as the table\'s fields', async () => {
    const { buildDataModel, resolveConfig } = await import('../src/index.js');
    const model = buildDataModel([{ path: 'clickhouse_tables.sql', text: 'CREATE TABLE analytics.events_bots (\n  `id` UUID,\n  `project_id` String,\n  `name` String\n) ENGINE MergeTree ORDER BY (project_id);\nCREATE TABLE analytics.plans (`id` UUID, `name` String) ENGINE MergeTree ORDER BY id;' }], resolveConfig({ tenantFields: ['projectId'] }));
    expect(model.isTenantModel('events_bots')).toBe(true);
    expect(model.isTenantModel('plans')).toBe(false);
  });
});

describe('what the statement text does not show', () => {
  it('a filter fragment built elsewhere and spliced into the WHERE clause is not "no tenant predicate"', () => {
    expect(verdicts(`async function a(projectId: string, filter: Filter) {
  const applied = filter.apply();
  return queryClickhouse({ query: \`SELECT name FROM events o WHERE \${applied.query} AND o.type = 'X' GROUP BY name\`, params: applied.params });
}
async function b(id: string) {
  return queryClickhouse({ query: \`SELECT name FROM events WHERE id = {id: String}\`, params: { id } });
}`)).toEqual(['3:unknown', '6:unscoped']);
  });

  it('counts grouped by the tenant over every tenant are not any tenant\'s rows', () => {
    expect(verdicts(`async function a() {
  return queryClickhouse({ query: \`SELECT project_id, count(*) AS count FROM events WHERE created_at >= {start: DateTime64(3)} GROUP BY project_id\` });
}`)).toEqual(['2:global']);
  });
});

describe('raw SQL that reads the rows of no tenant', () => {
  it('a SELECT whose WHERE asks for tenant IS NULL reads the shared rows, not every tenant; an OR, a write or another column does not', () => {
    expect(data(`declare const prisma: any;
export async function defaultPrices() {
  return prisma.$queryRaw\`SELECT DISTINCT ON (name) id, name FROM events WHERE project_id IS NULL ORDER BY name\`;
}
export async function anyRows(name: string) {
  return prisma.$queryRaw\`SELECT id FROM events WHERE project_id IS NULL OR name = \${name}\`;
}
export async function clearShared() {
  return prisma.$executeRaw\`DELETE FROM events WHERE project_id IS NULL\`;
}
export async function live() {
  return prisma.$queryRaw\`SELECT id FROM events WHERE deleted_at IS NULL\`;
}
export async function notNull() {
  return prisma.$queryRaw\`SELECT id FROM events WHERE project_id IS NOT NULL\`;
}`)).toEqual(['6:unscopedQuery', '9:unscopedQuery', '12:unscopedQuery', '15:unscopedQuery']);
  });
});

describe("raw SQL over the database's own catalogue", () => {
  it('system.*, information_schema.* and pg_catalog.* describe the database, not any tenant: not reported; a table of the app is', () => {
    expect(data(`declare const clickhouse: any;
declare const prisma: any;
export async function activeParts(table: string) {
  return clickhouse.query({ query: \`SELECT name FROM system.parts WHERE table = '\${table}' AND active = 1\`, format: 'JSONEachRow' });
}
export async function tables() {
  return prisma.$queryRaw\`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'\`;
}
export async function settings() {
  return prisma.$queryRaw\`SELECT name FROM pg_catalog.pg_settings WHERE name = 'max_connections'\`;
}
export async function events() {
  return clickhouse.query({ query: 'SELECT name FROM events WHERE active = 1', format: 'JSONEachRow' });
}`)).toEqual(['13:unscopedQuery']);
  });
});
