/**
 * `--print-config`: the config a scan of these paths would use, as JSON, and where each key's value
 * came from (the default, the config file, a CLI flag or an environment variable). It resolves the
 * config exactly as the engine does (scan root → nearest config root → file), without scanning.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_KEYS, DEFAULT_CONFIG, loadConfig, type ConfigKey, type ResolvedConfig, type TenantAuditConfig } from '@tenant-audit/core';
import { FILE_BUDGET_ENV, fileTimeBudgetMs } from '../analysis/budget.js';
import { findConfigRoot } from '../program/config-root.js';
import { commonRoot, resolveTargets } from '../program/paths.js';
import type { CliOptions } from './options.js';

/** The default lists user lists are added to (core declares which); `tenantFields` is replaced instead. */
const EXTENDED_LISTS = new Set<keyof ResolvedConfig>(
  (Object.keys(CONFIG_KEYS) as ConfigKey[]).filter((key) => { const spec = CONFIG_KEYS[key]; return spec.kind === 'stringList' && spec.merge === 'extend'; }),
);

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Where one key's value came from, given what the file set. */
function sourceOf(key: keyof ResolvedConfig, user: TenantAuditConfig, file: string | undefined): string {
  if (file === undefined || user[key as keyof TenantAuditConfig] === undefined) return 'default';
  const defaultList = DEFAULT_CONFIG[key];
  if (EXTENDED_LISTS.has(key) && Array.isArray(defaultList) && defaultList.length > 0) return `default + ${file}`;
  return file;
}

export interface PrintedConfig {
  root: string;
  configFile: string | null;
  config: Record<string, unknown>;
  sources: Record<string, string>;
}

export function effectiveConfig(options: CliOptions, cwd: string, env: NodeJS.ProcessEnv): PrintedConfig {
  const root = commonRoot(resolveTargets(options.paths, cwd), isDir);
  const explicit = options.config === undefined ? undefined : resolve(cwd, options.config);
  const loaded = loadConfig(findConfigRoot(root), explicit);
  const file = loaded.source === undefined ? undefined : explicit ? `${loaded.source} (--config)` : loaded.source;
  const config: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const key of Object.keys(loaded.config) as (keyof ResolvedConfig)[]) {
    // undefined is a value here ("decided per program"): JSON would drop the key, null keeps it visible.
    config[key] = loaded.config[key] ?? null;
    sources[key] = sourceOf(key, loaded.user, file);
  }
  const budget = env[FILE_BUDGET_ENV];
  if (budget !== undefined && budget.trim() !== '') {
    config.fileTimeBudgetMs = fileTimeBudgetMs(loaded.config.fileTimeBudgetMs, env);
    sources.fileTimeBudgetMs = `environment variable ${FILE_BUDGET_ENV}`;
  }
  if (options.allowIncomplete) {
    config.allowIncomplete = true;
    sources.allowIncomplete = 'CLI flag --allow-incomplete';
  }
  return { root, configFile: loaded.source ?? null, config, sources };
}

export function printConfigText(options: CliOptions, cwd: string, env: NodeJS.ProcessEnv): string {
  return `${JSON.stringify(effectiveConfig(options, cwd, env), null, 2)}\n`;
}
