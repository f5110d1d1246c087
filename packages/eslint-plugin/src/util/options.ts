import { CONFIG_KEYS, ConfigError, NAME_IDS, resolveConfig, validateConfig, type ConfigKey, type ResolvedConfig, type TenantAuditConfig } from '@tenant-audit/core';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** How `require-span-tenant-attribute` treats spans when the provider may live in another file. */
export type CheckSpans = 'with-types' | 'always';

/** Rule options: the contract's config keys, plus rule-specific switches that core does not know. */
export interface RuleOptions extends TenantAuditConfig {
  checkSpans?: CheckSpans;
  /**
   * Also report by-id reads whose id is a plain parameter of the enclosing function. Off by default:
   * whether such an id is the client's is for the callers to say, which one file cannot see.
   */
  reportParameterIds?: boolean;
}

export type Options = [RuleOptions?];

/** Keys that belong to the plugin, stripped before the config reaches core's validator. */
const PLUGIN_ONLY_KEYS = ['checkSpans', 'reportParameterIds'] as const;

const stringList: JSONSchema4 = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

/** The JSON schema of one declared config key, as a rule option. */
function keySchema(key: ConfigKey): JSONSchema4 {
  switch (CONFIG_KEYS[key].kind) {
    case 'stringList': return stringList;
    case 'boolean': return { type: 'boolean' };
    case 'number': return { type: 'number', minimum: 0, exclusiveMinimum: true };
    case 'severityMap': return { type: 'object', additionalProperties: { type: 'string', enum: ['P0', 'P1', 'P2'] } };
    case 'namesMap': return { type: 'object', additionalProperties: false, properties: Object.fromEntries(NAME_IDS.map((id) => [id, stringList])) };
  }
}

/**
 * The option schema every rule shares, from core's one list of config keys (those it marks as rule
 * options); core's `validateConfig` checks the same keys for settings and the config file.
 */
export const optionsSchema: JSONSchema4[] = [{
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries((Object.keys(CONFIG_KEYS) as ConfigKey[]).filter((key) => CONFIG_KEYS[key].ruleOption).map((key) => [key, keySchema(key)])),
    checkSpans: { type: 'string', enum: ['with-types', 'always'] },
    reportParameterIds: { type: 'boolean' },
  },
}];

export interface MergedConfig {
  config: ResolvedConfig;
  /** Stable text key of the user-facing config: the nine rules of one file share an env when it matches. */
  key: string;
}

const resolved = new Map<string, ResolvedConfig>();

/**
 * ESLint hands every file the same settings object but a fresh options array per rule and file, so
 * the common case (no rule options) is remembered by the settings' identity: no JSON work per rule
 * per file. Rules with options go through the text key.
 */
const bySettings = new WeakMap<object, WeakMap<object, MergedConfig>>();
const NO_SETTINGS = {};

export function mergeConfigCached(settings: unknown, options: readonly unknown[] | undefined, base?: TenantAuditConfig): MergedConfig {
  const first = options?.[0] as RuleOptions | undefined;
  const hasOptions = first !== undefined && Object.keys(first).some((k) => !(PLUGIN_ONLY_KEYS as readonly string[]).includes(k));
  if (hasOptions || (settings !== undefined && (typeof settings !== 'object' || settings === null))) return mergeConfig(settings, first, base);
  // The project config object is cached per folder, so its identity is as stable as the settings'.
  const identity = settings ?? NO_SETTINGS;
  let perBase = bySettings.get(identity);
  if (!perBase) bySettings.set(identity, (perBase = new WeakMap()));
  const baseKey = base ?? NO_SETTINGS;
  let merged = perBase.get(baseKey);
  if (!merged) {
    merged = mergeConfig(settings, undefined, base);
    perBase.set(baseKey, merged);
  }
  return merged;
}

function withoutPluginKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...raw };
  for (const key of PLUGIN_ONLY_KEYS) delete copy[key];
  return copy;
}

/**
 * The project's `tenant-audit.config.json` first (the scanner's config), then `settings.tenantIsolation`,
 * then the rule's own options on top (key by key: a later source replaces the same key). Validated by
 * core, so a typo in a key fails loudly instead of silently blinding the rules.
 */
export function mergeConfig(settings: unknown, options: RuleOptions | undefined, base?: TenantAuditConfig): MergedConfig {
  const shared = settings === undefined ? {} : settings;
  if (typeof shared !== 'object' || shared === null || Array.isArray(shared)) {
    throw new ConfigError('settings.tenantIsolation must be an object');
  }
  const raw = { ...(base ?? {}), ...withoutPluginKeys(shared as Record<string, unknown>), ...withoutPluginKeys({ ...(options ?? {}) }) };
  const key = JSON.stringify(raw);
  let config = resolved.get(key);
  if (!config) {
    let user: TenantAuditConfig;
    try {
      user = validateConfig(raw, 'tenant-isolation options / settings.tenantIsolation');
    } catch (error) {
      if (error instanceof ConfigError) throw new Error(`[eslint-plugin-tenant-isolation] ${error.message}`, { cause: error });
      throw error;
    }
    config = resolveConfig(user);
    resolved.set(key, config);
  }
  return { config, key };
}
