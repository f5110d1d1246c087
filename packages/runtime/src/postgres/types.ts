/**
 * Structural types for the PostgreSQL driver. `pg` (node-postgres) satisfies them, and so does any
 * pool with the same shape; nothing here imports `pg` at runtime.
 */
export interface PgQueryResultLike<R = Record<string, unknown>> {
  rows: R[];
  rowCount: number | null;
}

export interface PgQueryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgQueryResultLike<R>>;
}

/** A checked-out pool client: `release(err)` with an error tells the pool to destroy the connection. */
export interface PgPoolClientLike extends PgQueryable {
  release(err?: Error | boolean): void;
}

export interface PgPoolLike<C extends PgPoolClientLike = PgPoolClientLike> {
  connect(): Promise<C>;
  /**
   * pg's callback overload. Declared (never called) so that TypeScript pairs overloads one to one and
   * infers C from pg's `connect(): Promise<PoolClient>`; a pool with only the promise form still fits.
   */
  connect(callback: never): void;
}
