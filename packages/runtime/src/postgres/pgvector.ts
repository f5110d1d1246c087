/**
 * A RetrievalBackend on PostgreSQL + pgvector. Two walls: the query carries `WHERE tenant_id = $2`
 * (from query.filter.tenantId), and it runs inside withTenantTransaction, so the table's RLS policy
 * also confines it to that tenant even if the WHERE clause were lost in a refactor. Items come back
 * with metadata.tenantId taken from the row's tenant column (not from stored metadata), so the scoped
 * retrieval guard checks the database's truth.
 */
import type { RetrievalBackend, RetrievalQuery, RetrievedItem } from '../retrieval/types.js';
import { quoteIdent, quoteQualifiedName, tenantRlsPolicySql } from './rls-sql.js';
import { withTenantTransaction } from './transaction.js';
import type { PgPoolLike } from './types.js';

export interface PgVectorDocument {
  id: string;
  content: string;
  embedding: readonly number[];
  metadata?: Record<string, unknown>;
}

export interface PgVectorRetrievalBackendOptions {
  pool: PgPoolLike;
  /** Table created by pgvectorSchemaSql (default `tenant_embeddings`). */
  table?: string;
  /** Tenant setting the RLS policy reads (default `app.tenant_id`). */
  setting?: string;
  /** Embedding size; checked on every query and upsert when given. */
  dimensions?: number;
  /** Embeds query.text when a query has no embedding. */
  embed?: (text: string) => Promise<number[]>;
  /** Upper bound for topK (default 1000): a caller-controlled LIMIT is a cheap DoS otherwise. */
  maxTopK?: number;
}

export interface PgVectorSchemaOptions {
  table?: string;
  /** `hnsw` (default) creates an HNSW cosine index; `none` leaves the table unindexed. */
  index?: 'hnsw' | 'none';
  setting?: string;
}

/**
 * DDL for the embeddings table: tenant column NOT NULL and non-empty, primary key (tenant_id, id) so
 * two tenants may use the same document id, and tenant RLS (ENABLE + FORCE + policy). Run as the owner.
 */
export function pgvectorSchemaSql(dimensions: number, options: PgVectorSchemaOptions = {}): string {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16000) throw new RangeError('dimensions must be an integer in [1, 16000]');
  const table = options.table ?? 'tenant_embeddings';
  const target = quoteQualifiedName(table);
  const indexName = quoteIdent(`${table.split('.').pop() ?? table}_embedding_hnsw`);
  return [
    'CREATE EXTENSION IF NOT EXISTS vector;',
    `CREATE TABLE IF NOT EXISTS ${target} (`,
    "  tenant_id text NOT NULL CHECK (tenant_id <> ''),",
    '  id text NOT NULL,',
    '  content text NOT NULL,',
    "  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,",
    `  embedding vector(${dimensions}) NOT NULL,`,
    '  PRIMARY KEY (tenant_id, id)',
    ');',
    ...(options.index === 'none' ? [] : [`CREATE INDEX IF NOT EXISTS ${indexName} ON ${target} USING hnsw (embedding vector_cosine_ops);`]),
    tenantRlsPolicySql(table, options.setting === undefined ? {} : { setting: options.setting }),
  ].join('\n');
}

type Row = { id: string; content: string; metadata: Record<string, unknown> | null; tenant_id: string; distance: number | string } & Record<string, unknown>;

export class PgVectorRetrievalBackend implements RetrievalBackend {
  readonly #options: PgVectorRetrievalBackendOptions;
  readonly #table: string;

  constructor(options: PgVectorRetrievalBackendOptions) {
    this.#options = options;
    this.#table = quoteQualifiedName(options.table ?? 'tenant_embeddings');
  }

  async search(query: RetrievalQuery): Promise<RetrievedItem[]> {
    const { tenantId, ...extra } = query.filter;
    const topK = query.topK;
    const maxTopK = this.#options.maxTopK ?? 1000;
    if (!Number.isInteger(topK) || topK < 1 || topK > maxTopK) throw new RangeError(`topK must be an integer in [1, ${maxTopK}]`);
    const embedding = await this.#queryEmbedding(query);
    const values: unknown[] = [this.#vectorLiteral(embedding), tenantId, topK];
    let extraFilter = '';
    if (Object.keys(extra).length > 0) {
      values.push(JSON.stringify(extra));
      extraFilter = ` AND metadata @> $${values.length}::jsonb`;
    }
    const sql = `SELECT id, content, metadata, tenant_id, embedding <=> $1::vector AS distance
                   FROM ${this.#table}
                  WHERE tenant_id = $2${extraFilter}
                  ORDER BY embedding <=> $1::vector
                  LIMIT $3`;
    const rows = await withTenantTransaction(this.#options.pool, tenantId, async (client) => (await client.query<Row>(sql, values)).rows, this.#txOptions(true));
    return rows.map((row) => ({
      id: row.id,
      content: row.content,
      score: 1 - Number(row.distance), // cosine similarity
      metadata: { ...(row.metadata ?? {}), tenantId: row.tenant_id },
    }));
  }

  /** Inserts or replaces documents of one tenant; RLS WITH CHECK rejects rows for any other tenant. */
  async upsert(tenantId: string, documents: readonly PgVectorDocument[]): Promise<void> {
    await withTenantTransaction(this.#options.pool, tenantId, async (client) => {
      for (const doc of documents) {
        await client.query(
          `INSERT INTO ${this.#table} (tenant_id, id, content, metadata, embedding)
           VALUES ($1, $2, $3, $4::jsonb, $5::vector)
           ON CONFLICT (tenant_id, id) DO UPDATE
             SET content = EXCLUDED.content, metadata = EXCLUDED.metadata, embedding = EXCLUDED.embedding`,
          [tenantId, doc.id, doc.content, JSON.stringify(doc.metadata ?? {}), this.#vectorLiteral(doc.embedding)],
        );
      }
    }, this.#txOptions(false));
  }

  /** Deletes documents of one tenant by id; returns how many were deleted. */
  async delete(tenantId: string, ids: readonly string[]): Promise<number> {
    return withTenantTransaction(this.#options.pool, tenantId, async (client) => {
      const result = await client.query(`DELETE FROM ${this.#table} WHERE tenant_id = $1 AND id = ANY($2::text[])`, [tenantId, [...ids]]);
      return result.rowCount ?? 0;
    }, this.#txOptions(false));
  }

  #txOptions(readOnly: boolean): { setting?: string; readOnly: boolean } {
    return this.#options.setting === undefined ? { readOnly } : { setting: this.#options.setting, readOnly };
  }

  async #queryEmbedding(query: RetrievalQuery): Promise<readonly number[]> {
    if (query.embedding !== undefined) return query.embedding;
    if (query.text !== undefined && this.#options.embed !== undefined) return this.#options.embed(query.text);
    throw new TypeError('PgVectorRetrievalBackend needs query.embedding (or query.text plus an embed function)');
  }

  #vectorLiteral(embedding: readonly number[]): string {
    const dims = this.#options.dimensions;
    if (dims !== undefined && embedding.length !== dims) throw new RangeError(`embedding has ${embedding.length} dimensions, expected ${dims}`);
    if (embedding.length === 0 || !embedding.every(Number.isFinite)) throw new TypeError('embedding must be a non-empty array of finite numbers');
    return `[${embedding.join(',')}]`;
  }
}
