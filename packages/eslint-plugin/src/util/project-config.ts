import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, validateConfig, type TenantAuditConfig } from '@tenant-audit/core';

/**
 * The project's own `tenant-audit.config.json` (nearest one above the linted file, not past the
 * repository root), so the rules and the scanner read the same config. Cached per folder: an editor
 * lints the same folders over and over.
 */
const byDir = new Map<string, { text: string; config: TenantAuditConfig } | null>();

export function projectConfigFor(startDir: string): { text: string; config: TenantAuditConfig } | undefined {
  const visited: string[] = [];
  let dir = startDir;
  let found: { text: string; config: TenantAuditConfig } | null = null;
  for (;;) {
    const hit = byDir.get(dir);
    if (hit !== undefined) {
      found = hit;
      break;
    }
    visited.push(dir);
    const file = join(dir, CONFIG_FILE_NAME);
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      let raw: unknown;
      try {
        raw = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (error) {
        throw new Error(`[eslint-plugin-tenant-isolation] ${file}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      try {
        found = { text, config: validateConfig(raw, file) };
      } catch (error) {
        if (error instanceof ConfigError) throw new Error(`[eslint-plugin-tenant-isolation] ${error.message}`, { cause: error });
        throw error;
      }
      break;
    }
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, '.git'))) break;
    dir = parent;
  }
  for (const d of visited) byDir.set(d, found);
  return found ?? undefined;
}
