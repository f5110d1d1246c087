/**
 * Configuration of request tenant resolution, shared by the Express and Fastify adapters. Validated
 * once, when the middleware is created, so a misconfiguration (no algorithms, `none` allowed, nothing
 * to resolve a tenant from) fails at startup instead of letting requests through.
 */
import type { JWTPayload, JWTVerifyGetKey, KeyInput } from 'jose';
import type { TenantInput } from '../context/types.js';

export interface TenantAuthOptions {
  /**
   * Verification key for the bearer JWT: an HMAC secret (Uint8Array), KeyObject, CryptoKey or JWK,
   * or a key getter such as jose's createRemoteJWKSet(url) / createLocalJWKSet(jwks).
   */
  key?: KeyInput | JWTVerifyGetKey;
  /** Allow-list of JWS algorithms, e.g. ['RS256']. Required with `key`; 'none' is always refused. */
  algorithms?: string[];
  issuer?: string | string[];
  audience?: string | string[];
  /** Claim that carries the tenant id. Default 'tenant_id'. */
  claim?: string;
  /** Allowed clock skew, seconds or a jose time span like '30s'. */
  clockTolerance?: number | string;
  /** Builds the tenant context from the verified claims (e.g. to add the plan or user); the id always comes from `claim`. */
  toTenant?: (tenantId: string, payload: JWTPayload) => TenantInput;
  /**
   * Name of a header set by a trusted proxy/gateway that has already authenticated the caller, e.g.
   * 'x-tenant-id'. Only with this option is a tenant taken from a plain header: a client can set any
   * header it likes, so the proxy must strip incoming copies. With `key` also set, the token decides
   * and a differing header is rejected (403).
   */
  trustedProxyHeader?: string;
  /** Extracts the token; default: `Authorization: Bearer <token>`. */
  getToken?: (headers: RequestHeaders) => string | undefined;
  /** Observes every rejection (for logging/metrics); the response body stays generic. */
  onRejected?: (rejection: TenantRejection) => void;
}

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface TenantRejection {
  readonly status: 401 | 403;
  /** Short machine-readable code sent to the client. */
  readonly error: 'missing_token' | 'invalid_token' | 'missing_tenant' | 'tenant_mismatch';
  /** Detail for server logs only (e.g. jose's error code); never sent to the client. */
  readonly detail: string;
}

export interface NormalizedTenantAuthOptions {
  key: KeyInput | JWTVerifyGetKey | undefined;
  algorithms: string[];
  issuer: string | string[] | undefined;
  audience: string | string[] | undefined;
  claim: string;
  clockTolerance: number | string | undefined;
  toTenant: ((tenantId: string, payload: JWTPayload) => TenantInput) | undefined;
  trustedProxyHeader: string | undefined;
  getToken: (headers: RequestHeaders) => string | undefined;
  onRejected: ((rejection: TenantRejection) => void) | undefined;
}

export function bearerToken(headers: RequestHeaders): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer[ ]+([^ ]+)$/i.exec(value.trim());
  return match?.[1];
}

export function normalizeTenantAuthOptions(options: TenantAuthOptions): NormalizedTenantAuthOptions {
  const algorithms = options.algorithms ?? [];
  if (options.key !== undefined) {
    if (algorithms.length === 0) throw new TypeError('tenant middleware: `algorithms` allow-list is required with `key`');
    if (algorithms.some((alg) => alg.toLowerCase() === 'none')) throw new TypeError('tenant middleware: the "none" algorithm is never allowed');
  }
  if (options.key === undefined && options.trustedProxyHeader === undefined) {
    throw new TypeError('tenant middleware: configure `key` (verified JWT) or `trustedProxyHeader`');
  }
  const trustedProxyHeader = options.trustedProxyHeader?.toLowerCase();
  if (trustedProxyHeader !== undefined && !/^[a-z0-9-]+$/.test(trustedProxyHeader)) {
    throw new TypeError('tenant middleware: `trustedProxyHeader` must be a header name');
  }
  if (trustedProxyHeader === 'authorization') throw new TypeError('tenant middleware: `trustedProxyHeader` cannot be Authorization');
  return {
    key: options.key,
    algorithms,
    issuer: options.issuer,
    audience: options.audience,
    claim: options.claim ?? 'tenant_id',
    clockTolerance: options.clockTolerance,
    toTenant: options.toTenant,
    trustedProxyHeader,
    getToken: options.getToken ?? bearerToken,
    onRejected: options.onRejected,
  };
}
