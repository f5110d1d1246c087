import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const TIME = '/usr/bin/time';
export const HAS_TIME = existsSync(TIME) && spawnSync(TIME, ['-v', 'true']).status === 0;

/**
 * Runs `node <args>` as a child and returns wall time and peak RSS. Peak RSS comes from GNU time's
 * `-v` report when it exists, else from a preloaded hook that writes the child's own
 * `process.resourceUsage().maxRSS` at exit.
 */
export function measureNode(args, { cwd, allowFail = false } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'ta-bench-m-'));
  const rssFile = join(scratch, 'rss');
  const env = { ...process.env, FORCE_COLOR: '0' };
  let command = process.execPath;
  let argv = args;
  if (HAS_TIME) {
    command = TIME;
    argv = ['-v', process.execPath, ...args];
  } else {
    env.BENCH_RSS_FILE = rssFile;
    argv = ['--import', new URL('rss-hook.mjs', import.meta.url).href, ...args];
  }
  const started = performance.now();
  const run = spawnSync(command, argv, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.status !== 0 && !allowFail) {
    throw new Error(`${args.join(' ')} exited ${run.status}: ${(run.stderr ?? '').split('\n').slice(-15).join('\n')}`);
  }
  let rssKb = NaN;
  if (HAS_TIME) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
    if (m) rssKb = Number(m[1]);
  } else if (existsSync(rssFile)) {
    rssKb = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
  }
  rmSync(scratch, { recursive: true, force: true });
  return { ms, rssMb: rssKb / 1024, status: run.status, stdout: run.stdout };
}

export const SCRIPTS = {
  parseOnly: join(here, 'parse-only.mjs'),
  tsmorph: join(here, 'tsmorph-load.mjs'),
};
