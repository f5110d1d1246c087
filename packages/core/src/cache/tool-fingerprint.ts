import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash } from './hash.js';

const memo = new Map<string, string>();

function scriptsUnder(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) scriptsUnder(path, out);
    else if (e.isFile() && /\.([cm]?js|[cm]?ts)$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) out.push(path);
  }
}

/**
 * What identifies the analysing code: the built scripts of core and of the front end asking (its
 * `dist` folder), and the compiler version. A cache entry written by any other build, an upgrade or a
 * local rebuild alike, has another fingerprint and is never read. The version number alone would not
 * do: a rebuilt checkout keeps it while its verdicts change.
 */
export function toolFingerprint(frontEndDir: string, compilerVersion: string): string {
  const coreDir = fileURLToPath(new URL('..', import.meta.url));
  const key = `${coreDir}\0${frontEndDir}\0${compilerVersion}`;
  const known = memo.get(key);
  if (known) return known;
  const files: string[] = [];
  scriptsUnder(coreDir, files);
  scriptsUnder(frontEndDir, files);
  files.sort();
  const parts = files.map((f) => `${f.slice(f.lastIndexOf('dist'))}:${contentHash(readFileSync(f))}`);
  const fingerprint = contentHash(`${compilerVersion}\n${parts.join('\n')}`);
  memo.set(key, fingerprint);
  return fingerprint;
}
