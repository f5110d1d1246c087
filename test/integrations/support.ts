/**
 * What the integration tests share: the repository's integration files, the built CLI installed as a
 * `tenant-audit` command in a throw-away bin folder (as npm or pre-commit would put it on PATH),
 * fixtures copied into temp folders, and a clean environment for subprocesses.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(REPO, 'packages', 'scanner', 'bin', 'tenant-audit.js');
export const SCANNER_VERSION = (JSON.parse(readFileSync(join(REPO, 'packages', 'scanner', 'package.json'), 'utf8')) as { version: string }).version;
/** The scanner's CLI fixture: P0 unscoped-query (documents.ts), P1 cache, P2 crypto, a file that does not parse, a clean file. */
export const GAP_FIXTURE = join(REPO, 'packages', 'scanner', 'test', 'cli-fixtures', 'basic');

export function readRepoFile(path: string): string {
  return readFileSync(join(REPO, path), 'utf8');
}

export function readYaml<T>(path: string): T {
  return parse(readRepoFile(path)) as T;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `ta-${prefix}-`));
}

/** Copies `files` (paths relative to GAP_FIXTURE) into `dir`, keeping their folders. */
export function copyFromFixture(dir: string, files: readonly string[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(GAP_FIXTURE, file), join(dir, file));
  }
}

/** A folder holding an executable shell script `name`. */
export function scriptBin(name: string, body: string): string {
  const dir = tempDir('bin');
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
  return dir;
}

/** A folder whose `tenant-audit` is the repository's built CLI, as `npm install` links a bin. */
export function cliBin(): string {
  const dir = tempDir('bin');
  symlinkSync(BIN, join(dir, 'tenant-audit'));
  return dir;
}

/**
 * PATH with only `binDirs`, node and the system folders: no tenant-audit or npx from the developer's
 * machine or from the repository's node_modules/.bin (which vitest puts on PATH) can answer.
 */
export function isolatedPath(...binDirs: string[]): string {
  return [...binDirs, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
}

/**
 * The test process's environment without what would change a run: CI variables of a GitHub job the
 * suite itself may run in, colour and debug switches.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GITHUB_|INPUT_|RUNNER_|CI_|TENANT_AUDIT_|GIT_)/.test(key) || key === 'FORCE_COLOR') continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  const result = run('git', args, cwd, cleanEnv({}));
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** `git init` with a local identity, so commits work on a machine without a global one. */
export function initRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'tenant-audit test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
}
