import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const logs = (code: string) => findings(code).filter((f) => f.kind === 'unscoped-log-access').map((f) => f.line);

describe('unscoped-log-access', () => {
  it('flags tailing a log file and searching a log store without a tenant', () => {
    expect(logs(`router.get('/logs/tail/:service', (req, res) => { fs.createReadStream(\`/var/log/\${req.params.service}.log\`).pipe(res); });
router.get('/logs/search', async (req, res) => res.json(await logStore.search({ query: req.query.q })));
router.get('/audit', async (req, res) => res.json(await auditLog.list({ limit: 50 })));`)).toEqual([1, 2, 3]);
  });
  it('does not flag tenant-filtered searches, platform-guarded tails, or the runtime reader', () => {
    expect(logs(`router.get('/logs/search', async (req, res) => res.json(await logStore.search({ tenantId: req.auth.tenantId, query: req.query.q })));
router.get('/logs/tail', requirePlatformOperator, (req, res) => { fs.createReadStream(logFile).pipe(res); });
router.get('/logs/raw', (req, res) => { if (!req.auth.isPlatformOperator) return res.status(403).end(); fs.createReadStream(logFile).pipe(res); });
const reader = createTenantLogReader(source);
router.get('/logs', async (req, res) => res.json(await reader.read({ q: req.query.q })));
const cfg = fs.readFileSync('config.json', 'utf8');
logger.info('started');`)).toEqual([]);
  });
});

describe('unscoped-log-access: array methods over rows in hand', () => {
  it('traces.find((t) => …) over traces loaded with the tenant is an array method, not a log store; traces.find({ … }) is a store query', () => {
    expect(logs(`export async function withTraces(projectId: string, ids: string[]) {
  const traces = await getTracesByIds(ids, projectId);
  return ids.map((id) => traces.find((t) => t.id === id));
}
router.get('/traces', async (req, res) => res.json(await traces.find({ name: req.query.name })));`)).toEqual([5]);
  });
});

const RESULT_LOGS = `model Workspace {
  id String @id
}
model Typebot {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model Result {
  id String @id
  typebotId String
  typebot Typebot @relation(fields: [typebotId], references: [id])
}
model Log {
  id String @id
  resultId String
  result Result @relation(fields: [resultId], references: [id])
}
model Log2 {
  id String @id
  message String
}
`;

/** A table of the application's own that happens to be called `log`: judged as data, with its parent keys. */
describe('an ORM model named log that belongs to a tenant', () => {
  const kinds = (code: string) => findings(code, { tenantFields: ['workspaceId'] }, RESULT_LOGS).map((f) => `${f.kind}:${f.line}`);

  it('is not an operational log store: a read filtered through its checked parent stays quiet', () => {
    expect(kinds(`import prisma from './db';
export async function getLogs(typebotId: string, resultId: string, user: { id: string }) {
  const typebot = await prisma.typebot.findFirst({ where: { id: typebotId, workspace: { members: { some: { userId: user.id } } } } });
  if (!typebot) throw new Error('not found');
  return prisma.log.findMany({ where: { result: { typebotId, id: resultId } } });
}`)).toEqual([]);
  });

  it('still a gap, reported as data access, when read by the client id alone', () => {
    expect(kinds(`import prisma from './db';
router.get('/results/:resultId/logs', async (req, res) => res.json(await prisma.log.findMany({ where: { resultId: req.params.resultId } })));`))
      .toEqual(['unscoped-query:2']);
  });

  it('a log table with no tenant anywhere is still read as a log store', () => {
    expect(findings(`import prisma from './db';
router.get('/logs', async (req, res) => res.json(await logs.findMany({ where: { q: req.query.q } })));`, { tenantFields: ['workspaceId'] }, RESULT_LOGS)
      .map((f) => f.kind)).toContain('unscoped-log-access');
  });
});
