import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, ConfigError } from '@tenant-audit/core';
import type { ScanBoundary } from './boundary.js';

/** Whether the folder's package.json has a `tenantAudit` section (a broken one reads as none). */
export function hasPackageSection(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { tenantAudit?: unknown } | null)?.tenantAudit !== undefined;
  } catch {
    return false; // core's loader reports a broken package.json when it is the one it reads
  }
}

/**
 * The folder whose config applies to a scan root: the root itself, or the nearest parent with a
 * `tenant-audit.config.json` / `package.json#tenantAudit`, not climbing past a repository root.
 * (`tenant-audit src` from a project folder should still use the project's config.)
 */
export function findConfigRoot(root: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE_NAME)) || hasPackageSection(dir)) return dir;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return root;
  }
}

/**
 * The config found next to the code is as untrusted as the code: a `tenant-audit.config.json` or
 * `package.json` that links out of the boundary is refused (exit 2) instead of read, since a JSON
 * parse error would quote the start of whatever it points at. `--config FILE` is the user's own choice.
 */
export function refuseConfigLinks(configRoot: string, boundary: ScanBoundary): void {
  for (const name of [CONFIG_FILE_NAME, 'package.json']) {
    const path = join(configRoot, name);
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      continue; // absent
    }
    if (link && existsSync(path) && !boundary.contains(path)) throw new ConfigError(boundary.refusal(path), { file: path });
  }
}
