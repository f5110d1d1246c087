/**
 * Express (4 and 5) middleware. Typed structurally so the runtime does not depend on express: any
 * framework with Node's req/res and a `next` callback works. On success the rest of the request
 * (later middleware, the route handler and everything it awaits) runs inside runWithTenant; on
 * failure the response is 401/403 and `next` is never called, so the handler never runs.
 */
import { runWithTenant } from '../context/store.js';
import { notifyRejected } from './notify-rejected.js';
import { normalizeTenantAuthOptions } from './options.js';
import type { RequestHeaders, TenantAuthOptions } from './options.js';
import { rejectionBody, rejectionHeaders } from './reject-response.js';
import { resolveRequestTenant } from './resolve-request-tenant.js';

export interface NodeRequestLike {
  headers: RequestHeaders;
}

export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export type TenantRequestHandler = (req: NodeRequestLike, res: NodeResponseLike, next: (error?: unknown) => void) => void;

export function tenantMiddleware(options: TenantAuthOptions): TenantRequestHandler {
  const normalized = normalizeTenantAuthOptions(options);
  return (req, res, next) => {
    resolveRequestTenant(req.headers, normalized).then(
      (result) => {
        if (!result.ok) {
          res.statusCode = result.rejection.status;
          for (const [name, value] of Object.entries(rejectionHeaders(result.rejection))) res.setHeader(name, value);
          res.end(rejectionBody(result.rejection));
          notifyRejected(normalized.onRejected, result.rejection);
          return;
        }
        runWithTenant(result.tenant, () => next());
      },
      // Unexpected failures (e.g. a JWKS getter or toTenant throwing) go to Express's error handling.
      (error: unknown) => next(error),
    );
  };
}
