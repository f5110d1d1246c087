import { readFileSync } from 'node:fs';

/**
 * The package version, read from package.json next to dist/ so `--version`, the JSON report and the
 * SARIF driver can never disagree with what npm installed.
 */
export function toolVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

export const TOOL_NAME = 'tenant-audit';
