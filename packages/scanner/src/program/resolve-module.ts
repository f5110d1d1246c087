import { dirname, resolve } from 'node:path';

const EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.d.ts'];

/**
 * Resolves a relative import specifier to one of the known files, the way NodeNext + TS do it:
 * `./x.js` may be `./x.ts`, `./x` may be `./x.ts` or `./x/index.ts`. Bare specifiers (packages) are
 * not followed: the scanner never reads node_modules.
 */
export function resolveRelative(fromFile: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates: string[] = [base];
  const jsExt = /\.(m|c)?jsx?$/.exec(base);
  if (jsExt) {
    const stem = base.slice(0, -jsExt[0].length);
    const flavour = jsExt[1] ?? '';
    candidates.push(`${stem}.${flavour}ts`, `${stem}.${flavour}tsx`, `${stem}.tsx`, `${stem}.ts`, `${stem}.d.ts`);
  }
  for (const ext of EXTS) candidates.push(base + ext);
  for (const ext of EXTS) candidates.push(`${base}/index${ext}`);
  return candidates.find((c) => known.has(c));
}
