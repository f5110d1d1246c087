import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import type { ResolvedConfig, TenantAuditConfig } from './types.js';
import { resolveConfig, validateConfig } from './validate.js';

export const CONFIG_FILE_NAME = 'tenant-audit.config.json';

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The file the config came from; undefined when only defaults apply. */
  source: string | undefined;
  /** The keys the file set, validated, before defaults (`--print-config` tells them from defaults). */
  user: TenantAuditConfig;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`invalid JSON (${reason})`, { file });
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`cannot read config file (${code})`, { file });
  }
}

/** Reads and validates one explicit config file (`--config FILE`): JSON only, never executed. */
export function loadConfigFile(file: string): LoadedConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigError('config file not found', { file: path });
  if (statSync(path).isDirectory()) throw new ConfigError('config path is a directory, expected a JSON file', { file: path });
  const raw = parseJson(readText(path), path);
  const user = path.endsWith('package.json') ? extractPackageSection(raw, path) : validateConfig(raw, path);
  return { config: resolveConfig(user), source: path, user };
}

function extractPackageSection(raw: unknown, file: string): TenantAuditConfig {
  const section = (raw as { tenantAudit?: unknown } | null)?.tenantAudit;
  return section === undefined ? {} : validateConfig(section, `${file}#tenantAudit`);
}

/**
 * Finds the config for a scan root: `tenant-audit.config.json` there, else `package.json#tenantAudit`,
 * else the defaults. An explicit file wins over both.
 */
export function loadConfig(root: string, explicitFile?: string): LoadedConfig {
  if (explicitFile) return loadConfigFile(explicitFile);
  const dedicated = join(root, CONFIG_FILE_NAME);
  if (existsSync(dedicated)) return loadConfigFile(dedicated);
  const pkg = join(root, 'package.json');
  if (existsSync(pkg)) {
    const raw = parseJson(readText(pkg), pkg);
    if ((raw as { tenantAudit?: unknown } | null)?.tenantAudit !== undefined) {
      const user = extractPackageSection(raw, pkg);
      return { config: resolveConfig(user), source: `${pkg}#tenantAudit`, user };
    }
  }
  return { config: resolveConfig(), source: undefined, user: {} };
}
