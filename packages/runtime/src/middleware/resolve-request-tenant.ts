/**
 * Turns request headers into a tenant, or a rejection. The tenant comes from a verified token (or an
 * explicitly trusted proxy header), never from the body or an arbitrary header, so a client cannot
 * name the tenant it wants to read.
 */
import { jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyOptions } from 'jose';
import { assertValidTenantId } from '../context/tenant-id.js';
import type { TenantInput } from '../context/types.js';
import type { NormalizedTenantAuthOptions, RequestHeaders, TenantRejection } from './options.js';

export type TenantResolution = { ok: true; tenant: TenantInput } | { ok: false; rejection: TenantRejection };

function reject(status: 401 | 403, error: TenantRejection['error'], detail: string): TenantResolution {
  return { ok: false, rejection: { status, error, detail } };
}

function validTenantId(value: unknown): string | undefined {
  try {
    return assertValidTenantId(value);
  } catch {
    return undefined;
  }
}

function singleHeader(headers: RequestHeaders, name: string): string | undefined | null {
  const value = headers[name];
  // A repeated header is ambiguous (which copy did the proxy set?): treat it as invalid, not as the first.
  if (Array.isArray(value)) return null;
  return value;
}

export async function resolveRequestTenant(headers: RequestHeaders, options: NormalizedTenantAuthOptions): Promise<TenantResolution> {
  const proxied = options.trustedProxyHeader === undefined ? undefined : singleHeader(headers, options.trustedProxyHeader);
  if (proxied === null) return reject(401, 'missing_tenant', `repeated ${options.trustedProxyHeader} header`);

  if (options.key === undefined) {
    // Proxy-header mode: the gateway authenticated the caller and set the header.
    const tenantId = validTenantId(proxied);
    return tenantId === undefined ? reject(401, 'missing_tenant', `no valid ${options.trustedProxyHeader} header`) : { ok: true, tenant: tenantId };
  }

  const token = options.getToken(headers);
  if (token === undefined || token.length === 0) return reject(401, 'missing_token', 'no bearer token');
  let payload: JWTPayload;
  try {
    const verifyOptions: JWTVerifyOptions = { algorithms: options.algorithms };
    if (options.issuer !== undefined) verifyOptions.issuer = options.issuer;
    if (options.audience !== undefined) verifyOptions.audience = options.audience;
    if (options.clockTolerance !== undefined) verifyOptions.clockTolerance = options.clockTolerance;
    // jose checks signature, alg allow-list (unsecured `none` tokens never verify), exp/nbf, iss, aud.
    ({ payload } = await jwtVerify(token, options.key, verifyOptions));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return reject(401, 'invalid_token', typeof code === 'string' ? code : 'verification failed');
  }
  const tenantId = validTenantId(payload[options.claim]);
  if (tenantId === undefined) return reject(401, 'missing_tenant', `token has no valid "${options.claim}" claim`);
  if (typeof proxied === 'string' && proxied !== tenantId) {
    return reject(403, 'tenant_mismatch', `${options.trustedProxyHeader} header differs from the token's tenant`);
  }
  const tenant = options.toTenant?.(tenantId, payload) ?? tenantId;
  // toTenant may add attributes but cannot change who the tenant is.
  if (typeof tenant !== 'string' && tenant.tenantId !== tenantId) throw new Error('toTenant must keep the verified tenant id');
  if (typeof tenant === 'string' && tenant !== tenantId) throw new Error('toTenant must keep the verified tenant id');
  return { ok: true, tenant };
}
