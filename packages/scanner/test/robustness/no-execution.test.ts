/**
 * The scanner reads code, it never runs it: every file here would write a marker file at load time
 * if anything imported, required or evaluated it — TypeScript, JavaScript (ESM and CommonJS), a
 * `tenant-audit.config.js` next to the JSON config (config is JSON only: the .js one is ignored),
 * a tsconfig-adjacent `.ts` config and a package.json `postinstall`. After a real CLI scan, no
 * marker exists and the JSON config was applied.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, tempProject } from '../cli/helpers/cli.js';

function writer(marker: string, esm: boolean): string {
  const load = esm ? "import { writeFileSync } from 'node:fs';" : "const { writeFileSync } = require('node:fs');";
  return `${load}\nwriteFileSync(${JSON.stringify(marker)}, 'executed');\n`;
}

describe('the scanner never executes scanned code', () => {
  it('no marker appears after a scan; the JSON config applies and the .js config is ignored', () => {
    ensureBuilt();
    const dir = tempProject({});
    const marker = (name: string): string => join(dir, `MARKER-${name}`);
    const files: Record<string, string> = {
      'src/top-level.ts': `${writer(marker('ts'), true)}declare const prisma: any;\nexport const load = (id: string) => prisma.document.findUnique({ where: { id } });\n`,
      'src/top-level.js': writer(marker('js'), true),
      'src/top-level.mjs': writer(marker('mjs'), true),
      'src/top-level.cjs': writer(marker('cjs'), false),
      'src/view.tsx': `${writer(marker('tsx'), true)}export const V = () => <div />;\n`,
      'tenant-audit.config.js': `${writer(marker('config-js'), true)}export default { severity: { 'unscoped-query': 'P2' } };\n`,
      'tenant-audit.config.mjs': writer(marker('config-mjs'), true),
      'tenant-audit.config.ts': writer(marker('config-ts'), true),
      'vitest.config.ts': writer(marker('vitest-config'), true),
      'eslint.config.js': writer(marker('eslint-config'), true),
      // JSON cannot run code; it is read as data (this one lowers unscoped-query to P2).
      'tenant-audit.config.json': '{ "severity": { "unscoped-query": "P2" } }',
      'package.json': JSON.stringify({ name: 'victim', type: 'module', scripts: { postinstall: `node -e "require('fs').writeFileSync('${marker('postinstall')}','x')"` } }),
      'prisma/schema.prisma': 'model Document {\n  id String @id\n  tenantId String\n}\n',
    };
    const project = tempProject(files);
    const run = runCli([project, '--format', 'json', '--fail-on', 'P1']);
    // P2 only (the JSON config applied) → exit 0 with --fail-on P1.
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { kind: string; severity: string; file: string }[]; errors: unknown[] };
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'unscoped-query', severity: 'P2', file: 'src/top-level.ts' }));
    expect(report.errors).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('MARKER'))).toEqual([]);
    for (const name of ['ts', 'js', 'mjs', 'cjs', 'tsx', 'config-js', 'config-mjs', 'config-ts', 'vitest-config', 'eslint-config', 'postinstall']) {
      expect(existsSync(marker(name)), name).toBe(false);
    }
    // Control: the fixture really writes its marker when something does run it.
    execFileSync(process.execPath, [join(project, 'src/top-level.mjs')]);
    expect(existsSync(marker('mjs'))).toBe(true);
  });
});
