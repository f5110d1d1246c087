export { tenantMiddleware } from './express.js';
export type { NodeRequestLike, NodeResponseLike, TenantRequestHandler } from './express.js';
export { tenantFastifyHook } from './fastify.js';
export type { FastifyInstanceLike, FastifyReplyLike, FastifyRequestLike, TenantFastifyPlugin } from './fastify.js';
export { bearerToken } from './options.js';
export type { RequestHeaders, TenantAuthOptions, TenantRejection } from './options.js';
