/**
 * The GitLab CI template (integrations/gitlab/tenant-audit.gitlab-ci.yml): its job shape, and its
 * before_script + script run as a GitLab runner runs them (one shell, stopping at the first failing
 * line, the job's variables in the environment), with `npx` standing in for npm's to run the
 * repository's built CLI.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../packages/scanner/test/cli/helpers/cli.js';
import { gitlabSastProblems } from '../../packages/scanner/test/cli/helpers/gitlab-sast-shape.js';
import { BIN, GAP_FIXTURE, REPO, cleanEnv, isolatedPath, readYaml, run, scriptBin, tempDir } from './support.js';

interface Job {
  stage: string;
  image: string;
  variables: Record<string, string>;
  before_script: string[];
  script: string[];
  artifacts: { when: string; paths: string[]; reports: { sast: string } };
}

const template = readYaml<Record<string, Job>>('integrations/gitlab/tenant-audit.gitlab-ci.yml');
const job = template['tenant-audit'];

/**
 * npm's `npx --yes <package> args…` for a package that is not installed: drops the flag and the
 * package spec and runs the built CLI with the rest, as the published package's bin would.
 */
const fakeNpx = () => scriptBin('npx', `[ "$1" = --yes ] && shift\ncase $1 in tenant-audit|tenant-audit@*) shift ;; *) echo "unexpected package $1" >&2; exit 127 ;; esac\nexec node "${BIN}" "$@"`);

function runJob(dir: string, variables: Record<string, string> = {}) {
  const lines = [...(job?.before_script ?? []), ...(job?.script ?? [])];
  return run('sh', ['-e', '-c', lines.join('\n')], dir, cleanEnv({ ...job?.variables, ...variables, PATH: isolatedPath(fakeNpx()) }));
}

beforeAll(ensureBuilt);

describe('the GitLab CI template', () => {
  it('is one job that hands GitLab the SAST report as an artifact, also when the job fails', () => {
    expect(Object.keys(template)).toEqual(['tenant-audit']);
    expect(job?.stage).toBe('test');
    expect(job?.image).toMatch(/^node:(2[0-9])/);
    expect(job?.artifacts.when).toBe('always');
    expect(job?.artifacts.reports.sast).toBe('gl-sast-report.json');
    expect(job?.script.some((line) => line.includes('--format gitlab-sast --output gl-sast-report.json --fail-on none'))).toBe(true);
    expect(job?.variables).toMatchObject({ TENANT_AUDIT_PATH: '.', TENANT_AUDIT_FAIL_ON: 'P1' });
  });

  it('on a project with gaps: fails the job and leaves a SAST report that fits schema v15', () => {
    const dir = tempDir('gitlab-gaps');
    cpSync(GAP_FIXTURE, join(dir, 'my app'), { recursive: true });
    const result = runJob(dir, { TENANT_AUDIT_PATH: 'my app' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^3 findings \(P0 1, P1 1, P2 1\)/m);
    const report = JSON.parse(readFileSync(join(dir, 'gl-sast-report.json'), 'utf8')) as { vulnerabilities: { severity: string; location: { file: string } }[] };
    expect(gitlabSastProblems(report)).toEqual([]);
    expect(report.vulnerabilities.map((v) => [v.severity, v.location.file])).toEqual([
      ['Critical', 'src/documents.ts'],
      ['High', 'src/cache.ts'],
      ['Medium', 'src/crypto.ts'],
    ]);
  });

  it('TENANT_AUDIT_FAIL_ON and TENANT_AUDIT_ARGS reach the scanner', () => {
    const dir = tempDir('gitlab-options');
    cpSync(GAP_FIXTURE, dir, { recursive: true });
    expect(runJob(dir, { TENANT_AUDIT_FAIL_ON: 'none' }).code).toBe(0);
    // Adopting the scanner with a baseline: today's findings accepted, the job passes.
    expect(run('node', [BIN, '.', '--baseline', 'tenant-audit.baseline.json', '--update-baseline'], dir, cleanEnv({})).code).toBe(0);
    const adopted = runJob(dir, { TENANT_AUDIT_ARGS: '--baseline tenant-audit.baseline.json' });
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toMatch(/^0 findings \(P0 0, P1 0, P2 0\) in 4 files, 3 suppressed,/m);
    expect((JSON.parse(readFileSync(join(dir, 'gl-sast-report.json'), 'utf8')) as { vulnerabilities: unknown[] }).vulnerabilities).toEqual([]);
  });

  it('on a clean project: passes with an empty report', () => {
    const dir = tempDir('gitlab-clean');
    cpSync(join(REPO, 'fixtures', 'ai-saas', 'fixed'), dir, { recursive: true });
    const result = runJob(dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'gl-sast-report.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'gl-sast-report.json'), 'utf8')) as { vulnerabilities: unknown[] };
    expect(report.vulnerabilities).toEqual([]);
    expect(gitlabSastProblems(report)).toEqual([]);
  });
});
