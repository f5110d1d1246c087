import type { GapKind } from './kinds.js';

/**
 * What advice is tailored to. Advice that names a column the code base does not have, or an API of a
 * package it does not use, is advice nobody can follow as written.
 */
export interface FixOptions {
  /** The tenant column of the data model (`organizationId`), or the first configured tenant name when unknown. */
  tenantField: string;
  /** The code base imports `@tenant-audit/runtime`: name its APIs. Otherwise the plain way, with the project's own code. */
  usesRuntime: boolean;
}

/** The catalogue's generic advice: the runtime's way, for a `tenantId` column. */
export const CATALOGUE_FIX_OPTIONS: Readonly<FixOptions> = { tenantField: 'tenantId', usesRuntime: true };

interface Variants {
  runtime: (field: string) => string;
  plain: (field: string) => string;
}

const code = (text: string): string => `\`${text}\``;

const FIXES: Readonly<Record<GapKind, Variants>> = {
  'unscoped-query': {
    runtime: (f) =>
      `Put the tenant in the same filter (${code(`findFirst({ where: { id, ${f}: getCurrentTenant().tenantId } })`)}, ${code(`WHERE ${f} = $1 AND id = $2`)}), ` +
      `with the tenant taken from the verified context (${code('getCurrentTenant().tenantId')}, set by ${code('runWithTenant')}), never from the request body. ` +
      `For defence in depth run the unit of work in ${code('withTenantTransaction(pool, tenantId, fn)')} so PostgreSQL ` +
      'row-level security refuses other tenants\' rows even when a filter is forgotten.',
    plain: (f) =>
      `Put the tenant in the same filter (${code(`findFirst({ where: { id, ${f} } })`)}, ${code(`WHERE ${f} = $1 AND id = $2`)}), ` +
      'with the tenant taken from the caller\'s verified session or token, never from the request body, query or path; ' +
      `or load the row and answer not-found unless its ${code(f)} is the caller's. For defence in depth enable PostgreSQL ` +
      `row-level security on ${code(f)}, so the database refuses other tenants' rows even when a filter is forgotten.`,
  },
  'unscoped-vector-search': {
    runtime: (f) =>
      `Retrieve through ${code('createScopedRetriever(backend)')}: it sends the current tenant as a mandatory filter and drops ` +
      'any returned item whose tenant marker is different or missing. With a raw store, pass ' +
      `${code(`{ ${f}: getCurrentTenant().tenantId }`)} as the filter (or the tenant's namespace) on every call.`,
    plain: (f) =>
      'Store the tenant with every embedding and pass it as a mandatory filter on every search ' +
      `(${code(`filter: { ${f} }`)}, or the tenant's own namespace or collection), with the tenant from the caller's verified ` +
      `session; then drop any returned item whose ${code(f)} is not the caller's, so a backend that ignores the filter cannot leak.`,
  },
  'unscoped-session-key': {
    runtime: () =>
      `Key the store by tenant and id together (${code('${tenantId}:${id}')}), or use ${code('createTenantSessionStore()')}, which takes the tenant from ` +
      'the context and lists only the caller\'s own sessions.',
    plain: (f) =>
      `Key the store by tenant and id together (${code(`\${${f}}:\${id}`)}, the tenant from the caller's verified session), ` +
      'or keep one store per tenant, and list only the caller\'s own entries.',
  },
  'fail-open-tenant-check': {
    runtime: (f) =>
      `Compare the marker strictly (${code(`row.${f} === tenantId`)}), so a missing marker fails. ` +
      `${code('createScopedRetriever')} and ${code('createTenantLogReader')} already drop unmarked items.`,
    plain: (f) =>
      `Compare the marker strictly with the caller's verified tenant (${code(`row.${f} === session.${f}`)}), so a missing marker fails: treat a record without ` +
      'the marker as another tenant\'s, and backfill the marker on old records instead of excusing them.',
  },
  'untagged-telemetry': {
    runtime: () =>
      `Register ${code('new TenantSpanProcessor()')} on the tracer provider so every span carries ${code('tenant.id')}, and wrap the ` +
      `exporter in ${code('TenantAttributeGuardExporter')} to refuse spans without it.`,
    plain: () =>
      `Give every span its tenant: a span processor whose ${code('onStart')} calls ${code("span.setAttribute('tenant.id', …)")} with ` +
      'the current request\'s verified tenant, registered on the tracer provider, and an exporter wrapper that drops spans ' +
      `without ${code('tenant.id')}.`,
  },
  'platform-fallback': {
    runtime: () =>
      `Fail closed: ${code('getCurrentTenant()')} throws ${code('MissingTenantContextError')} outside a context. Enter platform access ` +
      `only explicitly, with ${code('runAsPlatform(reason, fn)')}, which is audited.`,
    plain: () =>
      'Fail closed: when no tenant is known, throw (or answer 401/403) instead of using platform / admin access. Enter ' +
      'platform access only on explicit paths that check the caller is a platform operator, and log each use with its reason.',
  },
  'shared-cache-keyspace': {
    runtime: () =>
      `Build keys with the tenant (${code('ctx:${tenantId}:${id}')}), or wrap the client with ${code('createTenantRedis(client, { tenantId })')}, ` +
      'which prefixes every key, confines SCAN/KEYS and refuses FLUSH*; add a per-tenant ACL user for a server-side wall.',
    plain: (f) =>
      `Build every key with the tenant first (${code(`ctx:\${${f}}:\${id}`)}, the tenant from the verified session), confine ` +
      `SCAN / KEYS to ${code('MATCH ctx:<tenant>:*')}, and never run FLUSHDB / FLUSHALL on a connection tenants share; a ` +
      `per-tenant Redis ACL user (${code('~ctx:<tenant>:*')}) adds a server-side wall.`,
  },
  'unscoped-log-access': {
    runtime: () =>
      `Serve records through ${code('createTenantLogReader(source)')}: tenants get only their own records, raw ${code('tail()')} is ` +
      `platform-only and throws ${code('TenantAccessForbiddenError')} otherwise.`,
    plain: (f) =>
      `Filter every log, trace or audit query by the caller's tenant (${code(f)} from the verified session), and serve ` +
      'unfiltered tails only on paths restricted to platform operators.',
  },
  'optional-tenant-param': {
    runtime: (f) =>
      `Make the tenant required, or resolve it at once from the context (${code(`${f} ?? requireTenantId()`)}), or throw ` +
      'before use when it is missing.',
    plain: (f) =>
      `Make the tenant parameter required (${code(`${f}: string`)}), or throw before use when it is missing: an undefined ` +
      `tenant must never reach a filter (Prisma reads ${code(`{ ${f}: undefined }`)} as no filter at all).`,
  },
  'shared-encryption-key': {
    runtime: () =>
      `Derive a key per tenant with ${code('deriveTenantKey(masterKey, tenantId)')} (HKDF-SHA256), or use ` +
      `${code('encryptForTenant')} / ${code('decryptForTenant')}, which also bind the tenant id as associated data.`,
    plain: () =>
      'Derive a key per tenant from the master key (HKDF-SHA256 with the tenant id as info: ' +
      `${code("hkdfSync('sha256', masterKey, salt, tenantId, 32)")}) and bind the tenant id as associated data (AES-GCM ` +
      `${code('setAAD')}), so one tenant's ciphertext never decrypts under another's key and each tenant can be crypto-shredded alone.`,
  },
  'unscoped-backup': {
    runtime: () =>
      `Back up per tenant with ${code('exportTenantBackup(masterKey, tenantId, records)')}, which refuses foreign or ` +
      'unmarked records and encrypts with the tenant\'s derived key; restoring under another tenant fails.',
    plain: (f) =>
      `Back up one tenant at a time: read with ${code(`where: { ${f} }`)}, refuse rows of another tenant or without the ` +
      'marker, and encrypt each archive with that tenant\'s own derived key, so restoring, sharing or deleting it touches no one else.',
  },
  'missing-network-policy': {
    runtime: () =>
      'Add a default-deny ingress policy per tenant namespace, plus explicit allows from the system namespace and ' +
      `within the namespace; ${code('generateTenantNetworkPolicies()')} in @tenant-audit/runtime writes them.`,
    plain: () =>
      `Add a default-deny ingress NetworkPolicy to every tenant namespace (${code('podSelector: {}')}, ` +
      `${code('policyTypes: [Ingress]')}), plus explicit allows from the system namespace and from within the namespace.`,
  },
  'missing-rls-policy': {
    runtime: (f) =>
      `Enable and force RLS with a tenant policy on every tenant table: ${code("tenantRlsPolicySql('documents')")} from ` +
      `@tenant-audit/runtime/postgres (or ${code("SELECT tenant_audit_enable_rls('documents')")} from its ${code('sql/tenant-rls.sql')}) writes ` +
      `${code('ENABLE')} + ${code('FORCE ROW LEVEL SECURITY')} and a policy comparing ${code(f)} with the transaction's tenant setting. ` +
      `Connect the application as a role without BYPASSRLS or SUPERUSER, and run its queries in ${code('withTenantTransaction(pool, tenantId, fn)')}.`,
    plain: (f) =>
      `On every tenant table: ${code('ALTER TABLE … ENABLE ROW LEVEL SECURITY')} and ${code('FORCE ROW LEVEL SECURITY')} (RLS skips the table's ` +
      `owner unless forced), and one policy ${code(`USING (${f} = NULLIF(current_setting('app.tenant_id', true), ''))`)} with the same ` +
      `${code('WITH CHECK')}. Connect the application as a role without BYPASSRLS or SUPERUSER, and set the tenant with ` +
      `${code("set_config('app.tenant_id', $1, true)")} inside each transaction.`,
  },
};

/**
 * The full fix for a gap kind, in the code base's own terms: its tenant column, and the runtime's
 * APIs only where it uses `@tenant-audit/runtime` (otherwise the plain way). One paragraph.
 */
export function fixAdvice(kind: GapKind, options: FixOptions): string {
  const variants = FIXES[kind];
  return (options.usesRuntime ? variants.runtime : variants.plain)(options.tenantField);
}

/** The short fixes that end a finding's message, by shape. */
export type FixHint =
  | 'filterByTenant' | 'tenantFromVerified' | 'requireTenant' | 'scopedRetrieval' | 'backupPerTenant' | 'backupTenantKey'
  | 'lookUpWithTenant' | 'copyAllowedFields' | 'storageKeyFromRow' | 'tenantInKey' | 'confineKeyspace' | 'tenantInCacheKey'
  | 'sessionKeyWithTenant' | 'compareStrictly' | 'failClosed' | 'requiredParameter' | 'perTenantKey' | 'tenantLogReader'
  | 'spanProcessor' | 'spanAttribute' | 'noRlsBypass' | 'letMissingContextThrow';

type Hint = (field: string, name: string) => string;

/** Short: they end a message and fit, with the diagnosis, in an editor's one-line message (about 50 characters each). */
const HINTS: Readonly<Record<FixHint, { runtime: Hint; plain: Hint }>> = {
  filterByTenant: { runtime: (f) => `add ${f}: getCurrentTenant().tenantId to the filter`, plain: (f) => `add ${f} (from the verified session) to the filter` },
  tenantFromVerified: { runtime: () => 'use getCurrentTenant().tenantId or check membership first', plain: (f) => `take ${f} from the verified session or check membership first` },
  requireTenant: { runtime: () => 'require the tenant (requireTenantId() throws when it is missing)', plain: () => 'make the tenant filter unconditional and throw when it is missing' },
  scopedRetrieval: { runtime: () => 'retrieve through createScopedRetriever(backend)', plain: (f) => `pass ${f} as a mandatory filter or namespace` },
  backupPerTenant: { runtime: () => 'back up per tenant with exportTenantBackup(masterKey, tenantId, records)', plain: (f) => `back up one tenant at a time (where ${f})` },
  backupTenantKey: { runtime: () => 'use exportTenantBackup(), which encrypts with the tenant\'s derived key', plain: () => 'encrypt each tenant\'s backup with its own derived key' },
  lookUpWithTenant: { runtime: (f) => `look it up with ${f}: getCurrentTenant().tenantId first`, plain: (f) => `look it up with the verified ${f} first` },
  copyAllowedFields: { runtime: (f) => `copy the allowed fields and set ${f} from getCurrentTenant()`, plain: (f) => `copy the allowed fields and set ${f} from the verified session` },
  storageKeyFromRow: { runtime: (f) => `build the key from the row's own id and ${f}`, plain: (f) => `build the key from the row's own id and ${f}` },
  tenantInKey: { runtime: () => 'put the tenant in the key or use createTenantRedis(client, { tenantId })', plain: (f) => `put the tenant in the key (ctx:\${${f}}:…)` },
  confineKeyspace: { runtime: () => 'use createTenantRedis(client, { tenantId }), which confines SCAN and refuses FLUSH*', plain: () => 'confine it to the tenant\'s prefix (MATCH ctx:<tenant>:*)' },
  tenantInCacheKey: { runtime: (f) => `put the tenant in the key (\`\${${f}}:\${key}\`)`, plain: (f) => `put the tenant in the key (\`\${${f}}:\${key}\`)` },
  sessionKeyWithTenant: { runtime: () => 'key it by tenant and id or use createTenantSessionStore()', plain: (f) => `key it by tenant and id (\`\${${f}}:\${id}\`)` },
  compareStrictly: { runtime: (f) => `compare the marker strictly (row.${f} === requireTenantId())`, plain: (f) => `compare the marker strictly (row.${f} === session.${f})` },
  failClosed: { runtime: () => 'fail closed, and enter platform access only with runAsPlatform(reason, fn)', plain: () => 'fail closed: throw when no tenant is known' },
  requiredParameter: { runtime: (_f, n) => `make it required or resolve it with ${n} ?? requireTenantId()`, plain: () => 'make it required, or throw when it is missing' },
  perTenantKey: { runtime: () => 'derive a key per tenant with deriveTenantKey(masterKey, tenantId)', plain: () => 'derive a key per tenant (HKDF with the tenant id)' },
  tenantLogReader: { runtime: () => 'serve them through createTenantLogReader(source)', plain: () => 'filter by the caller\'s tenant or restrict it to platform operators' },
  spanProcessor: { runtime: () => 'register new TenantSpanProcessor() on the provider', plain: () => 'stamp tenant.id on every span in a span processor' },
  spanAttribute: { runtime: () => "set 'tenant.id' or register TenantSpanProcessor on the provider", plain: () => "set the 'tenant.id' attribute on it" },
  noRlsBypass: {
    runtime: () => 'connect as a role without BYPASSRLS and scope with withTenantTransaction(pool, tenantId, fn)',
    plain: () => 'connect as a role without BYPASSRLS and set the tenant per transaction (set_config(\'app.tenant_id\', …, true))',
  },
  letMissingContextThrow: {
    runtime: () => 'let it propagate (fail closed) or enter platform access explicitly with runAsPlatform(reason, fn)',
    plain: () => 'let it propagate (fail closed), or enter platform access only on an explicit operator path',
  },
};

/**
 * The short fix that ends a message (`add organizationId (from the verified session) to the filter`),
 * tailored like `fixAdvice`. `name` is the name the finding is about (a parameter), where the hint uses one.
 */
export function fixHint(hint: FixHint, options: FixOptions, name = options.tenantField): string {
  const variants = HINTS[hint];
  return (options.usesRuntime ? variants.runtime : variants.plain)(options.tenantField, name);
}
