import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/**
 * Where the scan may read: the top of the git work tree that holds the scan root (so a monorepo
 * package may link to a sibling package), else the scan root itself. The code comes from pull
 * requests nobody has reviewed; a link to `/etc/passwd` or to a folder elsewhere on the CI machine
 * must not be read, let alone quoted in a report's code frame.
 */
export interface ScanBoundary {
  /** Real path of the folder nothing outside of is read. */
  top: string;
  /** What `top` is, for messages. */
  kind: 'git work tree' | 'scan root';
  /** `--follow-external-symlinks`: every path counts as inside. */
  followExternal: boolean;
  /** True when the real location of `path` is inside `top` (or links are followed anywhere); false for a path that does not resolve. */
  contains(path: string): boolean;
  /** One line for `errors` about a path (a link, or a file a tsconfig names) that leaves the boundary. */
  refusal(path: string): string;
}

function isInside(top: string, real: string): boolean {
  return real === top || real.startsWith(top.endsWith(sep) ? top : top + sep);
}

function gitTop(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The link's own text (what the checkout says), or undefined for a path that is no link. */
function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

export function scanBoundary(root: string, followExternal: boolean): ScanBoundary {
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // A root that does not resolve holds nothing to read; keep it as given.
  }
  const git = gitTop(realRoot);
  const top = git ?? realRoot;
  const kind = git ? 'git work tree' : 'scan root';
  return {
    top,
    kind,
    followExternal,
    contains(path) {
      if (followExternal) return true;
      try {
        return isInside(top, realpathSync(path));
      } catch {
        return false;
      }
    },
    refusal(path) {
      const target = linkTarget(path);
      return target === undefined
        ? `outside the ${kind}, not read (--follow-external-symlinks reads it)`
        : `link to ${target} leaves the ${kind}, not followed (--follow-external-symlinks follows it)`;
    },
  };
}
