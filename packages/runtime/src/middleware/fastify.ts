/**
 * Fastify (4 and 5) plugin. Typed structurally so the runtime does not depend on fastify.
 *
 * Fastify runs its lifecycle through callbacks and stream events; whether the async context survives
 * body parsing depends on the version and on custom content parsers. So the tenant is captured in an
 * AsyncResource in onRequest and re-entered in preValidation and preHandler, which makes the handler
 * and everything it awaits see the tenant regardless (the approach of @fastify/request-context).
 * A rejected request gets 401/403 and its handler never runs.
 */
import { AsyncResource } from 'node:async_hooks';
import { runWithTenant } from '../context/store.js';
import { notifyRejected } from './notify-rejected.js';
import { normalizeTenantAuthOptions } from './options.js';
import type { RequestHeaders, TenantAuthOptions } from './options.js';
import { rejectionBody, rejectionHeaders } from './reject-response.js';
import { resolveRequestTenant } from './resolve-request-tenant.js';

export interface FastifyRequestLike {
  headers: RequestHeaders;
}

export interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload?: unknown): unknown;
}

type HookDone = (error?: Error) => void;
type LifecycleHook = (request: FastifyRequestLike, reply: FastifyReplyLike, done: HookDone) => void;

export interface FastifyInstanceLike {
  addHook(name: 'onRequest' | 'preValidation' | 'preHandler', hook: LifecycleHook): unknown;
}

export interface TenantFastifyPlugin {
  (instance: FastifyInstanceLike, options: unknown, done: (error?: Error) => void): void;
}

export function tenantFastifyHook(options: TenantAuthOptions): TenantFastifyPlugin {
  const normalized = normalizeTenantAuthOptions(options);
  const scopes = new WeakMap<object, AsyncResource>();

  const onRequest: LifecycleHook = (request, reply, done) => {
    resolveRequestTenant(request.headers, normalized).then(
      (result) => {
        if (!result.ok) {
          let outgoing = reply.code(result.rejection.status);
          for (const [name, value] of Object.entries(rejectionHeaders(result.rejection))) outgoing = outgoing.header(name, value);
          outgoing.send(rejectionBody(result.rejection));
          notifyRejected(normalized.onRejected, result.rejection);
          return; // done() is not called: the lifecycle stops here.
        }
        runWithTenant(result.tenant, () => {
          const scope = new AsyncResource('tenant-audit:request');
          scopes.set(request, scope);
          scope.runInAsyncScope(done);
        });
      },
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  };

  const reenter: LifecycleHook = (request, _reply, done) => {
    const scope = scopes.get(request);
    if (scope === undefined) done();
    else scope.runInAsyncScope(done);
  };

  const plugin: TenantFastifyPlugin = (instance, _options, done) => {
    instance.addHook('onRequest', onRequest);
    instance.addHook('preValidation', reenter);
    instance.addHook('preHandler', reenter);
    done();
  };
  // What fastify-plugin sets: apply the hooks to the whole app, not just an encapsulated child context.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'tenant-audit' });
  return plugin;
}
