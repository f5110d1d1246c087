/**
 * Runs every ```ts block of packages/runtime/README.md as a module, with the package name pointed at
 * the sources, so the documented examples cannot drift from the real API. Each block asserts its own
 * outcomes with node:assert, so an isolation regression fails here too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { setPlatformAuditHook } from '../src/context/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
// Each ```ts block with the nearest heading above it, for readable test names.
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => {
  const headingsAbove = [...readme.slice(0, match.index).matchAll(/^#{2,3} (.+)$/gm)];
  return { code: match[1]!, heading: headingsAbove.at(-1)?.[1] ?? 'top' };
});

// Inside the test folder (not os.tmpdir) so that bare imports such as 'express' resolve from the repo.
const workDir = mkdtempSync(join(here, '.readme-run-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('README examples', () => {
  it('has an example for every part', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    expect(readme).toContain('## Server-enforced isolation');
    expect(readme).toContain('docs/servers.md');
  });

  blocks.forEach(({ code, heading }, index) => {
    it(`runs example ${index + 1} (${heading})`, async () => {
      const file = join(workDir, `example-${index + 1}.ts`);
      writeFileSync(file, code.replaceAll("'@tenant-audit/runtime'", "'../../src/index.js'"));
      // Examples print platform-access warnings by design; keep the test output quiet.
      const previous = setPlatformAuditHook(() => undefined);
      try {
        await import(pathToFileURL(file).href);
      } finally {
        setPlatformAuditHook(previous);
      }
    });
  });
});
