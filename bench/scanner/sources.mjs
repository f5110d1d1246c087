import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', 'dist', 'build', 'coverage', '.git']);

/** Every .ts/.tsx/.mts/.cts (and JS) source under dir, skipping dependencies and build output. */
export function listSources(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(m|c)?(t|j)sx?$/.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
