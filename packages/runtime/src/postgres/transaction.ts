/**
 * withTenantTransaction: the one way application code should touch tenant tables. The tenant goes into
 * a transaction-local setting (set_config(..., true)), so it disappears at COMMIT/ROLLBACK and a pooled
 * connection can never carry tenant A's setting into tenant B's request. The value is a bound
 * parameter, never interpolated into SQL.
 */
import { assertValidTenantId } from '../context/tenant-id.js';
import { assertTenantSettingName, DEFAULT_TENANT_SETTING } from './settings.js';
import type { PgPoolClientLike, PgPoolLike } from './types.js';

export interface TenantTransactionOptions {
  /** The setting the RLS policies read (default `app.tenant_id`). */
  setting?: string;
  /** Start the transaction READ ONLY (for read paths on replicas or defence in depth). */
  readOnly?: boolean;
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Runs `fn(client)` inside BEGIN … COMMIT with the tenant setting applied; ROLLBACK on any error.
 * The client is always released; if ROLLBACK itself fails the connection is destroyed, not reused.
 */
export async function withTenantTransaction<C extends PgPoolClientLike, T>(
  pool: PgPoolLike<C>,
  tenantId: string | { readonly tenantId: string },
  fn: (client: C) => Promise<T>,
  options: TenantTransactionOptions = {},
): Promise<T> {
  // Validate before taking a connection: a blank tenant must never become "no setting".
  const tenant = assertValidTenantId(typeof tenantId === 'string' ? tenantId : tenantId?.tenantId);
  const setting = assertTenantSettingName(options.setting ?? DEFAULT_TENANT_SETTING);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(options.readOnly === true ? 'BEGIN READ ONLY' : 'BEGIN');
    await client.query('SELECT set_config($1, $2, true)', [setting, tenant]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      broken = asError(rollbackError);
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
