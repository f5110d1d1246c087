import type { Severity } from '../gaps/severity.js';
import type { ResolvedConfig, TenantAuditConfig } from './types.js';

/**
 * The one list of config keys: what each holds, its default, one line for users, and where it
 * applies. Validation (`validate.ts`), the defaults (`defaults.ts`), the ESLint rules' option schema and
 * the README's config table check are derived from it, so a new key is declared once. The order is the
 * order of the resolved config (`--print-config` lists keys in it).
 */
export type ConfigKeyKind = 'stringList' | 'boolean' | 'number' | 'severityMap' | 'namesMap';

interface KeyBase {
  /** One line for users: what the key means. */
  doc: string;
  /** Only the scanner reads it (the ESLint rules accept it in the shared config file). */
  scannerOnly: boolean;
  /** In the ESLint rules' option schema (settings and the config file take every key: core validates those). */
  ruleOption: boolean;
}

/** The spec a key's declaration must have, from the type of its resolved value. */
type KeySpec<V> = KeyBase & (
  [V] extends [string[]] ? {
    kind: 'stringList';
    default: readonly string[];
    /** replace: the user's list replaces the default one; extend: it adds to it. */
    merge: 'replace' | 'extend';
  } :
  [V] extends [boolean | undefined] ? { kind: 'boolean'; default: V } :
  [V] extends [number] ? { kind: 'number'; default: number } :
  [NonNullable<V[keyof V]>] extends [string[]] ? { kind: 'namesMap' } :
  [NonNullable<V[keyof V]>] extends [Severity] ? { kind: 'severityMap' } : never);

export const CONFIG_KEYS = {
  tenantFields: {
    kind: 'stringList', merge: 'replace', scannerOnly: false, ruleOption: true,
    default: ['tenantId', 'tenant_id', 'orgId', 'organizationId', 'workspaceId', 'teamId', 'accountId'],
    doc: 'Field / parameter / column names that carry the tenant.',
  },
  contextGetters: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true,
    // The runtime's fail-closed getters.
    default: ['getCurrentTenant', 'requireTenantId'],
    doc: 'Calls that return the current tenant from a verified context (fail closed).',
  },
  authorizers: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true, default: [],
    doc: 'Calls that check a loaded record against the caller (added to the built-in authorizer names).',
  },
  platformNames: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true, default: ['PLATFORM', 'PLATFORM_CONTEXT'],
    doc: 'Identifiers that stand for all-tenants access (added to the built-in platform pattern).',
  },
  severity: { kind: 'severityMap', scannerOnly: false, ruleOption: true, doc: 'Per-kind severity overrides.' },
  ignore: { kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true, default: [], doc: 'Globs left out of the scan.' },
  tenantModels: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true, default: [],
    doc: 'Models / tables that carry a tenant column even if the schema reader cannot tell.',
  },
  globalModels: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true, default: [],
    doc: 'Models / tables that are global (plans, countries, feature flags): unfiltered access is fine.',
  },
  scopedClients: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true, default: [],
    doc: 'Factories, classes or types whose results are already tenant-scoped (clients, repositories, stores).',
  },
  verifiedSources: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true,
    default: [
      'req.auth', 'req.user', 'req.session', 'req.tenant', 'req.identity',
      'request.auth', 'request.user', 'request.session', 'request.tenant',
      'ctx.session', 'ctx.auth', 'ctx.user', 'ctx.tenant', 'ctx.state.user', 'ctx.state.auth', 'ctx.state.tenant',
      'res.locals', 'response.locals', 'session.user', 'auth',
    ],
    doc: 'Expression prefixes that hold the verified identity (e.g. `req.auth`, `ctx.session`).',
  },
  untrustedSources: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true,
    default: [
      'req.body', 'req.query', 'req.params', 'req.headers', 'req.cookies',
      'request.body', 'request.query', 'request.params', 'request.headers',
      'ctx.request.body', 'ctx.request.query', 'ctx.query', 'ctx.params', 'body', 'query', 'params',
      // Request bodies read as a whole, route params and procedure inputs (Next.js, tRPC, server actions, Lambda).
      'req.json', 'request.json', 'req.formData', 'request.formData', 'searchParams', 'input', 'parsedInput',
      'event.body', 'event.queryStringParameters', 'event.pathParameters',
    ],
    doc: 'Expression prefixes that hold caller-controlled input (e.g. `req.body`).',
  },
  platformGuards: {
    kind: 'stringList', merge: 'extend', scannerOnly: false, ruleOption: true,
    default: ['runAsPlatform', 'isPlatformContext', 'requirePlatform', 'requirePlatformOperator', 'assertPlatform', 'assertPlatformOperator'],
    doc: 'Calls that restrict a code path to platform operators (e.g. `requirePlatformOperator`).',
  },
  entryPoints: {
    kind: 'stringList', merge: 'extend', scannerOnly: true, ruleOption: true, default: [],
    doc: 'Extra entry points for the scanner: decorator or call names that mark handlers.',
  },
  names: { kind: 'namesMap', scannerOnly: false, ruleOption: true, doc: 'Exact names added to the built-in name heuristics, by heuristic.' },
  fileTimeBudgetMs: {
    kind: 'number', scannerOnly: true, ruleOption: false, default: 10_000,
    doc: 'Per-file analysis budget (wall clock, ms): a file over it is reported in `errors` and its findings are dropped.',
  },
  includeTests: { kind: 'boolean', scannerOnly: false, ruleOption: true, default: false, doc: 'Scan test files too.' },
  reportUnreachedSinks: {
    // undefined: decided per program (reported when it has no recognised entry points).
    kind: 'boolean', scannerOnly: true, ruleOption: true, default: undefined,
    doc: 'Also report a by-id query in a function that nothing in the scanned code calls.',
  },
  allowIncomplete: {
    kind: 'boolean', scannerOnly: true, ruleOption: false, default: false,
    doc: 'Exit by the findings even when some source files could not be analysed.',
  },
} as const satisfies { [K in keyof ResolvedConfig]-?: KeySpec<ResolvedConfig[K]> };

export type ConfigKey = keyof typeof CONFIG_KEYS;

// The user-facing config and the resolved one list the same keys as the declaration (the `satisfies`
// above checks it against ResolvedConfig, key by key and with each value's kind).
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const USER_KEYS_DECLARED: SameKeys<keyof TenantAuditConfig, ConfigKey> = true;
void USER_KEYS_DECLARED;

/** The declared keys of one kind, in declaration order. */
export function keysOfKind<K extends ConfigKeyKind>(kind: K): Extract<ConfigKey, { [P in ConfigKey]: (typeof CONFIG_KEYS)[P]['kind'] extends K ? P : never }[ConfigKey]>[] {
  return (Object.keys(CONFIG_KEYS) as ConfigKey[]).filter((key) => CONFIG_KEYS[key].kind === kind) as never;
}

/** The keys a config may hold, in the order the "unknown key" error lists them. */
export const KNOWN_KEY_ORDER: readonly ConfigKeyKind[] = ['stringList', 'boolean', 'severityMap', 'namesMap', 'number'];
