/**
 * The four packages as a user gets them: `npm pack` each one, `npm install` the tarballs into a
 * fresh project (with the ESLint, parser and TypeScript versions the monorepo is tested with), then
 * run the installed `tenant-audit` bin and the installed ESLint plugin on a planted cross-tenant
 * gap. This catches what the workspace symlinks hide: a file left out of `files`, a dependency that
 * only resolves because the monorepo hoists it, a bin that is not executable. Needs the build
 * (`npm run build`) and the npm cache or registry; without either the tests are skipped, not failed.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['core', 'runtime', 'eslint-plugin', 'scanner'] as const;
const TIMEOUT = 240_000;

/**
 * What npm prints when it can reach neither the registry nor a cached copy: a reason to skip, not a
 * bug. `Found: <name>@undefined` is npm's ERESOLVE for a peer whose manifest it could not fetch (with
 * `--offline` and an empty cache the ENOTCACHED behind it is printed nowhere); a real conflict names a version.
 */
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ENOTCACHED|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|Found: \S+@undefined/;

/** The planted gap: a read by id only, of a model that has a tenant key. The line is asserted below. */
const ROUTE_FILE = 'src/routes.ts';
const ROUTE_SOURCE = `import express from 'express';
import { PrismaClient } from '@prisma/client';

const app = express();
const prisma = new PrismaClient();

app.get('/documents/:id', async (req, res) => res.json(await prisma.document.findUnique({ where: { id: req.params.id } })));

export default app;
`;
const GAP_LINE = ROUTE_SOURCE.split('\n').findIndex((line) => line.includes('findUnique')) + 1;
const SCHEMA = `model Document {
  id       String @id
  tenantId String
  title    String
}
`;

/** The version the monorepo's lockfile installed, so the fresh project tests what CI tests (and hits the warm cache). */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json; run npm ci at the repository root`);
  return version;
}

/**
 * The environment without what `npm test` sets for the monorepo's own run (workspace, prefix,
 * package fields): inherited, they would point the nested npm back at the repository.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|config_(workspaces?|include_workspace_root|local_prefix|prefix|global)$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT });
}

/**
 * The install's output and its debug log. npm reports a registry it cannot reach as ENOTFOUND only
 * when nothing else fails first: when a peer dependency cannot be fetched it prints a misleading
 * ERESOLVE (`Found: <peer>@undefined`) instead, and the network error is only in the log.
 */
function installOutput(r: SpawnSyncReturns<string>): string {
  const out = `${r.stdout}\n${r.stderr}`;
  const log = /complete log of this run can be found in:\s*(\S+)/.exec(out)?.[1];
  return log && existsSync(log) ? `${out}\n${readFileSync(log, 'utf8')}` : out;
}

function failure(what: string, r: SpawnSyncReturns<string>): Error {
  return new Error(`${what} failed (status ${r.status}, ${r.error?.message ?? 'no spawn error'}):\n${r.stdout}\n${r.stderr}`);
}

describe('the packed packages, installed into a fresh project', () => {
  const work = mkdtempSync(join(tmpdir(), 'ta-install-'));
  const tarballs = join(work, 'tarballs');
  const project = join(work, 'project');
  /** Set when npm could reach neither registry nor cache; every test then skips with it. */
  let offline: string | undefined;

  beforeAll(() => {
    for (const name of PACKAGES) {
      const dist = join(REPO, 'packages', name, 'dist');
      if (!existsSync(dist)) throw new Error(`${dist} is missing: build first (npm run build) so that npm pack has something to ship`);
    }
    mkdirSync(tarballs);
    const files: string[] = [];
    for (const name of PACKAGES) {
      const r = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs], join(REPO, 'packages', name));
      if (r.status !== 0) throw failure(`npm pack packages/${name}`, r);
      files.push(join(tarballs, (JSON.parse(r.stdout) as { filename: string }[])[0]!.filename));
    }

    mkdirSync(join(project, 'src'), { recursive: true });
    mkdirSync(join(project, 'prisma'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-user-project', version: '1.0.0', private: true, type: 'module' }, null, 2));
    writeFileSync(join(project, ROUTE_FILE), ROUTE_SOURCE);
    writeFileSync(join(project, 'prisma/schema.prisma'), SCHEMA);

    // TypeScript is a peer dependency; pinning it keeps npm from picking a newer, uncached release.
    const peers = ['eslint', '@typescript-eslint/parser', 'typescript'].map((name) => `${name}@${lockedVersion(name)}`);
    const r = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...files, ...peers], project);
    if (r.status !== 0) {
      const cause = OFFLINE.exec(installOutput(r))?.[0];
      if (cause) offline = `npm install reached neither the registry nor the cache (${cause})`;
      else throw failure('npm install of the tarballs', r);
    }
  }, TIMEOUT);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs every package with its LICENSE', (ctx) => {
    if (offline) ctx.skip(offline);
    for (const name of ['@tenant-audit/core', '@tenant-audit/runtime', 'eslint-plugin-tenant-isolation', 'tenant-audit']) {
      expect(existsSync(join(project, 'node_modules', name, 'LICENSE')), `${name}/LICENSE`).toBe(true);
    }
  });

  it('the installed tenant-audit bin reports the planted unscoped query', (ctx) => {
    if (offline) ctx.skip(offline);
    // `--no`: use the installed bin or fail, never fetch one from the registry.
    const r = run('npx', ['--no', 'tenant-audit', '.', '--format', 'json', '--no-progress'], project);
    if (r.status !== 1) throw failure('tenant-audit (expected exit 1: findings)', r);
    const report = JSON.parse(r.stdout) as { findings: { kind: string; file: string; line: number }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toContain(`unscoped-query ${ROUTE_FILE}:${GAP_LINE}`);
  });

  it('the installed ESLint plugin reports the same line', async (ctx) => {
    if (offline) ctx.skip(offline);
    // Both imported from the fresh project, so nothing resolves through the monorepo's node_modules.
    const from = (path: string) => import(pathToFileURL(join(project, 'node_modules', path)).href);
    const { ESLint } = (await from('eslint/lib/api.js')) as typeof import('eslint');
    const plugin = ((await from('eslint-plugin-tenant-isolation/dist/index.js')) as { default: { configs: Record<string, object> } }).default;
    const eslint = new ESLint({
      cwd: project,
      overrideConfigFile: true,
      overrideConfig: [{ ...plugin.configs['flat/recommended'], files: ['**/*.ts'] }],
      cache: false,
    });
    const [result] = await eslint.lintFiles([ROUTE_FILE]);
    const messages = result!.messages.map((m) => `${m.ruleId ?? 'fatal'}:${m.line}`);
    expect(messages).toContain(`tenant-isolation/no-context-free-data-access:${GAP_LINE}`);
  });
});
