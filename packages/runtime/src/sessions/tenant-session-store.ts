/**
 * In-memory store for traces, conversations and agent sessions, keyed by tenant AND the caller's id.
 *
 * Caller-chosen ids (session ids, trace ids) collide across tenants, by accident or on purpose. The
 * store is a Map of Maps (tenant -> id -> session), so there is no string key to forge: an id like
 * "other-tenant:123" is just an id inside the current tenant's own map. The tenant always comes from
 * the context (fail closed: no context, or platform scope, throws), never from a parameter a caller could get wrong.
 */
import { explicitScopeForDataAccess, tenantForDataAccess } from '../context/scoped-tenant.js';

export interface TenantSession<T> {
  readonly tenantId: string;
  readonly id: string;
  readonly data: T;
  readonly startedAt: Date;
}

export interface TenantSessionStoreOptions {
  /** Cap per tenant so one tenant cannot exhaust memory shared with the others. Default: unlimited. */
  maxSessionsPerTenant?: number;
}

function assertSessionId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError('session id must be a non-empty string');
  return id;
}

export class TenantSessionStore<T> {
  readonly #byTenant = new Map<string, Map<string, TenantSession<T>>>();
  readonly #maxPerTenant: number;

  constructor(options: TenantSessionStoreOptions = {}) {
    this.#maxPerTenant = options.maxSessionsPerTenant ?? Number.POSITIVE_INFINITY;
  }

  /** Starts (or restarts) the current tenant's session `id`. */
  start(id: string, data: T): TenantSession<T> {
    const tenantId = tenantForDataAccess().tenantId;
    let sessions = this.#byTenant.get(tenantId);
    if (sessions === undefined) {
      sessions = new Map();
      this.#byTenant.set(tenantId, sessions);
    }
    const key = assertSessionId(id);
    if (!sessions.has(key) && sessions.size >= this.#maxPerTenant) {
      throw new RangeError(`tenant has reached the limit of ${this.#maxPerTenant} sessions`);
    }
    const session: TenantSession<T> = Object.freeze({ tenantId, id: key, data, startedAt: new Date() });
    sessions.set(key, session);
    return session;
  }

  /** The current tenant's session data, or undefined; another tenant's session with the same id is invisible. */
  get(id: string): T | undefined {
    return this.#byTenant.get(tenantForDataAccess().tenantId)?.get(assertSessionId(id))?.data;
  }

  /** Ends the current tenant's session; returns its data, or undefined if the tenant had none with that id. */
  end(id: string): T | undefined {
    const tenantId = tenantForDataAccess().tenantId;
    const sessions = this.#byTenant.get(tenantId);
    const session = sessions?.get(assertSessionId(id));
    if (sessions === undefined || session === undefined) return undefined;
    sessions.delete(id);
    if (sessions.size === 0) this.#byTenant.delete(tenantId);
    return session.data;
  }

  /**
   * The current tenant's sessions, oldest first. Under runAsPlatform() (an audited scope) every
   * tenant's sessions; outside any context it throws like getCurrentTenant().
   */
  list(): TenantSession<T>[] {
    const scope = explicitScopeForDataAccess();
    const sessions = scope.kind === 'tenant'
      ? [...(this.#byTenant.get(scope.tenantId)?.values() ?? [])]
      : [...this.#byTenant.values()].flatMap((perTenant) => [...perTenant.values()]);
    return sessions.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  }
}

export function createTenantSessionStore<T>(options?: TenantSessionStoreOptions): TenantSessionStore<T> {
  return new TenantSessionStore<T>(options);
}
