import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const sessions = (code: string) => findings(code).filter((f) => f.kind === 'unscoped-session-key');

describe('unscoped-session-key', () => {
  it('flags a class Map keyed by a caller-chosen session id, once per store', () => {
    const r = sessions(`export class CognitiveTracer {
  private sessions = new Map<string, Trace>();
  start(sessionId: string) { this.sessions.set(sessionId, { steps: [] }); }
  get(sessionId: string) { return this.sessions.get(sessionId); }
}`);
    expect(r).toEqual([{ kind: 'unscoped-session-key', line: 3, messageId: 'unscopedSessionKey' }]);
  });
  it('flags module-level maps and dictionaries keyed by conversation or trace ids', () => {
    expect(sessions(`const conversations = new Map<string, Msg[]>();
export function add(conversationId: string, m: Msg) { conversations.get(conversationId)?.push(m); }
const traces: Record<string, Trace> = {};
export function put(req: Req) { traces[req.params.traceId] = req.body; }`).length).toBe(2);
  });
  it('does not flag keys that carry the tenant, per-tenant maps, function-local maps or literal keys', () => {
    expect(sessions(`export class Tracer {
  private sessions = new Map<string, Trace>();
  start(tenantId: string, sessionId: string) { this.sessions.set(\`\${tenantId}:\${sessionId}\`, { steps: [] }); }
}
const configs = new Map<string, Config>();
export function cfg(tenantId: string) { return configs.get(tenantId); }
export function local(sessionId: string) { const m = new Map(); m.set(sessionId, 1); return m; }
const registry = new Map<string, Handler>();
export function reg() { registry.set('default', h); }`)).toEqual([]);
  });
  it('does not flag non-session stores keyed by other ids', () => {
    expect(sessions(`const handlers = new Map<string, Fn>();
export function on(eventName: string, fn: Fn) { handlers.set(eventName, fn); }`)).toEqual([]);
  });
});

describe('a store key built in a local', () => {
  it('does not flag a request key that carries the tenant', () => {
    expect(sessions(`const inFlight = new Map<string, Promise<unknown>>();
export function load(teamId: string, columns: string[], p: Promise<unknown>) {
  const requestKey = JSON.stringify({ teamId, columns });
  inFlight.set(requestKey, p);
  return p;
}`)).toEqual([]);
  });
  it('flags a request key without the tenant', () => {
    expect(sessions(`const inFlight = new Map<string, Promise<unknown>>();
export function load(teamId: string, columns: string[], p: Promise<unknown>) {
  const requestKey = JSON.stringify({ columns });
  inFlight.set(requestKey, p);
  return p;
}`)).toEqual([{ kind: 'unscoped-session-key', line: 4, messageId: 'unscopedSessionKey' }]);
  });
});
