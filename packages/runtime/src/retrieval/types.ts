/**
 * The seam between the scoped retrieval guard and any retrieval backend (in-memory, LangChain,
 * pgvector, a hosted vector store). The guard always fills `filter.tenantId`; a backend must apply it
 * as a hard filter. The guard still re-checks every item it gets back, because a backend that silently
 * drops the filter is exactly the failure the guard exists for.
 */
export interface RetrievalQuery {
  /** Query embedding; backends that embed themselves may use `text` instead. */
  embedding?: number[];
  text?: string;
  topK: number;
  /** Mandatory tenant filter plus optional extra metadata equality filters. */
  filter: { tenantId: string } & Record<string, unknown>;
}

export interface RetrievedItem {
  id: string;
  score: number;
  content: string;
  /** `metadata.tenantId` is the tenant marker; an item without one is treated as foreign (fail closed). */
  metadata: Record<string, unknown> & { tenantId?: unknown };
}

export interface RetrievalBackend {
  search(query: RetrievalQuery): Promise<RetrievedItem[]>;
}
