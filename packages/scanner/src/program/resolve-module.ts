import { dirname, resolve } from 'node:path';

const EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.d.ts'];

/** The part of a project's compiler options that maps bare specifiers to its own files. */
export interface PathMapping {
  /** Absolute folder `paths` targets are relative to (baseUrl, or the tsconfig's folder). */
  base: string | undefined;
  paths: Readonly<Record<string, readonly string[]>> | undefined;
  /** Absolute `baseUrl`, when set: bare specifiers may name files below it. */
  baseUrl: string | undefined;
}

function candidatesFor(base: string): string[] {
  const candidates: string[] = [base];
  const jsExt = /\.(m|c)?jsx?$/.exec(base);
  if (jsExt) {
    const stem = base.slice(0, -jsExt[0].length);
    const flavour = jsExt[1] ?? '';
    candidates.push(`${stem}.${flavour}ts`, `${stem}.${flavour}tsx`, `${stem}.tsx`, `${stem}.ts`, `${stem}.d.ts`);
  }
  for (const ext of EXTS) candidates.push(base + ext);
  for (const ext of EXTS) candidates.push(`${base}/index${ext}`);
  return candidates;
}

function firstKnown(base: string, known: ReadonlySet<string>): string | undefined {
  return candidatesFor(base).find((c) => known.has(c));
}

/**
 * Resolves a relative import specifier to one of the known files, the way NodeNext + TS do it:
 * `./x.js` may be `./x.ts`, `./x` may be `./x.ts` or `./x/index.ts`. Bare specifiers (packages) are
 * not followed: the scanner never reads node_modules.
 */
export function resolveRelative(fromFile: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return firstKnown(resolve(dirname(fromFile), specifier), known);
}

/** A bare specifier the project maps onto its own files (`@/lib/db` via tsconfig `paths`/`baseUrl`). */
export function resolveMapped(specifier: string, known: ReadonlySet<string>, mapping: PathMapping | undefined): string | undefined {
  if (!mapping || specifier.startsWith('.')) return undefined;
  for (const [pattern, targets] of Object.entries(mapping.paths ?? {})) {
    const star = pattern.indexOf('*');
    let captured: string | undefined;
    if (star < 0) captured = pattern === specifier ? '' : undefined;
    else {
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length) {
        captured = specifier.slice(prefix.length, specifier.length - suffix.length);
      }
    }
    if (captured === undefined || !mapping.base) continue;
    for (const target of targets) {
      const hit = firstKnown(resolve(mapping.base, target.replace('*', captured)), known);
      if (hit) return hit;
    }
  }
  return mapping.baseUrl ? firstKnown(resolve(mapping.baseUrl, specifier), known) : undefined;
}

/**
 * A workspace package of the scanned monorepo (`@acme/db` → packages/db): its sources, not its build
 * output. `@acme/db/sub` → packages/db/src/sub or packages/db/sub.
 */
export function resolveWorkspace(specifier: string, known: ReadonlySet<string>, packages: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!packages || packages.size === 0) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
  const dir = packages.get(name);
  if (!dir) return undefined;
  const sub = specifier.slice(name.length).replace(/^\//, '');
  const bases = sub ? [`${dir}/src/${sub}`, `${dir}/${sub}`] : [`${dir}/src/index`, `${dir}/index`, `${dir}/src/main`, `${dir}/lib/index`];
  for (const base of bases) {
    const hit = firstKnown(base, known);
    if (hit) return hit;
  }
  return undefined;
}

/** Relative, project-mapped or workspace-package specifier → a known file. */
export function resolveSpecifier(fromFile: string, specifier: string, known: ReadonlySet<string>, mapping: PathMapping | undefined,
  packages?: ReadonlyMap<string, string>): string | undefined {
  if (specifier.startsWith('.')) return resolveRelative(fromFile, specifier, known);
  return resolveMapped(specifier, known, mapping) ?? resolveWorkspace(specifier, known, packages);
}
