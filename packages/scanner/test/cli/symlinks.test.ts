// The CLI passes --follow-external-symlinks to the engine; without it a link out of the root is a warning only.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, tempProject } from './helpers/cli.js';

const UNSCOPED = 'declare const prisma: any;\nexport async function load(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\n';

beforeAll(ensureBuilt);

describe('--follow-external-symlinks', () => {
  it('off: the link is one warning and the exit code is untouched; on: the linked file is scanned', () => {
    const dir = tempProject({ 'schema.prisma': 'model Document {\n  id String @id\n  tenantId String\n}\n', 'src/add.ts': 'export const add = 1;\n' });
    const outside = mkdtempSync(join(tmpdir(), 'ta-cli-outside-'));
    writeFileSync(join(outside, 'leak.ts'), UNSCOPED);
    symlinkSync(join(outside, 'leak.ts'), join(dir, 'src/leak.ts'));

    const off = runCli([dir, '--no-progress']);
    expect(off.code).toBe(0);
    expect(off.stderr).toBe(`tenant-audit: warning: src/leak.ts: link to ${join(outside, 'leak.ts')} leaves the scan root, not followed (--follow-external-symlinks follows it)\n`);
    expect(off.stdout).not.toContain('findUnique');

    const on = runCli([dir, '--no-progress', '--follow-external-symlinks']);
    expect(on.code).toBe(1);
    expect(on.stderr).toBe('');
    expect(on.stdout).toMatch(/^ {4}P0 unscoped-query {2}src\/leak\.ts:3:10 in load$/m);
  });
});
