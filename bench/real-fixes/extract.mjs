/**
 * Writes the files the scanner reads (sources, schemas, SQL, tsconfig/package.json, YAML, .gitignore)
 * of one commit of a bare snapshot into a folder. Not `git archive`: snapshots lack blobs of 4 MiB and
 * more, and an archive of a tree with a missing blob stops half-way. Nothing is checked out, no hook
 * or filter runs, symlinks are not recreated.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const WANTED = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|prisma|sql|ya?ml|json)$|(^|\/)\.gitignore$/;
const MAX_BYTES = 2 * 1024 * 1024;

export function extractTree(gitDir, sha, into) {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-l', '-z', sha], { maxBuffer: 512 * 1024 * 1024 });
  const entries = [];
  for (const rec of listing.toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, object, size] = rec.slice(0, tab).split(/\s+/);
    const path = rec.slice(tab + 1);
    if (type !== 'blob' || mode === '120000' || !WANTED.test(path) || Number(size) > MAX_BYTES) continue;
    if (path.split('/').some((seg) => seg === '..' || seg === 'node_modules')) continue;
    entries.push({ object, path });
  }
  if (entries.length === 0) return 0;
  const batch = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'],
    { input: `${entries.map((e) => e.object).join('\n')}\n`, maxBuffer: 2048 * 1024 * 1024 });
  let at = 0;
  let written = 0;
  for (const e of entries) {
    const nl = batch.indexOf(10, at);
    const header = batch.toString('utf8', at, nl).split(' ');
    at = nl + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    const body = batch.subarray(at, at + size);
    at += size + 1;
    const target = join(into, e.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
    written++;
  }
  return written;
}
