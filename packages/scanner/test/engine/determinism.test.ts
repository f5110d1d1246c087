import { describe, expect, it } from 'vitest';
import { mkdtempSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../../src/index.js';
import { fixture, scanFixture } from './helpers.js';

const stable = (r: Awaited<ReturnType<typeof scan>>): string => JSON.stringify({ ...r, durationMs: 0 });

describe('determinism', () => {
  it('scanning twice gives identical JSON', async () => {
    for (const name of ['flow/body-tenant', 'entrypoints', 'missing-network-policy/flagged']) {
      expect(stable(await scanFixture(name))).toBe(stable(await scanFixture(name)));
    }
  });

  it('fingerprints survive unrelated lines moving, and tell identical statements apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-fp-'));
    cpSync(fixture('unscoped-query/flagged'), dir, { recursive: true });
    const before = await scan({ paths: [dir] });
    const file = join(dir, 'src/documents.ts');
    writeFileSync(file, `// a new header comment\n\n${readFileSync(file, 'utf8')}`);
    const after = await scan({ paths: [dir] });
    expect(after.findings.map((f) => f.line)).toEqual(before.findings.map((f) => f.line + 2));
    expect(after.findings.map((f) => f.fingerprint)).toEqual(before.findings.map((f) => f.fingerprint));
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport async function deleteAgain(id: string) {\n  await prisma.document.delete({ where: { id } });\n  await prisma.document.delete({ where: { id } });\n}\n`);
    const twice = await scan({ paths: [dir] });
    expect(new Set(twice.findings.map((f) => f.fingerprint)).size).toBe(twice.findings.length);
  });

  it('orders findings by severity, then file, then line', async () => {
    const { findings } = await scanFixture('flow/body-tenant');
    expect(findings.map((f) => `${f.severity} ${f.line}`)).toEqual(['P0 4', 'P0 8', 'P1 7']);
  });
});
