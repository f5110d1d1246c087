/**
 * The per-file time budget: a file whose analysis takes longer than `fileTimeBudgetMs` (config) or
 * TENANT_AUDIT_FILE_BUDGET_MS (environment) is an `errors` entry with the time it took, its findings
 * are dropped, and the rest of the scan (other files, Kubernetes manifests) goes on. A sub-millisecond
 * budget stands in for a pathological file: no real input has to be slow for the test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, tempProject } from '../cli/helpers/cli.js';

const SCHEMA = 'model Document {\n  id String @id\n  tenantId String\n}\n';
const UNSCOPED = 'declare const prisma: any;\nexport async function load(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\n';
// Enough functions that analysing the file takes well over a microsecond on any machine.
const BIG = `declare const prisma: any;\n${Array.from({ length: 120 }, (_, i) => `export async function load${i}(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\n`).join('')}`;
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tenant-a\n';
const OVER = /^analysis took \d+(\.\d+)? (ms|s), over the 0\.001 ms per-file budget \(fileTimeBudgetMs\); its findings are skipped$/;

type Scan = (o: { paths: string[]; cwd?: string }) => Promise<{ findings: { kind: string; file: string }[]; errors: { file: string; message: string }[] }>;
let scan: Scan;

beforeAll(async () => {
  ensureBuilt();
  ({ scan } = (await import('../../dist/index.js')) as unknown as { scan: Scan });
});

describe('per-file time budget', () => {
  it('config fileTimeBudgetMs: a file over budget is an errors entry with its time; its findings are dropped, the manifests still checked', async () => {
    const files = { 'schema.prisma': SCHEMA, 'src/big.ts': BIG, 'src/ok.ts': UNSCOPED, 'k8s/ns.yaml': NAMESPACE };
    const generous = await scan({ paths: [tempProject(files)] });
    expect(generous.errors).toEqual([]);
    expect(generous.findings.filter((f) => f.file === 'src/big.ts')).toHaveLength(120);

    const tight = await scan({ paths: [tempProject({ ...files, 'tenant-audit.config.json': '{ "fileTimeBudgetMs": 0.001 }' })] });
    expect(tight.errors.map((e) => e.file)).toEqual(['src/big.ts', 'src/ok.ts']);
    for (const e of tight.errors) expect(e.message).toMatch(OVER);
    expect(tight.findings.map((f) => `${f.kind} ${f.file}`)).toEqual(['missing-network-policy k8s/ns.yaml']);
  });

  it('the files over budget are not analysed: listed in the coverage', async () => {
    const dir = tempProject({ 'schema.prisma': SCHEMA, 'src/big.ts': BIG, 'tenant-audit.config.json': '{ "fileTimeBudgetMs": 0.001 }' });
    const result = (await scan({ paths: [dir] })) as unknown as { coverage: { filesNotAnalysed: number; notAnalysed: { file: string; message: string }[] } };
    expect(result.coverage.filesNotAnalysed).toBe(1);
    expect(result.coverage.notAnalysed[0]).toEqual({ file: 'src/big.ts', message: expect.stringMatching(OVER) as string });
  });

  it('CLI: TENANT_AUDIT_FILE_BUDGET_MS overrides the config; the over-budget file is a one-line warning, and it fails the run unless --allow-incomplete', () => {
    // Without the override this project exits 1 (120 unscoped loads); one subprocess keeps the suite fast.
    const dir = tempProject({ 'schema.prisma': SCHEMA, 'src/big.ts': BIG, 'tenant-audit.config.json': '{ "fileTimeBudgetMs": 60000, "allowIncomplete": true }' });
    const tight = runCli([dir, '--no-progress', '--output', `${dir}/report.txt`], { env: { TENANT_AUDIT_FILE_BUDGET_MS: '0.001' } });
    // Accepted by the config: the exit code follows the remaining findings (none).
    expect(tight.code).toBe(0);
    expect(tight.stderr).toMatch(/^tenant-audit: warning: src\/big\.ts: analysis took \d+(\.\d+)? (ms|s), over the 0\.001 ms per-file budget \(fileTimeBudgetMs\); its findings are skipped\n$/);
  });

  it('a bad budget is exit 2 with one line naming it (environment or config)', () => {
    const dir = tempProject({ 'src/ok.ts': UNSCOPED });
    const env = runCli([dir], { env: { TENANT_AUDIT_FILE_BUDGET_MS: 'ten seconds' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toBe('tenant-audit: config error: environment variable TENANT_AUDIT_FILE_BUDGET_MS must be a positive number of milliseconds, got "ten seconds"\n');
    const bad = tempProject({ 'src/ok.ts': UNSCOPED, 'tenant-audit.config.json': '{ "fileTimeBudgetMs": "10s" }' });
    const config = runCli([bad]);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^tenant-audit: config error: .*tenant-audit\.config\.json: key "fileTimeBudgetMs" must be a positive number of milliseconds, got string "10s"\n$/);
  });
});
