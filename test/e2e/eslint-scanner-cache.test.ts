import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ESLint } from 'eslint';
import plugin from 'eslint-plugin-tenant-isolation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, runCli } from './support.js';

/**
 * With the scanner's cache present, the ESLint rules report what the scan reported in each file
 * (callers in other files included); once anything the scan read has changed, they judge each file on
 * its own again. Run on a copy of the sample app, so the cache and the edits are this test's own.
 */

interface Report {
  findings: { ruleId?: string; file: string; line: number; column: number }[];
}

let app: string;
let scanned: Report;

beforeAll(() => {
  app = mkdtempSync(join(tmpdir(), 'ta-eslint-cache-'));
  cpSync(join(APP, 'vulnerable'), app, { recursive: true, filter: (src) => !src.includes('.tenant-audit') });
  const run = runCli(['.', '--format', 'json'], app);
  expect(run.status).toBe(1);
  scanned = JSON.parse(run.stdout) as Report;
});
afterAll(() => rmSync(app, { recursive: true, force: true }));

async function lint(settings?: object): Promise<Map<string, string[]>> {
  const eslint = new ESLint({ cwd: app, overrideConfigFile: true, overrideConfig: [plugin.configs['flat/recommended'] as never, ...(settings ? [{ settings }] : [])] });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const out = new Map<string, string[]>();
  for (const r of results) {
    expect(r.messages.filter((m) => m.fatal)).toEqual([]);
    const found = r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`).sort();
    if (found.length > 0) out.set(r.filePath.slice(app.length + 1), found);
  }
  return out;
}

function scannerByFile(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of scanned.findings) {
    // Kinds no rule reports (network policies, RLS coverage) are the scanner's alone.
    if (!f.ruleId) continue;
    out.set(f.file, [...(out.get(f.file) ?? []), `${f.ruleId} ${f.line}:${f.column}`]);
  }
  for (const list of out.values()) list.sort();
  return out;
}

describe('ESLint with the scanner\'s cache', () => {
  it('reports per file exactly the scanner\'s findings of the rules\' kinds', async () => {
    const expected = scannerByFile();
    expect(expected.size).toBeGreaterThan(5);
    expect(await lint()).toEqual(expected);
  });

  it('differs from the one-file mode on this app (the cache is what made the difference)', async () => {
    expect(await lint({ tenantIsolationCache: false })).not.toEqual(scannerByFile());
  });

  it('an edited file is judged on its own at once; any edit retires the view for every file', async () => {
    const oneFile = await lint({ tenantIsolationCache: false });
    const edited = [...scannerByFile().keys()][0] as string;
    appendFileSync(join(app, edited), '\n// edited after the scan\n');
    const afterEdit = await lint();
    expect(afterEdit.get(edited)).toEqual(oneFile.get(edited));
    // Past the re-check interval of a long-lived process, the other files lose the view too.
    await sleep(2100);
    expect(await lint()).toEqual(oneFile);
  });
});
