/**
 * The release flow: the changesets config versions the four packages together, moves the pinned core
 * dependency with them and writes each package's changelog; every pending changeset names only
 * packages of this repository. Run on a copy of the manifests, so the repository is not touched.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..');
const PACKAGES = ['core', 'eslint-plugin', 'runtime', 'scanner'];
const CHANGESET_BIN = join(REPO, 'node_modules/@changesets/cli/bin.js');

interface Manifest { name: string; version: string; dependencies?: Record<string, string> }
const manifest = (dir: string, pkg: string): Manifest => JSON.parse(readFileSync(join(dir, 'packages', pkg, 'package.json'), 'utf8')) as Manifest;

/** A copy of the root manifest, the changesets folder and each package's manifest. */
function copyOfManifests(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ta-release-'));
  cpSync(join(REPO, 'package.json'), join(dir, 'package.json'));
  cpSync(join(REPO, '.changeset'), join(dir, '.changeset'), { recursive: true });
  for (const pkg of PACKAGES) {
    mkdirSync(join(dir, 'packages', pkg), { recursive: true });
    cpSync(join(REPO, 'packages', pkg, 'package.json'), join(dir, 'packages', pkg, 'package.json'));
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

describe('release flow (changesets)', () => {
  it('a patch changeset on the runtime alone bumps all four packages together, moves the pinned core and writes every changelog', () => {
    const dir = copyOfManifests();
    // Only this changeset: the outcome must not depend on which ones are pending in the repository.
    for (const f of readdirSync(join(dir, '.changeset'))) if (f.endsWith('.md') && f !== 'README.md') execFileSync('rm', [join(dir, '.changeset', f)]);
    writeFileSync(join(dir, '.changeset/test-entry.md'), '---\n"@tenant-audit/runtime": patch\n---\n\nThe session store refuses an empty tenant id.\n');
    const before = manifest(dir, 'runtime').version;
    execFileSync(process.execPath, [CHANGESET_BIN, 'version'], { cwd: dir, stdio: 'pipe', env: { ...process.env, CI: 'true' } });
    const [major, minor, patch] = before.split('.').map(Number);
    const next = `${major}.${minor}.${(patch ?? 0) + 1}`;
    for (const pkg of PACKAGES) expect(manifest(dir, pkg).version).toBe(next);
    expect(manifest(dir, 'scanner').dependencies?.['@tenant-audit/core']).toBe(next);
    expect(manifest(dir, 'eslint-plugin').dependencies?.['@tenant-audit/core']).toBe(next);
    expect(readFileSync(join(dir, 'packages/runtime/CHANGELOG.md'), 'utf8')).toContain(`## ${next}`);
    expect(readFileSync(join(dir, 'packages/runtime/CHANGELOG.md'), 'utf8')).toContain('The session store refuses an empty tenant id.');
    expect(readFileSync(join(dir, 'packages/scanner/CHANGELOG.md'), 'utf8')).toContain(`## ${next}`);
    // The changeset is consumed.
    expect(readdirSync(join(dir, '.changeset')).filter((f) => f === 'test-entry.md')).toEqual([]);
  });

  it('every pending changeset names only this repository\'s packages, with a bump type and an entry', () => {
    const names = new Set(PACKAGES.map((p) => manifest(REPO, p).name));
    const pending = readdirSync(join(REPO, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    for (const file of pending) {
      const text = readFileSync(join(REPO, '.changeset', file), 'utf8');
      const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
      const entries = front.split('\n').filter(Boolean).map((line) => /^"([^"]+)": (patch|minor|major)$/.exec(line));
      expect(entries.length, file).toBeGreaterThan(0);
      for (const e of entries) {
        expect(e, `${file}: a "package": patch|minor|major line`).not.toBeNull();
        expect(names.has(e?.[1] ?? ''), `${file} names ${e?.[1]}`).toBe(true);
      }
      expect(body.trim().length, `${file} has a changelog entry`).toBeGreaterThan(20);
    }
  });

  it('the config publishes the scoped packages publicly and versions the four together', () => {
    const config = JSON.parse(readFileSync(join(REPO, '.changeset/config.json'), 'utf8')) as { access: string; fixed: string[][]; baseBranch: string };
    expect(config.access).toBe('public');
    expect(config.baseBranch).toBe('main');
    expect([...(config.fixed[0] ?? [])].sort()).toEqual(PACKAGES.map((p) => manifest(REPO, p).name).sort());
  });
});
