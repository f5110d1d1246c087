import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SourceText } from './readers.js';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.turbo', 'out']);
const MAX_ENTRIES = 20_000;

const ROOT_MARKERS = ['tenant-audit.config.json', 'package.json', 'tsconfig.json', '.git'];

/**
 * The nearest folder above `start` that looks like a project root: it has our config, a
 * package.json, a tsconfig.json or .git. The nearest wins, so an app inside a monorepo reads its own
 * schema, not every schema of the repository.
 */
export function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (ROOT_MARKERS.some((marker) => existsSync(join(dir, marker)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/**
 * Schema files below `root`: Prisma schemas and SQL migrations. Bounded (entries and depth) and
 * symlink-safe, because an editor calls it on every project it opens.
 */
export function discoverSchemaFiles(root: string, maxDepth = 6): SourceText[] {
  const found: SourceText[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > maxDepth || seen > MAX_ENTRIES) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path, depth + 1);
      } else if (entry.isFile() && (entry.name.endsWith('.prisma') || (entry.name.endsWith('.sql') && /migrat|schema|sql|db/i.test(path)))) {
        try {
          if (statSync(path).size < 2_000_000) found.push({ path, text: readFileSync(path, 'utf8') });
        } catch {
          // Unreadable schema files are skipped: the model then stays unknown, which is not a crash.
        }
      }
    }
  };
  walk(root, 0);
  return found;
}
