/** The body and headers of a rejection: generic on purpose, details go to onRejected, not to the client. */
import type { TenantRejection } from './options.js';

export function rejectionBody(rejection: TenantRejection): string {
  return JSON.stringify({ error: rejection.status === 403 ? 'forbidden' : 'unauthorized', code: rejection.error });
}

export function rejectionHeaders(rejection: TenantRejection): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (rejection.status === 401) {
    headers['www-authenticate'] = rejection.error === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"';
  }
  return headers;
}
