import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, tempProject } from './helpers/cli.js';

const PROJECT = {
  'tenant-audit.config.json': '{}\n',
  'prisma/schema.prisma': 'model Document {\n  id String @id\n  tenantId String\n}\n',
  'src/routes.ts': [
    "import express from 'express';",
    "import { PrismaClient } from '@prisma/client';",
    'const prisma = new PrismaClient();',
    'const app = express();',
    "app.get('/documents/:id', async (req, res) => { res.json(await prisma.document.findUnique({ where: { id: req.params.id } })); });",
    '',
  ].join('\n'),
};

const dirs: string[] = [];
beforeAll(() => ensureBuilt());
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const dir = tempProject(PROJECT);
  dirs.push(dir);
  return dir;
}

function report(stdout: string): { findings: { kind: string; file: string }[] } {
  return JSON.parse(stdout) as { findings: { kind: string; file: string }[] };
}

describe('--cache-location / --no-cache', () => {
  it('keeps its cache in .tenant-audit/cache where the config applies, with the lint view for ESLint', () => {
    const dir = project();
    const first = runCli(['src', '--format', 'json'], { cwd: dir });
    expect(first.code).toBe(1);
    const cache = join(dir, '.tenant-audit/cache');
    const view = JSON.parse(readFileSync(join(cache, 'lint-view.json'), 'utf8')) as { root: string; files: Record<string, unknown>; findings: unknown[] };
    expect(Object.keys(view.files)).toEqual(['routes.ts']);
    expect(view.findings).toEqual([expect.objectContaining({ kind: 'unscoped-query', file: 'routes.ts', line: 5 })]);
    // The second run answers from the cache, with the same report.
    const second = runCli(['src', '--format', 'json'], { cwd: dir });
    expect(second.code).toBe(1);
    expect(report(second.stdout).findings).toEqual(report(first.stdout).findings);
  });

  it('--cache-location puts it elsewhere (relative to the working folder); --no-cache writes nothing', () => {
    const dir = project();
    expect(runCli(['.', '--format', 'json', '--cache-location', 'elsewhere/cache'], { cwd: dir }).code).toBe(1);
    expect(existsSync(join(dir, 'elsewhere/cache/lint-view.json'))).toBe(true);
    expect(existsSync(join(dir, '.tenant-audit'))).toBe(false);
    const bare = project();
    const run = runCli(['.', '--format', 'json', '--no-cache'], { cwd: bare });
    expect(run.code).toBe(1);
    expect(report(run.stdout).findings.map((f) => f.kind)).toEqual(['unscoped-query']);
    expect(existsSync(join(bare, '.tenant-audit'))).toBe(false);
  });

  it('refuses both at once, and an empty location, with a one-line usage error (exit 2)', () => {
    const dir = project();
    const both = runCli(['.', '--no-cache', '--cache-location', 'x'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
    expect(both.stderr).toMatch(/--cache-location and --no-cache cannot be combined/);
    const empty = runCli(['.', '--cache-location', ' '], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--cache-location needs a non-empty file name/);
  });

  it('a cache location that cannot be written warns once and the scan still reports', () => {
    const dir = project();
    const run = runCli(['.', '--format', 'json', '--cache-location', 'tenant-audit.config.json/cache'], { cwd: dir });
    expect(run.code).toBe(1);
    const parsed = JSON.parse(run.stdout) as { findings: unknown[]; errors: { message: string }[] };
    expect(parsed.findings).toHaveLength(1);
    expect(parsed.errors.filter((e) => /cache not written/.test(e.message))).toHaveLength(1);
  });
});
