import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, ensureBuilt, runCli, tempProject } from './helpers/cli.js';

beforeAll(ensureBuilt);

// util-linux `script` gives the CLI a pseudo-terminal, the only place progress may appear.
const hasScript = existsSync('/usr/bin/script');

/** Runs the CLI on a pty; stdout and stderr both arrive in the returned text. */
function onTty(args: string[], env: Record<string, string> = {}): string {
  const command = ['node', CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  try {
    return execFileSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

describe('progress', () => {
  it('never appears when stderr is not a TTY (CI, pipes)', () => {
    const run = runCli([join(FIXTURES, 'basic')]);
    expect(run.stderr).not.toContain('analysing');
    expect(run.stderr).not.toContain('loading the program');
  });

  it.skipIf(!hasScript)('appears on a TTY, and --no-progress / --quiet turn it off', () => {
    expect(onTty([join(FIXTURES, 'basic')])).toMatch(/tenant-audit: analysing \d+\/\d+ files/);
    expect(onTty([join(FIXTURES, 'basic'), '--no-progress'])).not.toContain('analysing');
    expect(onTty([join(FIXTURES, 'basic'), '--quiet'])).not.toContain('analysing');
  });

  it.skipIf(!hasScript)('never gets into a JSON or SARIF report written on a TTY', () => {
    const dir = tempProject({});
    for (const format of ['json', 'sarif']) {
      const out = join(dir, `report.${format}`);
      const terminal = onTty([join(FIXTURES, 'basic'), '--format', format, '--output', out]);
      expect(terminal).toContain('analysing');
      const text = readFileSync(out, 'utf8');
      expect(text).not.toContain('analysing');
      expect(text.startsWith('{')).toBe(true);
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    }
  });

  it.skipIf(!hasScript)('colours pretty output on a TTY unless NO_COLOR is set', () => {
    expect(onTty([join(FIXTURES, 'basic'), '--no-progress'], { FORCE_COLOR: '' })).toMatch(/\x1b\[3\dm/);
    expect(onTty([join(FIXTURES, 'basic'), '--no-progress'], { NO_COLOR: '1', FORCE_COLOR: '' })).not.toMatch(/\x1b\[3\dm/);
  });
});
