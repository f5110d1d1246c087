/**
 * Runs the built CLI as a real subprocess (`node dist/cli.js …`), the way users and CI do. The
 * suites need `npx tsc -b packages/core packages/scanner` first; `ensureBuilt` does it once when
 * dist is missing (root `npm test` builds before vitest anyway).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '../../../../..');
export const SCANNER = resolve(REPO, 'packages/scanner');
export const CLI = join(SCANNER, 'dist/cli.js');
export const STUB_CLI = join(here, 'stub-cli.mjs');
export const FIXTURES = join(SCANNER, 'test/cli-fixtures');
export const SCHEMA_DIR = join(SCANNER, 'schema');

export function ensureBuilt(): void {
  if (existsSync(CLI) && existsSync(join(SCANNER, 'dist/index.js'))) return;
  execFileSync('npx', ['tsc', '-b', 'packages/core', 'packages/scanner'], { cwd: REPO, stdio: 'inherit' });
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

function runScript(script: string, args: readonly string[], options: RunOptions): Run {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: '0', TENANT_AUDIT_DEBUG: undefined, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const run = spawnSync(process.execPath, [script, ...args], { cwd: options.cwd ?? REPO, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The real bin with the real engine. */
export function runCli(args: readonly string[], options: RunOptions = {}): Run {
  return runScript(CLI, args, options);
}

/** The real CLI with the test stub engine (deterministic traces, errors, thrown failures). */
export function runStubCli(args: readonly string[], options: RunOptions = {}): Run {
  return runScript(STUB_CLI, args, options);
}

/** A fresh temp folder holding `files` (relative path → text). */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ta-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A temp copy of a folder under test/cli-fixtures, free to edit. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ta-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

export function initRepo(cwd: string): void {
  git(cwd, 'init', '-q', '-b', 'main');
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', 'initial');
}
