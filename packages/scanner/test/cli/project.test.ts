import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, ensureBuilt, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);

interface Report {
  findings: { file: string }[];
  errors: { file: string; message: string }[];
}

describe('--project', () => {
  it('lets the tsconfig decide which files make up the program', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'tsconfig.app.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, files: ['src/documents.ts', 'src/crypto.ts'] }));
    const run = runCli(['.', '--project', 'tsconfig.app.json', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.findings.map((f) => f.file).sort()).toEqual(['src/crypto.ts', 'src/documents.ts']);
  });

  it('a tsconfig that is not valid JSON is reported and the scan goes on', () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'broken.tsconfig.json'), '{ "compilerOptions": ');
    const run = runCli(['.', '--project', 'broken.tsconfig.json', '--format', 'json'], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.errors.some((e) => e.file === 'broken.tsconfig.json')).toBe(true);
  });
});
