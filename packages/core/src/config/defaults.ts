import type { ResolvedConfig } from './types.js';

/** Defaults from the public contract; the list keys other than the contract's are our extensions. */
export const DEFAULT_CONFIG: Readonly<ResolvedConfig> = Object.freeze({
  tenantFields: ['tenantId', 'tenant_id', 'orgId', 'organizationId', 'workspaceId', 'teamId', 'accountId'],
  // The runtime's fail-closed getters.
  contextGetters: ['getCurrentTenant', 'requireTenantId'],
  authorizers: [],
  platformNames: ['PLATFORM', 'PLATFORM_CONTEXT'],
  severity: {},
  ignore: [],
  tenantModels: [],
  globalModels: [],
  scopedClients: [],
  verifiedSources: [
    'req.auth', 'req.user', 'req.session', 'req.tenant', 'req.identity',
    'request.auth', 'request.user', 'request.session', 'request.tenant',
    'ctx.session', 'ctx.auth', 'ctx.user', 'ctx.tenant', 'ctx.state.user', 'ctx.state.auth', 'ctx.state.tenant',
    'res.locals', 'response.locals', 'session.user', 'auth',
  ],
  untrustedSources: [
    'req.body', 'req.query', 'req.params', 'req.headers', 'req.cookies',
    'request.body', 'request.query', 'request.params', 'request.headers',
    'ctx.request.body', 'ctx.request.query', 'ctx.query', 'ctx.params', 'body', 'query', 'params',
    // Request bodies read as a whole, route params and procedure inputs (Next.js, tRPC, server actions, Lambda).
    'req.json', 'request.json', 'req.formData', 'request.formData', 'searchParams', 'input', 'parsedInput',
    'event.body', 'event.queryStringParameters', 'event.pathParameters',
  ],
  platformGuards: ['runAsPlatform', 'isPlatformContext', 'requirePlatform', 'requirePlatformOperator', 'assertPlatform', 'assertPlatformOperator'],
  entryPoints: [],
  names: {},
  fileTimeBudgetMs: 10_000,
  includeTests: false,
  reportUnreachedSinks: undefined,
  allowIncomplete: false,
});

/**
 * Test code the scanner leaves out unless `includeTests` is set: tests query across tenants on
 * purpose (fixtures, RLS checks) and would bury the real findings.
 */
export const TEST_FILE_GLOBS: readonly string[] = [
  '**/*.test.*', '**/*.spec.*', '**/__tests__/**', '**/__mocks__/**', '**/test/**', '**/tests/**',
  '**/e2e/**', '**/playwright/**', '**/cypress/**',
];
