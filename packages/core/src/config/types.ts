import type { GapKind } from '../gaps/kinds.js';
import type { Severity } from '../gaps/severity.js';
import type { NameId } from '../names/catalogue.js';

/** The user-facing config, as written in `tenant-audit.config.json` or `package.json#tenantAudit`. */
export interface TenantAuditConfig {
  /** Field / parameter / column names that carry the tenant. */
  tenantFields?: string[];
  /** Calls that return the current tenant from a verified context (fail closed). */
  contextGetters?: string[];
  /** Calls that check a loaded record against the caller (added to the built-in authorizer names). */
  authorizers?: string[];
  /** Identifiers that stand for all-tenants access (added to the built-in platform pattern). */
  platformNames?: string[];
  /** Per-kind severity overrides. */
  severity?: Partial<Record<GapKind, Severity>>;
  /** Globs left out of the scan. */
  ignore?: string[];
  /** Models / tables that carry a tenant column even if the schema reader cannot tell. */
  tenantModels?: string[];
  /** Models / tables that are global (plans, countries, feature flags): unfiltered access is fine. */
  globalModels?: string[];
  /** Factories, classes or types whose results are already tenant-scoped (clients, repositories, stores). */
  scopedClients?: string[];
  /** Expression prefixes that hold the verified identity (e.g. `req.auth`, `ctx.session`). */
  verifiedSources?: string[];
  /** Expression prefixes that hold caller-controlled input (e.g. `req.body`). */
  untrustedSources?: string[];
  /** Calls that restrict a code path to platform operators (e.g. `requirePlatformOperator`). */
  platformGuards?: string[];
  /** Extra entry points for the scanner: decorator or call names that mark handlers. */
  entryPoints?: string[];
  /**
   * Exact names added to the built-in name heuristics (docs/names.md lists them), by heuristic:
   * `{ "authorizers": ["mayTouch"], "logReceivers": ["eventArchive"] }`.
   */
  names?: Partial<Record<NameId, string[]>>;
  /**
   * Scanner only: a file whose analysis takes longer (wall clock, ms) is reported in `errors` and its
   * findings are dropped, so one pathological generated file cannot hold a CI run hostage. Default 10000.
   */
  fileTimeBudgetMs?: number;
  /** Scan test files too (`*.test.*`, `*.spec.*`, `test/`, `__tests__/`, e2e folders); default false. */
  includeTests?: boolean;
  /**
   * Scanner only: also report a by-id query in a function that nothing in the scanned code calls
   * (an unused export, or a callback the scanner cannot connect). Default: only when the program has
   * no entry points the scanner recognises (a library: its exports are its entry points). The ESLint
   * rule reports those file by file regardless.
   */
  reportUnreachedSinks?: boolean;
  /**
   * Scanner only: exit by the findings even when some source files could not be analysed (unreadable,
   * unparsable, over the time budget). Default false: such a scan exits 2, because what those files
   * hold is unknown. The CLI flag `--allow-incomplete` does the same for one run.
   */
  allowIncomplete?: boolean;
}

/** The config after defaults are applied: every list present. */
export interface ResolvedConfig {
  tenantFields: string[];
  contextGetters: string[];
  authorizers: string[];
  platformNames: string[];
  severity: Partial<Record<GapKind, Severity>>;
  ignore: string[];
  tenantModels: string[];
  globalModels: string[];
  scopedClients: string[];
  verifiedSources: string[];
  untrustedSources: string[];
  platformGuards: string[];
  entryPoints: string[];
  names: Partial<Record<NameId, string[]>>;
  fileTimeBudgetMs: number;
  includeTests: boolean;
  /** undefined: decided per program (reported when it has no recognised entry points). */
  reportUnreachedSinks: boolean | undefined;
  allowIncomplete: boolean;
}
