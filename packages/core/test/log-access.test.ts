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
