import rule from '../src/rules/no-unscoped-log-access.js';
import { run } from './rule-tester.js';

run('no-unscoped-log-access', rule, {
  valid: [
    `export const logs = () => logStore.search({ tenantId: getCurrentTenant().tenantId });`,
    // The runtime's tenant log reader drops other tenants' entries.
    `export const tail = (source: unknown) => { const logs = createTenantLogReader(source); return logs.tail(); };`,
    // Platform-only paths.
    `export async function allLogs() { requirePlatformOperator(); return logStore.search({ level: 'error' }); }`,
    `app.get('/admin/logs', requirePlatformOperator, async (req, res) => { res.json(await logStore.search({})); });`,
    `export async function allLogs(user: any) { if (!user.isPlatformOperator) throw new Error('forbidden'); return auditLog.find({}); }`,
    `export async function support() { return runAsPlatform('support ticket 42', () => logStore.search({})); }`,
    // Not logs.
    `import { readFile } from 'node:fs/promises';\nexport const config = () => readFile('config.json', 'utf8');`,
    `export const docs = () => documentStore.search({ q: 'x' });`,
    `import { spawn } from 'node:child_process';\nexport const list = () => spawn('ls', ['-la']);`,
    // Writing logs is fine.
    `export const note = () => logger.info('started');`,
  ],
  invalid: [
    { code: `app.get('/logs', async (req, res) => { res.json(await logStore.search({ level: 'error' })); });`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `import { createReadStream } from 'node:fs';\nexport const stream = () => createReadStream('/var/log/app.log');`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `import { spawn } from 'node:child_process';\nexport const tail = (file: string) => spawn('tail', ['-f', file]);`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `export const events = () => auditLog.find({});`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `export class Api { constructor(private logService: any) {} list() { return this.logService.list(); } }`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `import { readFile } from 'node:fs/promises';\nexport const read = (logPath: string) => readFile(logPath, 'utf8');`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `export const traces = (service: string) => traceStore.query({ service });`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `export const q = (query: string) => loki.query(query);`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `import { execSync } from 'node:child_process';\nexport const journal = () => execSync('journalctl -u api');`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `export const tail = (service: string) => chronicle.tail(service);`, errors: [{ messageId: 'unscopedLogAccess' }] },
    { code: `import { readFile } from 'node:fs/promises';\nexport const read = (service: string) => readFile(\`/srv/logs/\${service}.log\`, 'utf8');`, errors: [{ messageId: 'unscopedLogAccess' }] },
  ],
});
