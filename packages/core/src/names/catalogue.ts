/**
 * Every name heuristic of the analysers in one place. Both front ends (the ESLint rules and the
 * scanner) recognise code partly by what things are called: a callee named like an authorizer, a
 * receiver named like a log store, a route segment named like a job. Kept here, beside the sink
 * catalogue, so each heuristic has one definition, is printed in the docs (docs/names.md, checked
 * against this file by a test) and can be extended by config: config `names` adds exact names to
 * any entry, and the older keys listed under `extendedBy` add to theirs.
 */
import type { ResolvedConfig } from '../config/types.js';

export interface NameHeuristic {
  /** What a match stands for, in a sentence. */
  means: string;
  pattern: RegExp;
  /** The config list (besides `names.<id>`) whose exact names also match. */
  extendedBy?: 'authorizers' | 'platformGuards' | 'platformNames' | 'scopedClients';
}

const entry = (h: NameHeuristic): NameHeuristic => h;

export const NAME_CATALOGUE = {
  authorizers: entry({
    means: 'a call that checks a loaded record or a client-supplied id against the caller',
    pattern: /^(authori[sz]e\w*|can|cannot|assert(Can|Access|Owner\w*|SameTenant|Tenant\w*|Belongs\w*|Member\w*|Permission\w*|Authori[sz]ed\w*)|ensure(Access|Owner\w*|SameTenant|Tenant\w*|Member\w*|Permission\w*|CanAccess\w*)|check(Access|Permission\w*|Ownership|Tenant\w*|Member\w*)|verify(Ownership|Access|Tenant\w*|Member\w*)|require(Permission\w*|Access|Member\w*|Ownership)|enforce\w*|has(Access|Permission)\w*|isMember\w*|is(Owner|Authori[sz]ed)\w*|throwIfNo\w*(Access|Permission|Membership|Entitlement)\w*|throwUnless\w*(Access|Permission|Member)\w*)$/,
    extendedBy: 'authorizers',
  }),
  namedAuthorizers: entry({
    means: 'an authorizer named for what it guards (`canViewWebsite`, `assertResumeOwnership`): a check only where it is handed the caller or the tenant',
    pattern: new RegExp([
      '^(can|cannot|userCan|may)[A-Z]\\w*$',
      '^isAllowed\\w*$',
      '^has\\w*(Access|Permission|Role)\\w*$',
      '^(assert|ensure|check|verify|require|validate|enforce)\\w*(Access|Permission|Ownership|Owner|Owns?[A-Z]|Membership|Member|Authori[sz]ation|Rights)\\w*$',
      '^(assert|ensure|verify|check)\\w*(In|BelongsTo|Belongs)(Active)?(Workspace|Org|Organi[sz]ation|Team|Project|Tenant|Account|Space|Environment)\\w*$',
      '^is\\w*(Forbidden|Denied)$',
    ].join('|')),
  }),
  throwsByContract: entry({
    means: 'a call that throws when its check fails (`getOrThrow`, `assertMember`): its return leaves the handler',
    pattern: /(OrThrow|OrFail)$|^(assert|ensure|require|verify|check|authori[sz]e|throwIf|throwUnless|validate|guard)\w*/,
  }),
  sessionGetters: entry({
    means: 'a call that returns the verified caller or session (`getServerSession`, `requireUser`, `auth()`)',
    pattern: /^(auth|getAuth|getServerSession|getServerAuthSession|getAuthSession|getUserSession|getCurrentSession|getSessionUser|getAuthenticatedUser|getUserOrThrow|requireAuthentication|currentUser|getCurrentUser|(require|get|current|getCurrent)(User|Session|Auth|Viewer|Principal|Actor)(Id|Session)?)$/,
  }),
  principalRoots: entry({
    means: 'a parameter or local that holds the verified caller by convention (`ctx`, `session`, `auth`)',
    pattern: /^(ctx|context|session|auth|user|currentUser|identity|principal|claims|viewer|actor|me)$/,
  }),
  membershipPrincipals: entry({
    means: 'who is calling, as a membership check names it: what the input\'s tenant is compared with',
    pattern: /^(session|user|auth|principal|currentUser|viewer|identity|membership|memberships)$/,
  }),
  verifiedUsers: entry({
    means: 'a name that stands for the verified caller in a membership lookup',
    pattern: /^(user|session|currentUser|actor|me)$/,
  }),
  ownerIds: entry({
    means: 'an id that names one user or account (a per-user key or check, not a tenant one)',
    pattern: /^(user|owner|member|account)_?id$/i,
  }),
  scopedRunners: entry({
    means: 'a call that runs its callback inside a tenant-scoped transaction or RLS session',
    pattern: /^(withTenantTransaction|withTenant\w*|runWithTenant|runInTenant\w*|inTenant\w*|withRls\w*|asTenant)$/,
    extendedBy: 'scopedClients',
  }),
  platformGuards: entry({
    means: 'a call that admits only platform operators (`requireSuperAdmin`, `verifyAdminApiKey`)',
    pattern: /^(handle|require|check|verify|assert|ensure|authenticate|validate|is)(Super|Platform|Instance|Internal|Staff|Site|System)?(Admin(Api)?(Auth\w*|Key|ApiKey|Token|Secret)|(Super|Platform|Instance|Internal|Staff|Site)Admin\w*|Platform(Operator|Staff|Admin)\w*)$/,
    extendedBy: 'platformGuards',
  }),
  schedulerGuards: entry({
    means: 'the scheduler\'s own signature check (`verifyQstashSignature`, `verifyCronSecret`): only the platform\'s job runner gets past',
    pattern: /^(verify|validate|check|require|assert|is)(Qstash|QStash|Upstash|Vercel|VercelCron|Cron|Scheduler)(Signature|Secret|Request|Auth|Token)\w*$/,
  }),
  platformWrappers: entry({
    means: 'a handler wrapper that admits only platform staff or the scheduler (`withAdmin`, `withCron`)',
    pattern: /^((with|require|ensure|only)(Super|Platform|Site|Internal|System)?(Admin|Staff|Internal|Platform)(Only|Auth|Access|Session)?|with(Cron|Qstash|QStash|Scheduler)\w*)$/,
  }),
  platformConstants: entry({
    means: 'an identifier that stands for all-tenants access (`PLATFORM_CONTEXT`, `GOD_MODE`, `ALL_TENANTS`)',
    pattern: /^(?:[A-Z0-9]+_)*(PLATFORM|ALL_TENANTS|GOD_MODE|SUPERUSER)(?:_[A-Z0-9]+)*$|^(ADMIN|SYSTEM|ROOT)_(CONTEXT|TENANT|TENANT_ID|SCOPE)$/,
    extendedBy: 'platformNames',
  }),
  platformChecks: entry({
    means: 'words in a condition that asks whether the caller is a platform operator: choosing platform access there is deliberate',
    pattern: /platform|operator|superuser|super_?admin|isStaff|isRoot/i,
  }),
  platformProcedures: entry({
    means: 'a tRPC procedure builder that admits only platform staff (`adminProcedure`)',
    pattern: /(^|\.)(admin|superAdmin|platform|staff|internal)\w*Procedure\b/i,
  }),
  signedInProcedures: entry({
    means: 'a tRPC procedure builder that admits only a signed-in user (`protectedProcedure`, `workspaceProcedure`)',
    pattern: /(^|\.)(protected|authed|authenticated|auth|private|signedIn|loggedIn|session|user|member|workspace|team|org\w*|project)Procedure\b/i,
  }),
  platformPathSegments: entry({
    means: 'a route or file path segment of platform work (cron, webhooks, jobs, workers, migrations): not a tenant\'s user',
    pattern: /(^|[/\s])(cron|crons|webhooks?|internal|jobs?|workers?|queues?|tasks?|scripts?|migrations?|seeds?)([/\s:.-]|$)/i,
  }),
  logReceivers: entry({
    means: 'a receiver that is a log, audit or trace store (`logStore`, `auditLogs`, `loki`)',
    pattern: /^(logs?|logStore|logRepo(sitory)?|logService|logReader|logClient|logIndex|logSearch|auditLogs?|auditEvents?|auditStore|auditTrail|traceStore|traces|traceRepo(sitory)?|chronicle|loki|lokiClient)$|(LogStore|LogService|LogReader|LogRepo(sitory)?|AuditLog|AuditStore|TraceStore|LogClient)$/i,
  }),
  logReadMethods: entry({
    means: 'a method that reads from a log store (`search`, `tail`, `getEvents`)',
    pattern: /^(search|query|tail|stream|find|findAll|findMany|list|read|fetch|getLogs|getEvents|getEntries|getTraces)$/,
  }),
} as const satisfies Record<string, NameHeuristic>;

export type NameId = keyof typeof NAME_CATALOGUE;

export const NAME_IDS = Object.keys(NAME_CATALOGUE) as NameId[];

/**
 * Whether `name` matches the heuristic `id`: its pattern, or an exact name the config adds (config
 * `names.<id>`, or the older list the entry is extended by).
 */
export function matchesName(id: NameId, name: string, config?: Pick<ResolvedConfig, 'names'> & Partial<ResolvedConfig>): boolean {
  const heuristic: NameHeuristic = NAME_CATALOGUE[id];
  if (heuristic.pattern.test(name)) return true;
  if (!config) return false;
  if (config.names[id]?.includes(name)) return true;
  const list = heuristic.extendedBy ? config[heuristic.extendedBy] : undefined;
  return Array.isArray(list) && list.includes(name);
}

/**
 * Whether `text` (a condition's or a path's source text) mentions the heuristic `id`: its pattern
 * anywhere in the text, or one of the exact names config `names.<id>` adds.
 */
export function mentionsName(id: NameId, text: string, config?: Pick<ResolvedConfig, 'names'>): boolean {
  return NAME_CATALOGUE[id].pattern.test(text) || !!config?.names[id]?.some((name) => text.includes(name));
}
