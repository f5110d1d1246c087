import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

/** One scan path after resolution: a folder, a file, or a glob with the folder it starts from. */
export interface ScanTarget {
  /** Absolute folder or file the walk starts from. */
  base: string;
  /** For globs: matcher on absolute paths (with `/`). */
  match?: (absPath: string) => boolean;
  isGlob: boolean;
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Path relative to root with `/` separators. */
export function relativePosix(root: string, abs: string): string {
  return toPosix(relative(root, abs));
}

/**
 * Resolves the user's paths. A missing path is a usage error (thrown), a glob that matches nothing is
 * not: an empty result is a fact about the code base, not a typo the tool can detect.
 */
export function resolveTargets(paths: readonly string[], cwd: string): ScanTarget[] {
  return (paths.length > 0 ? paths : ['.']).map((p) => {
    const scanned = picomatch.scan(p);
    if (scanned.isGlob) {
      const base = resolve(cwd, scanned.base || '.');
      const pattern = toPosix(resolve(cwd, p));
      const isMatch = picomatch(pattern, { dot: true });
      return { base, match: (abs: string) => isMatch(toPosix(abs)), isGlob: true };
    }
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    if (!existsSync(abs)) throw new Error(`path not found: ${p}`);
    return { base: abs, isGlob: false };
  });
}

/** The deepest folder that contains every target. */
export function commonRoot(targets: readonly ScanTarget[], isDir: (p: string) => boolean): string {
  const dirs = targets.map((t) => (isDir(t.base) ? t.base : dirname(t.base)));
  let root = dirs[0] ?? process.cwd();
  for (const d of dirs.slice(1)) {
    while (!(d === root || d.startsWith(root.endsWith(sep) ? root : root + sep))) {
      const up = dirname(root);
      if (up === root) break;
      root = up;
    }
  }
  return root;
}
