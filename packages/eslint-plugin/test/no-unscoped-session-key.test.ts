import rule from '../src/rules/no-unscoped-session-key.js';
import { run } from './rule-tester.js';

run('no-unscoped-session-key', rule, {
  valid: [
    // Keyed by tenant and id.
    `const sessions = new Map<string, object>();\nexport const get = (tenantId: string, sessionId: string) => sessions.get(\`\${tenantId}:\${sessionId}\`);`,
    `const sessions = new Map<string, object>();\nexport const get = (id: string) => sessions.get(sessionKey(getCurrentTenant().tenantId, id));`,
    // A function-local map dies with the call.
    `export function group(items: { sessionId: string }[]) { const bySession = new Map(); for (const i of items) bySession.set(i.sessionId, i); return bySession; }`,
    // Not a caller-chosen id, not a session store.
    `const plans = new Map<string, object>();\nexport const plan = (planId: string) => plans.get(planId);`,
    `const sessions = new Map<string, object>();\nexport const fallback = () => sessions.get('default');`,
    // The runtime's tenant session store.
    `const store = createTenantSessionStore();\nexport const get = (sessionId: string) => store.get(sessionId);`,
    // A map keyed by the tenant itself.
    `const byTenant = new Map<string, object>();\nexport const get = (tenantId: string) => byTenant.get(tenantId);`,
    // Not a store: a parameter with get().
    `export const header = (headers: Headers, requestId: string) => headers.get(requestId);`,
    `const counters: Record<string, number> = {};\nexport const bump = (metricName: string) => { counters[metricName] = (counters[metricName] ?? 0) + 1; };`,
    `const traces = new Map<string, object>();\nexport const put = (orgId: string, traceId: string, t: object) => traces.set(orgId + ':' + traceId, t);`,
  ],
  invalid: [
    { code: `const sessions = new Map<string, object>();\nexport const get = (sessionId: string) => sessions.get(sessionId);`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `const traces: Record<string, object> = {};\nexport function put(traceId: string, t: object) { traces[traceId] = t; }`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `export class CognitiveTracer { private _sessions = new Map<string, object>(); start(sessionId: string) { this._sessions.set(sessionId, {}); } }`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `const conversations = new Map();\nexport const save = (req: any, x: object) => conversations.set(req.params.conversationId, x);`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `const cache = new LRUCache({ max: 100 });\nexport const put = (chatId: string, v: object) => cache.set(\`chat:\${chatId}\`, v);`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `const history = new Map();\nexport const load = (id: string) => history.get(id);`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `const store: { [id: string]: object } = {};\nexport const read = (threadId: string) => store[threadId];`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `const runs = new Map();\nexport const cancel = (runId: string) => runs.delete(runId);`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `const memory = new Map();\nexport const known = (conversationKey: string) => memory.has(conversationKey);`, errors: [{ messageId: 'unscopedSessionKey' }] },
    { code: `const pending = new Map();\nexport const track = (requestId: string, p: object) => pending.set(requestId, p);`, errors: [{ messageId: 'unscopedSessionKey' }] },
    // One report per store, on its first unscoped access.
    { code: `const sessions = new Map();\nexport const a = (sessionId: string) => sessions.get(sessionId);\nexport const b = (sessionId: string) => sessions.delete(sessionId);`, errors: [{ messageId: 'unscopedSessionKey', line: 2 }] },
  ],
});
