import { dirname } from 'node:path';
import { readText } from './read.js';

/** Package name → folder for every package.json under the scan paths (node_modules is never walked). */
export function workspacePackages(packageJsons: readonly string[]): Map<string, string> {
  const packages = new Map<string, string>();
  for (const path of packageJsons) {
    const read = readText(path);
    if (!read.ok) continue;
    try {
      const name = (JSON.parse(read.text) as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name && !packages.has(name)) packages.set(name, dirname(path));
    } catch {
      // A broken package.json says nothing about imports; config loading reports it when it matters.
    }
  }
  return packages;
}
