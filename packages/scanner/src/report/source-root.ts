import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * GitHub (code scanning, annotations) resolves paths against the repository root. When the scan root
 * is a sub-folder of a git work tree (a monorepo package), the base is the work tree's top and every
 * path gets the sub-folder as prefix; outside git the base is the scan root itself.
 */
export function sourceRoot(root: string): { base: string; prefix: string } {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) {
      const rel = relative(dir, root).split(sep).join('/');
      return { base: dir, prefix: rel ? `${rel}/` : '' };
    }
    if (dirname(dir) === dir) return { base: root, prefix: '' };
  }
}
