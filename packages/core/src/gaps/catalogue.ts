import { gapDocsUrl } from './docs.js';
import { CATALOGUE_FIX_OPTIONS, fixAdvice } from './fix-advice.js';
import type { GapKind } from './kinds.js';
import type { Severity } from './severity.js';

export interface GapInfo {
  kind: GapKind;
  defaultSeverity: Severity;
  title: string;
  /** The audited subsystem this kind belongs to, as shown in the scorecard. */
  subsystem: string;
  /** One paragraph a reviewer understands without knowing the tool. */
  explanation: string;
  /**
   * What to do instead, naming the @tenant-audit/runtime API where one fits, for a `tenantId` column.
   * Reports tailor it to the scanned code base with `fixAdvice(kind, { tenantField, usesRuntime })`.
   */
  fix: string;
  /** The kind's documentation page: the gap, and its fix with the runtime and without it. */
  docsUrl: string;
  /** SARIF `security-severity` (0–10) used by GitHub code scanning to rank alerts. */
  securitySeverity: number;
}

/** The generic fix and the docs page come from one place each (fix-advice.ts, docs.ts). */
const info = (i: Omit<GapInfo, 'fix' | 'docsUrl'>): GapInfo => ({ ...i, fix: fixAdvice(i.kind, CATALOGUE_FIX_OPTIONS), docsUrl: gapDocsUrl(i.kind) });

export const GAP_CATALOGUE: Readonly<Record<GapKind, GapInfo>> = {
  'unscoped-query': info({
    kind: 'unscoped-query',
    defaultSeverity: 'P0',
    title: 'Database access without a tenant constraint',
    subsystem: 'Data access',
    explanation:
      'A read or write reaches the ORM or SQL driver with no tenant column in its filter, outside any ' +
      'tenant-scoped transaction, and the loaded record is never checked against the caller afterwards. ' +
      'Whoever can name an id (a URL segment, a body field) can read or change another organisation\'s row. ' +
      'This is the most common shape of real cross-tenant bugs: a lookup by id alone after checking that the ' +
      'caller belongs to *some* organisation.',
    securitySeverity: 9.1,
  }),
  'unscoped-vector-search': info({
    kind: 'unscoped-vector-search',
    defaultSeverity: 'P0',
    title: 'Vector / RAG retrieval without a mandatory tenant filter',
    subsystem: 'Retrieval (RAG / memory)',
    explanation:
      'A semantic search returns nearest neighbours from every tenant\'s embeddings because no tenant filter or ' +
      'namespace is applied. The retrieved text is fed to the LLM, which repeats another organisation\'s private ' +
      'documents with full confidence and no error anywhere. A filter passed as an optional hint fails the same way ' +
      'the day a backend ignores it.',
    securitySeverity: 9.0,
  }),
  'unscoped-session-key': info({
    kind: 'unscoped-session-key',
    defaultSeverity: 'P0',
    title: 'Shared store keyed by a caller-chosen id',
    subsystem: 'Sessions and traces',
    explanation:
      'A process-wide Map, object or cache holds sessions, traces or conversations keyed only by an id the caller ' +
      'supplies. Two tenants that use the same id collide, and any tenant that learns or guesses an id reads the ' +
      'other\'s reasoning traces, tool results or chat history.',
    securitySeverity: 8.6,
  }),
  'fail-open-tenant-check': info({
    kind: 'fail-open-tenant-check',
    defaultSeverity: 'P0',
    title: 'Tenant check that passes when the marker is missing',
    subsystem: 'Retrieval (RAG / memory)',
    explanation:
      'The check substitutes the caller\'s own tenant when a record has no tenant marker (`(row.tenantId ?? tenantId) === tenantId`), ' +
      'or only rejects when a marker is present (`row.tenantId && row.tenantId !== tenantId`). Records written by an ' +
      'old code path, a migration or another service without the marker pass for every tenant.',
    securitySeverity: 8.2,
  }),
  'untagged-telemetry': info({
    kind: 'untagged-telemetry',
    defaultSeverity: 'P0',
    title: 'Telemetry leaves the process without tenant attribution',
    subsystem: 'Telemetry',
    explanation:
      'Spans (or metrics) are exported without a tenant attribute. In a shared tracing backend anyone who can query ' +
      'traces sees every tenant\'s operations, payloads and timings, and nothing can filter them per tenant.',
    securitySeverity: 7.5,
  }),
  'platform-fallback': info({
    kind: 'platform-fallback',
    defaultSeverity: 'P1',
    title: 'Missing tenant context falls back to platform access',
    subsystem: 'Context fallback',
    explanation:
      'When no tenant is known the code quietly uses platform / admin / all-tenants access. Every new code path that ' +
      'forgets to set the tenant gets god mode instead of an error, and nobody notices.',
    securitySeverity: 7.7,
  }),
  'shared-cache-keyspace': info({
    kind: 'shared-cache-keyspace',
    defaultSeverity: 'P1',
    title: 'Cache key or keyspace command without a tenant segment',
    subsystem: 'Cache (Redis)',
    explanation:
      'A Redis key is built from a caller-chosen id with no tenant segment, or a keyspace-wide command (KEYS, SCAN ' +
      'without a tenant MATCH, FLUSHDB, FLUSHALL) runs on a connection that every tenant shares. One tenant can read, ' +
      'overwrite or wipe another\'s cached context.',
    securitySeverity: 6.8,
  }),
  'unscoped-log-access': info({
    kind: 'unscoped-log-access',
    defaultSeverity: 'P1',
    title: 'Logs or traces served without a tenant filter or platform guard',
    subsystem: 'Logs and audit events',
    explanation:
      'An endpoint tails or searches logs, traces or audit events for the caller without restricting them to the ' +
      'caller\'s tenant and without limiting it to platform operators. Operational logs carry ids, payload fragments ' +
      'and error details of every tenant.',
    securitySeverity: 6.5,
  }),
  'optional-tenant-param': info({
    kind: 'optional-tenant-param',
    defaultSeverity: 'P1',
    title: 'Optional tenant parameter at an API boundary',
    subsystem: 'API boundaries',
    explanation:
      'An exported function, route handler or public method takes the tenant as optional, nullable or defaulted. A ' +
      'caller that omits it gets every tenant\'s data: with Prisma, `where: { tenantId: undefined }` is no filter at all.',
    securitySeverity: 6.9,
  }),
  'shared-encryption-key': info({
    kind: 'shared-encryption-key',
    defaultSeverity: 'P2',
    title: 'Tenant data encrypted with one shared master key',
    subsystem: 'Encryption',
    explanation:
      'Every tenant\'s secrets are encrypted with the same process-wide key. One leaked key, or one confused-deputy ' +
      'decrypt, exposes all tenants, and a tenant\'s data cannot be crypto-shredded on its own.',
    securitySeverity: 5.3,
  }),
  'unscoped-backup': info({
    kind: 'unscoped-backup',
    defaultSeverity: 'P2',
    title: 'Backup or export that mixes tenants',
    subsystem: 'Backups',
    explanation:
      'A backup or export reads several tenants\' data into one archive, or encrypts it with a key that is not the ' +
      'tenant\'s own. Restoring, sharing or deleting one tenant\'s data then touches everyone\'s.',
    securitySeverity: 5.0,
  }),
  'missing-network-policy': info({
    kind: 'missing-network-policy',
    defaultSeverity: 'P2',
    title: 'Tenant namespace without a default-deny NetworkPolicy',
    subsystem: 'Network',
    explanation:
      'Kubernetes allows all pod-to-pod traffic unless a NetworkPolicy says otherwise. A tenant namespace with no ' +
      'default-deny ingress policy can be reached from every other tenant\'s workloads.',
    securitySeverity: 4.3,
  }),
  'missing-rls-policy': info({
    kind: 'missing-rls-policy',
    defaultSeverity: 'P2',
    title: 'Tenant table not covered by row-level security',
    subsystem: 'Row-level security',
    explanation:
      'The code base relies on PostgreSQL row-level security, but the migrations leave a tenant table open: RLS is ' +
      'never enabled on it, or it is enabled without FORCE while the application connects as the table\'s owner ' +
      '(RLS skips the owner), or a policy lets rows through without comparing the tenant column with the ' +
      'transaction\'s tenant setting (`USING (true)`), or a role is given BYPASSRLS / SUPERUSER. A query that forgets ' +
      'its tenant filter then returns every tenant\'s rows, even inside `withTenantTransaction`.',
    securitySeverity: 5.5,
  }),
};
