import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { fixture } from './helpers.js';

describe('test files', () => {
  it('are left out by default and scanned with includeTests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-tests-'));
    cpSync(fixture('test-files'), dir, { recursive: true });
    const byDefault = await scan({ paths: [dir] });
    expect(byDefault.findings.map((f) => f.file)).toEqual(['src/documents.ts']);
    writeFileSync(join(dir, 'tenant-audit.config.json'), JSON.stringify({ includeTests: true }));
    const withTests = await scan({ paths: [dir] });
    expect(withTests.findings.map((f) => f.file).sort()).toEqual(['src/documents.test.ts', 'src/documents.ts']);
  });
});
