/**
 * Tenant scoping for LangChain vector stores. `@langchain/core` is an optional peer: this file only
 * imports its types, and loads it at run time (dynamic import) only when a real BaseRetriever is asked
 * for, so applications without LangChain can use the rest of the runtime.
 *
 * Same two layers as createScopedRetriever: the tenant goes to the store as its native filter, and
 * every returned Document is re-checked on `metadata.tenantId` (foreign or missing: dropped, reported).
 */
import type { DocumentInterface } from '@langchain/core/documents';
import type { BaseRetriever } from '@langchain/core/retrievers';
import type { VectorStoreInterface } from '@langchain/core/vectorstores';
import { tenantForDataAccess } from '../context/scoped-tenant.js';
import { reportDropped } from './retrieval-audit.js';
import type { DroppedItemsHook } from './retrieval-audit.js';
import { metadataTenantMarker, partitionByTenant } from './tenant-marker.js';

export interface TenantScopedRetrieverOptions {
  /** Documents per query. Default 4, LangChain's own default. */
  k?: number;
  /**
   * Builds the store's native filter for a tenant. Default `{ tenantId }`, the metadata-equality
   * filter most stores (pgvector, Pinecone, Chroma, Qdrant adapters) accept; in-memory LangChain
   * stores take a predicate: `(tenantId) => (doc) => doc.metadata.tenantId === tenantId`.
   */
  tenantFilter?: (tenantId: string) => unknown;
  onDropped?: DroppedItemsHook;
  /** Name of the store in audit events. Default: the store's `_vectorstoreType()`. */
  source?: string;
}

export class TenantScopedRetriever {
  readonly #store: VectorStoreInterface;
  readonly #k: number;
  readonly #tenantFilter: (tenantId: string) => unknown;
  readonly #options: TenantScopedRetrieverOptions;

  constructor(vectorStore: VectorStoreInterface, options: TenantScopedRetrieverOptions = {}) {
    this.#store = vectorStore;
    this.#k = options.k ?? 4;
    if (!Number.isInteger(this.#k) || this.#k < 1) throw new RangeError('k must be a positive integer');
    this.#tenantFilter = options.tenantFilter ?? ((tenantId) => ({ tenantId }));
    this.#options = options;
  }

  /** The current tenant's most relevant documents for `query`. Throws outside a tenant context. */
  async invoke(query: string): Promise<DocumentInterface[]> {
    const { tenantId } = tenantForDataAccess();
    const filter = this.#tenantFilter(tenantId) as VectorStoreInterface['FilterType'];
    const results = await this.#store.similaritySearchWithScore(query, this.#k, filter);
    const { kept, foreign, unmarked } = partitionByTenant(results, tenantId, ([doc]) => metadataTenantMarker(doc));
    const source = this.#options.source ?? this.#store._vectorstoreType();
    reportDropped(this.#options.onDropped, { tenantId, foreign, unmarked, returned: results.length, source });
    return kept.map(([doc]) => doc);
  }

  /** Alias matching LangChain's older retriever method name. */
  getRelevantDocuments(query: string): Promise<DocumentInterface[]> {
    return this.invoke(query);
  }

  /** A real LangChain BaseRetriever (a Runnable usable in chains) backed by this scoped retriever. */
  async asLangChainRetriever(): Promise<BaseRetriever> {
    const { BaseRetriever: Base } = await import('@langchain/core/retrievers');
    const scoped = this;
    class TenantScopedLangChainRetriever extends Base {
      lc_namespace = ['tenant_audit', 'retrievers'];
      override _getRelevantDocuments(query: string): Promise<DocumentInterface[]> {
        return scoped.invoke(query);
      }
    }
    return new TenantScopedLangChainRetriever();
  }
}
