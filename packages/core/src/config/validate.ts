import { GAP_KINDS, isGapKind } from '../gaps/kinds.js';
import { isSeverity } from '../gaps/severity.js';
import { NAME_IDS, type NameId } from '../names/catalogue.js';
import { ConfigError } from './errors.js';
import { CONFIG_KEYS, keysOfKind, KNOWN_KEY_ORDER, type ConfigKey } from './keys.js';
import type { ResolvedConfig, TenantAuditConfig } from './types.js';

const STRING_LIST_KEYS = keysOfKind('stringList');
const BOOLEAN_KEYS = keysOfKind('boolean');
const NUMBER_KEYS = keysOfKind('number');

/** Every declared key, grouped by kind as the "unknown key" error lists them, and `$schema`. */
const KNOWN_KEYS = new Set<string>([...KNOWN_KEY_ORDER.flatMap((kind) => keysOfKind(kind)), '$schema']);

/**
 * JSON has no comments: `"$comment"` (JSON Schema's spelling) and keys that start with `//` (npm's
 * convention, e.g. `"//tenantFields"` above the key it explains) carry them, whatever their value.
 * Everything else unknown stays an error, so a typo is never mistaken for a comment.
 */
export function isCommentKey(key: string): boolean {
  return key === '$comment' || key.startsWith('//');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Checks a parsed config object. Unknown keys and wrong types are errors that name the key and the
 * expected type: a silently ignored typo in `tenantFields` would make the tool blind.
 */
export function validateConfig(raw: unknown, file?: string): TenantAuditConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`config must be a JSON object, got ${describe(raw)}`, { file });
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key) && !isCommentKey(key)) {
      throw new ConfigError(`unknown key "${key}" (known keys: ${[...KNOWN_KEYS].filter((k) => k !== '$schema').join(', ')})`, { file, key });
    }
  }
  const config: TenantAuditConfig = {};
  for (const key of STRING_LIST_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.length === 0)) {
      throw new ConfigError(`key "${key}" must be an array of non-empty strings, got ${describe(value)}`, { file, key });
    }
    config[key] = value as string[];
  }
  for (const key of BOOLEAN_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new ConfigError(`key "${key}" must be true or false, got ${describe(value)}`, { file, key });
    config[key] = value;
  }
  for (const key of NUMBER_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    // Every number key so far is a duration in milliseconds (its name ends in Ms).
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new ConfigError(`key "${key}" must be a positive number of milliseconds, got ${describe(value)}`, { file, key });
    }
    config[key] = value;
  }
  if (input.severity !== undefined) {
    const severity = input.severity;
    if (typeof severity !== 'object' || severity === null || Array.isArray(severity)) {
      throw new ConfigError(`key "severity" must be an object mapping gap kinds to "P0" | "P1" | "P2", got ${describe(severity)}`, { file, key: 'severity' });
    }
    const overrides: NonNullable<TenantAuditConfig['severity']> = {};
    for (const [kind, level] of Object.entries(severity)) {
      if (!isGapKind(kind)) {
        throw new ConfigError(`key "severity.${kind}" is not a gap kind (one of: ${GAP_KINDS.join(', ')})`, { file, key: `severity.${kind}` });
      }
      if (!isSeverity(level)) {
        throw new ConfigError(`key "severity.${kind}" must be "P0", "P1" or "P2", got ${describe(level)}`, { file, key: `severity.${kind}` });
      }
      overrides[kind] = level;
    }
    config.severity = overrides;
  }
  if (input.names !== undefined) config.names = validateNames(input.names, file);
  return config;
}

/** `names`: an object from name heuristic ids to lists of exact names. */
function validateNames(names: unknown, file: string | undefined): Partial<Record<NameId, string[]>> {
  if (typeof names !== 'object' || names === null || Array.isArray(names)) {
    throw new ConfigError(`key "names" must be an object mapping name heuristics to arrays of names, got ${describe(names)}`, { file, key: 'names' });
  }
  const out: Partial<Record<NameId, string[]>> = {};
  for (const [id, list] of Object.entries(names)) {
    if (!(NAME_IDS as string[]).includes(id)) {
      throw new ConfigError(`key "names.${id}" is not a name heuristic (one of: ${NAME_IDS.join(', ')})`, { file, key: `names.${id}` });
    }
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.length === 0)) {
      throw new ConfigError(`key "names.${id}" must be an array of non-empty strings, got ${describe(list)}`, { file, key: `names.${id}` });
    }
    out[id as NameId] = list as string[];
  }
  return out;
}

/** Applies defaults. `tenantFields` replaces the default list; the other name lists extend theirs (keys.ts says which). */
export function resolveConfig(config: TenantAuditConfig = {}): ResolvedConfig {
  const resolved: Record<string, unknown> = {};
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    const spec = CONFIG_KEYS[key];
    const value = config[key];
    switch (spec.kind) {
      case 'stringList': {
        const list = value as string[] | undefined;
        resolved[key] = spec.merge === 'replace' && list ? [...new Set(list)] : [...new Set([...spec.default, ...(list ?? [])])];
        break;
      }
      case 'severityMap':
        resolved[key] = { ...(config.severity ?? {}) };
        break;
      case 'namesMap':
        resolved[key] = Object.fromEntries(Object.entries(config.names ?? {}).map(([id, list]) => [id, [...new Set(list)]]));
        break;
      default:
        resolved[key] = value ?? spec.default;
    }
  }
  return resolved as unknown as ResolvedConfig;
}
