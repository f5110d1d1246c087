/**
 * Tenant-scoped access to logs, traces and audit events for services that serve them (log APIs,
 * trace viewers, "activity" pages). Operational data leaks business intelligence just like rows do,
 * so a tenant caller only ever gets records marked with its own tenant; a record with no marker is
 * hidden from every tenant (it may belong to anyone). Raw tailing, which cannot be filtered before
 * the fact, is platform-only.
 */
import { TenantAccessForbiddenError } from '../context/errors.js';
import { explicitScopeForDataAccess } from '../context/scoped-tenant.js';
import { tryGetAccessScope } from '../context/store.js';

export interface LogQuery {
  /** Set by the reader for tenant callers (overriding any caller value); a source should apply it. */
  tenantId?: string;
  service?: string;
  since?: Date;
  until?: Date;
  /** Maximum number of records returned, applied after the tenant filter. */
  limit?: number;
  [field: string]: unknown;
}

export interface TailOptions {
  service?: string;
  [field: string]: unknown;
}

export interface LogSource<R> {
  /** Records matching the query. It may ignore `tenantId`; the reader filters again. */
  read(query: LogQuery): Promise<readonly R[]> | readonly R[] | AsyncIterable<R>;
  /** A raw, unfiltered follow of new records across all tenants. */
  tail?(options: TailOptions): AsyncIterable<R>;
}

export interface TenantLogReaderOptions<R> {
  /** Where a record carries its tenant. Default: `record.tenantId`. */
  tenantOf?: (record: R) => unknown;
}

export interface TenantLogReader<R> {
  /** Tenant callers: their own records only. Platform (runAsPlatform): all records. No context: throws. */
  read(query?: LogQuery): Promise<R[]>;
  /** Platform only; any other caller gets TenantAccessForbiddenError (status 403) before anything is read. */
  tail(options?: TailOptions): AsyncIterable<R>;
}

function defaultTenantOf(record: unknown): unknown {
  return record !== null && typeof record === 'object' ? (record as { tenantId?: unknown }).tenantId : undefined;
}

async function collect<R>(result: Promise<readonly R[]> | readonly R[] | AsyncIterable<R>, keep: (record: R) => boolean, limit: number): Promise<R[]> {
  const out: R[] = [];
  if (Symbol.asyncIterator in Object(result)) {
    for await (const record of result as AsyncIterable<R>) {
      if (out.length >= limit) break;
      if (keep(record)) out.push(record);
    }
    return out;
  }
  for (const record of await (result as Promise<readonly R[]> | readonly R[])) {
    if (out.length >= limit) break;
    if (keep(record)) out.push(record);
  }
  return out;
}

export function createTenantLogReader<R>(source: LogSource<R>, options: TenantLogReaderOptions<R> = {}): TenantLogReader<R> {
  const tenantOf = options.tenantOf ?? defaultTenantOf;
  return {
    async read(query: LogQuery = {}): Promise<R[]> {
      const scope = explicitScopeForDataAccess();
      const limit = query.limit ?? Number.POSITIVE_INFINITY;
      if (scope.kind === 'platform') return collect(source.read(query), () => true, limit);
      const { tenantId } = scope;
      // Exact string match: records without a marker (undefined, null, '') never pass.
      return collect(source.read({ ...query, tenantId }), (record) => tenantOf(record) === tenantId, limit);
    },
    tail(tailOptions: TailOptions = {}): AsyncIterable<R> {
      // Anything but an explicit runAsPlatform() is refused: a tenant, no context at all, and the
      // audit-mode fallback alike (raw tails are exactly the endpoint the fallback used to open up).
      const scope = tryGetAccessScope();
      if (scope?.kind !== 'platform' || scope.implicit) throw new TenantAccessForbiddenError('raw log tailing is restricted to platform operators');
      if (source.tail === undefined) throw new TypeError('this log source does not support tailing');
      return source.tail(tailOptions);
    },
  };
}
