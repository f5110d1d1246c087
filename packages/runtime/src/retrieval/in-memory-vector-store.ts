/**
 * A small in-memory RetrievalBackend (cosine similarity, metadata equality filters) for tests,
 * examples and prototypes. It honours the tenant filter like any correct backend must; the scoped
 * retriever still re-checks its results.
 */
import type { RetrievalBackend, RetrievalQuery, RetrievedItem } from './types.js';

export interface VectorRecord {
  id: string;
  embedding: number[];
  content: string;
  metadata: Record<string, unknown>;
}

export interface InMemoryVectorStoreOptions {
  /** Used for queries that carry `text` instead of an embedding. */
  embed?: (text: string) => number[] | Promise<number[]>;
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`embedding dimensions differ: ${a.length} vs ${b.length}`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

export class InMemoryVectorStore implements RetrievalBackend {
  // Keyed by tenant marker, then id: two tenants using the same document id must not overwrite each
  // other. The marker value itself is the outer key (no string concatenation to forge).
  readonly #byTenant = new Map<unknown, Map<string, VectorRecord>>();
  readonly #embed: InMemoryVectorStoreOptions['embed'];

  constructor(options: InMemoryVectorStoreOptions = {}) {
    this.#embed = options.embed;
  }

  /**
   * Adds or replaces records (by tenant marker + id). Records are copied so later mutation by the
   * caller has no effect. Unmarked records are accepted (legacy data exists) but never match a tenant filter.
   */
  add(records: readonly VectorRecord[]): void {
    for (const record of records) {
      const marker = record.metadata.tenantId;
      let bucket = this.#byTenant.get(marker);
      if (bucket === undefined) {
        bucket = new Map();
        this.#byTenant.set(marker, bucket);
      }
      bucket.set(record.id, { ...record, embedding: [...record.embedding], metadata: { ...record.metadata } });
    }
  }

  get size(): number {
    let total = 0;
    for (const bucket of this.#byTenant.values()) total += bucket.size;
    return total;
  }

  async search(query: RetrievalQuery): Promise<RetrievedItem[]> {
    let embedding = query.embedding;
    if (embedding === undefined) {
      if (query.text === undefined || this.#embed === undefined) throw new TypeError('query needs an embedding (or text and an embed function)');
      embedding = await this.#embed(query.text);
    }
    const conditions = Object.entries(query.filter);
    const hits: RetrievedItem[] = [];
    // Only the filtered tenant's bucket is scanned; the equality check below still covers every key.
    const bucket = this.#byTenant.get(query.filter.tenantId) ?? new Map<string, VectorRecord>();
    for (const record of bucket.values()) {
      // Strict equality on every filter key, the tenant included: an unmarked record never matches.
      if (!conditions.every(([key, value]) => record.metadata[key] === value)) continue;
      hits.push({ id: record.id, score: cosineSimilarity(embedding, record.embedding), content: record.content, metadata: { ...record.metadata } });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, query.topK);
  }
}
