import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const APP = join(REPO, 'fixtures', 'ai-saas');
export const CLI = join(REPO, 'packages', 'scanner', 'bin', 'tenant-audit.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a real subprocess, the way CI runs it. */
export function runCli(args: string[], cwd = REPO): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ExpectedFinding {
  kind: string;
  severity: string;
  file: string;
  line: number;
}
