/**
 * The tenant-scoped retriever: defence in depth for RAG. Layer 1 sends the current tenant as a
 * mandatory filter the caller cannot override; layer 2 re-checks every returned item and drops the
 * ones that are foreign or unmarked, because a backend that silently drops the filter returns other
 * tenants' documents with no error at all.
 */
import { tenantForDataAccess } from '../context/scoped-tenant.js';
import { reportDropped } from './retrieval-audit.js';
import type { DroppedItemsHook } from './retrieval-audit.js';
import { metadataTenantMarker, partitionByTenant } from './tenant-marker.js';
import type { RetrievalBackend, RetrievedItem } from './types.js';

export interface ScopedSearchRequest {
  embedding?: number[];
  text?: string;
  topK: number;
  /** Extra metadata equality filters. A `tenantId` here is ignored: the context decides the tenant. */
  filter?: Record<string, unknown>;
}

export interface ScopedRetrieverOptions {
  /** Receives an event whenever items were dropped; default: a process warning. */
  onDropped?: DroppedItemsHook;
  /** Name of the backend in audit events. */
  source?: string;
}

export interface ScopedRetriever {
  search(request: ScopedSearchRequest): Promise<RetrievedItem[]>;
}

export function createScopedRetriever(backend: RetrievalBackend, options: ScopedRetrieverOptions = {}): ScopedRetriever {
  const source = options.source ?? 'retrieval-backend';
  return {
    async search(request: ScopedSearchRequest): Promise<RetrievedItem[]> {
      // Resolved before the backend is called: no tenant (or platform scope) means no search at all.
      const { tenantId } = tenantForDataAccess();
      if (!Number.isInteger(request.topK) || request.topK < 1) throw new RangeError('topK must be a positive integer');
      if (request.embedding === undefined && request.text === undefined) throw new TypeError('search needs an embedding or a text');
      // tenantId is spread last, so a caller-supplied filter.tenantId can never replace it.
      const filter = { ...(request.filter ?? {}), tenantId };
      const query = { topK: request.topK, filter, ...(request.embedding !== undefined ? { embedding: request.embedding } : {}), ...(request.text !== undefined ? { text: request.text } : {}) };
      const returned = await backend.search(query);
      const { kept, foreign, unmarked } = partitionByTenant(returned, tenantId, metadataTenantMarker);
      reportDropped(options.onDropped, { tenantId, foreign, unmarked, returned: returned.length, source });
      return kept.slice(0, request.topK);
    },
  };
}
