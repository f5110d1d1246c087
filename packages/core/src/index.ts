export { GAP_KINDS, isGapKind, type GapKind } from './gaps/kinds.js';
export { SEVERITIES, isAtLeast, isSeverity, severityRank, type Severity } from './gaps/severity.js';
export { GAP_CATALOGUE, type GapInfo } from './gaps/catalogue.js';
export { CATALOGUE_FIX_OPTIONS, fixAdvice, fixHint, type FixHint, type FixOptions } from './gaps/fix-advice.js';
export { GAP_DOCS_BASE, gapDocsUrl } from './gaps/docs.js';
export { PLUGIN_NAMESPACE, RULE_KINDS, RULE_NAMES, ruleIdForKind, type RuleName } from './gaps/rules.js';

export type { ResolvedConfig, TenantAuditConfig } from './config/types.js';
export { CONFIG_KEYS, type ConfigKey, type ConfigKeyKind } from './config/keys.js';
export { DEFAULT_CONFIG, TEST_FILE_GLOBS } from './config/defaults.js';
export { ConfigError } from './config/errors.js';
export { isCommentKey, resolveConfig, validateConfig } from './config/validate.js';
export { CONFIG_FILE_NAME, loadConfig, loadConfigFile, type LoadedConfig } from './config/load.js';

export { DataModel, findTenantField, type ModelFact } from './model/data-model.js';
export { buildDataModel, isNamedLikeTenant, readersFor, type SourceText } from './model/readers.js';
export { discoverSchemaFiles, findProjectRoot } from './model/discover.js';
export { balancedBody, normalizeFieldName, normalizeModelName } from './model/names.js';

export { blankSqlComments, lineIndex, splitSqlStatements, type SqlStatement } from './rls/sql-statements.js';
export { RUNTIME_RLS_FUNCTION } from './rls/runtime-policy.js';
export { connectionUrlUsers, isSuperuserConnectionUrl, type ConnectionUrlUser } from './rls/connection-url.js';
export { readMigrationFacts, type MigrationFacts, type PolicyFact, type RoleFact, type SqlAt, type SqlSource, type TableFact } from './rls/migration-facts.js';
export { isAlwaysTrue, judgePredicate, orBranches, readsIdentity, type PredicateVerdict } from './rls/policy-predicate.js';
export { judgeRlsCoverage, tenantColumnsOf, type RlsGap, type RlsJudgeOptions, type RoleConnection } from './rls/judge.js';

export * as sinkCatalogue from './sinks/catalogue.js';
export { matchesName, mentionsName, NAME_CATALOGUE, NAME_IDS, type NameHeuristic, type NameId } from './names/catalogue.js';

export type { AnalysisEnv, TypeScriptModule } from './recognise/env.js';
export * from './recognise/ast.js';
export {
  classifyValue, envForOperation, isAuthorizerCall, isAuthorizerName, isContextGetterCall, isSessionGetterCall, isOwnerKey, isPlatformGuardCall, isPlatformName, isPlatformWrapperName,
  isPlatformValue, isSharedSecretGuard, isTenantKey, isTenantName, isVerifiedPrincipalValue, isWrappedHandler, mentionsTenant, type ValueOrigin,
} from './recognise/tenant.js';
export { expressionFilterEvidence, objectFilterEvidence, type FilterEvidence } from './recognise/filter.js';
export { recogniseSink, recogniseTaggedSql, sqlText, type SinkMatch } from './recognise/sinks.js';
export { looksLikeSql, readSql, type SqlFacts } from './recognise/sql.js';
export { checkRedisCall, isRedisReceiver, keyCarriesTenant, KEY_COMMANDS, KEYSPACE_COMMANDS } from './recognise/redis.js';
export { isScopedReceiver, receiverOrigins } from './recognise/receiver.js';
export { fileFacts } from './recognise/file-facts.js';
export { tenantCheckingProcedures } from './recognise/procedures.js';
export { middlewareChecksTenant } from './recognise/middleware.js';

export { AnalysisBudgetExceeded, offTheClock, withinBudget } from './analyse/budget.js';
export { analyseSourceFile, findingsOfKinds, type FileAnalysis } from './analyse/file.js';
export { bodyResolvesOrFailsClosed, isApiBoundary, usedOnlyWhenPresent } from './analyse/optional-param.js';
export { providerHasTenantProcessor, type TelemetryFacts } from './analyse/telemetry.js';
export { unawaitedCheckShape } from './analyse/inert-checks.js';
export { insideScopedRunner, loadedRecordComparedWith, resultOnlyTested } from './analyse/scope-checks.js';
export { checkedAfterLoad, untrustedValueChecked, valueCheckedAgainstCaller } from './analyse/checked-against-caller.js';
export { findingFor, isRawRequestBody, judgeSink, modelUnknownNote } from './analyse/data-access.js';
export type { LocalFinding, SinkRecord, Suggestion, TextChange } from './analyse/types.js';
export { adviceFor, fixOptionsFor, hintFor, importsRuntime } from './analyse/fix-options.js';
export { fitSummary, MESSAGE_MAX, summaryOf } from './analyse/summary.js';

export { createEnv, dataModelForFile } from './env.js';

export { contentHash, stableHash } from './cache/hash.js';
export { toolFingerprint } from './cache/tool-fingerprint.js';
export { analysisFromFacts, FACTS_FORMAT, factsOf, UnserializableFact, type FileFacts } from './cache/facts.js';
export {
  DEFAULT_CACHE_DIR, findCacheDir, LINT_VIEW_FILE, LINT_VIEW_FORMAT, readLintView, viewPath, viewStillHolds,
  type LintView, type LintViewFile, type LintViewFinding,
} from './cache/lint-view.js';
