/**
 * The GitHub Action (action.yml) without GitHub: its declared shape, and its scan step run as the
 * runner runs it, a subprocess of the action's script with the inputs the step passes (defaults from
 * action.yml, plus the test's), against a fixture with gaps and a clean one.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../packages/scanner/test/cli/helpers/cli.js';
import { sarifValidator } from '../../packages/scanner/test/cli/helpers/sarif-schema.js';
import { GAP_FIXTURE, REPO, SCANNER_VERSION, type Run, cleanEnv, cliBin, isolatedPath, readRepoFile, readYaml, run, scriptBin, tempDir } from './support.js';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Action {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION_TEXT = readRepoFile('action.yml');
const action = readYaml<Action>('action.yml');
const SCRIPT = join(REPO, 'integrations', 'github', 'run.sh');
const scanStep = action.runs.steps.find((s) => s.id === 'scan');
const uploadStep = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));

/** `${{ inputs.fail-on }}` → `fail-on`; undefined when the value is anything else. */
function inputOf(expression: string): string | undefined {
  return /^\$\{\{\s*inputs\.([a-z-]+)\s*\}\}$/.exec(expression)?.[1];
}

interface ActionRun extends Run {
  dir: string;
  summary: string;
  outputs: Record<string, string>;
}

/**
 * Runs the scan step's script as the runner would: the step's env with each input's value (the
 * test's, else action.yml's default), GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files, cwd = workspace.
 */
function runAction(dir: string, inputs: Record<string, string>, binDirs: string[] = [cliBin()]): ActionRun {
  const env: Record<string, string> = {};
  for (const [key, expression] of Object.entries(scanStep?.env ?? {})) {
    const input = inputOf(expression);
    if (input === undefined) throw new Error(`${key} is not an input`);
    env[key] = inputs[input] ?? action.inputs[input]?.default ?? '';
  }
  const state = tempDir('gh-state');
  const summaryFile = join(state, 'step-summary.md');
  const outputFile = join(state, 'output.txt');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const result = run('sh', [SCRIPT], dir, cleanEnv({ ...env, PATH: isolatedPath(...binDirs), GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile }));
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { ...result, dir, summary: readFileSync(summaryFile, 'utf8'), outputs };
}

beforeAll(ensureBuilt);

describe('action.yml', () => {
  it('is a composite action whose scan step runs the tested script, inputs passed as environment variables only', () => {
    expect(action.runs.using).toBe('composite');
    expect(scanStep?.shell).toBe('bash');
    expect(scanStep?.run).toBe('sh "$GITHUB_ACTION_PATH/integrations/github/run.sh"');
    expect(existsSync(SCRIPT)).toBe(true);
    // No expression is spliced into a command line, where an input could inject shell code.
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
    // Each variable is INPUT_<name>, and carries exactly that input.
    for (const [key, expression] of Object.entries(scanStep?.env ?? {})) {
      const input = inputOf(expression);
      expect(input, key).toBeDefined();
      expect(key).toBe(`INPUT_${input!.toUpperCase().replace(/-/g, '_')}`);
    }
    // Every INPUT_* the script reads is one the step sets.
    const read = new Set(readFileSync(SCRIPT, 'utf8').match(/INPUT_[A-Z_]+/g));
    expect([...read].sort()).toEqual(Object.keys(scanStep?.env ?? {}).sort());
  });

  it('declares every input it uses, and uses every input it declares', () => {
    const used = new Set([...ACTION_TEXT.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(5);
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).not.toBe('');
    expect(action.inputs.path?.default).toBe('.');
    expect(action.inputs['fail-on']?.default).toBe('P1');
    expect(action.inputs['upload-sarif']?.default).toBe('true');
  });

  it('uploads the SARIF to code scanning even when the scan step failed on findings', () => {
    expect(uploadStep?.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(uploadStep?.if).toMatch(/^\$\{\{ always\(\) && /);
    expect(uploadStep?.if).toContain("inputs.upload-sarif == 'true'");
    expect(uploadStep?.with?.sarif_file).toBe('${{ steps.scan.outputs.sarif-file }}');
    // The outputs it exposes are the ones the script writes.
    const script = readFileSync(SCRIPT, 'utf8');
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.scan.outputs.${name} }}`);
      expect(script).toMatch(new RegExp(`set_output ${name} `));
    }
  });
});

describe('the action script on a fixture with gaps (fail-on P1, names with spaces)', () => {
  let result: ActionRun;
  beforeAll(() => {
    const dir = tempDir('gh-gaps');
    cpSync(GAP_FIXTURE, join(dir, 'my app'), { recursive: true });
    result = runAction(dir, { path: 'my app', 'sarif-file': 'reports dir/tenant audit.sarif' });
  });

  it('exits 1, the verdict for fail-on P1', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.outputs['exit-code']).toBe('1');
    expect(result.stdout).toContain('tenant-audit: findings at or above P1 (fail-on), so the step fails');
  });

  it('prints workflow-command annotations: ::error for P0/P1, ::warning for P2', () => {
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => /^::error file=src\/documents\.ts,line=6,.*title=P0 unscoped-query/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^::error file=src\/cache\.ts,.*title=P1 shared-cache-keyspace/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^::warning file=src\/crypto\.ts,.*title=P2 shared-encryption-key/.test(l))).toHaveLength(1);
  });

  it('writes the SARIF where sarif-file says and hands that path to the upload step', () => {
    expect(result.outputs['sarif-file']).toBe('reports dir/tenant audit.sarif');
    const log = JSON.parse(readFileSync(join(result.dir, 'reports dir', 'tenant audit.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(['unscoped-query', 'shared-cache-keyspace', 'shared-encryption-key']);
  });

  it('the SARIF payload validates against the shipped SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const log: unknown = JSON.parse(readFileSync(join(result.dir, 'reports dir', 'tenant audit.sarif'), 'utf8'));
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  it('writes the Markdown report to the job summary', () => {
    expect(result.summary).toMatch(/^## tenant-audit\n\n3 findings \(P0 1, P1 1, P2 1\)/);
    expect(result.summary).toContain('#### `unscoped-query` at `src/documents.ts:6:10` in `findDocument`');
    expect(result.summary).toContain('### Scorecard');
  });
});

describe('the action script on a clean fixture', () => {
  it('exits 0 with an empty, valid SARIF, a clean coverage notice and a clean summary', () => {
    const dir = tempDir('gh-clean');
    cpSync(join(REPO, 'fixtures', 'ai-saas', 'fixed'), dir, { recursive: true });
    const result = runAction(dir, {});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({ 'sarif-file': 'tenant-audit.sarif', 'exit-code': '0' });
    expect(result.stdout).not.toMatch(/^::(error|warning)/m);
    expect(result.stdout).toMatch(/^::notice title=tenant-audit coverage::No tenant-isolation gaps found\./m);
    const log = JSON.parse(readFileSync(join(dir, 'tenant-audit.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(log.runs[0]?.results).toEqual([]);
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    expect(result.summary).toContain('No tenant-isolation gaps found');
  });
});

describe('the action script on failures and CLI choice', () => {
  it('a wrong input is exit 2 before any scan, as one ::error line', () => {
    const dir = tempDir('gh-input');
    const result = runAction(dir, { 'fail-on': 'P3' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('::error title=tenant-audit::fail-on must be P0, P1, P2 or none, not "P3"\n');
    expect(existsSync(join(dir, 'tenant-audit.sarif'))).toBe(false);
  });

  it('a source file the scanner could not analyse fails the step (exit 2) with the SARIF still handed on; allow-incomplete gives the verdict', () => {
    const dir = tempDir('gh-incomplete');
    cpSync(GAP_FIXTURE, dir, { recursive: true });
    writeFileSync(join(dir, 'unparsable.ts'), 'export const = ;\n');
    const failed = runAction(dir, {});
    expect(failed.code).toBe(2);
    expect(failed.stdout).toMatch(/::error title=tenant-audit::the scan is incomplete or the scanner could not run \(exit 2\)/);
    expect(failed.outputs['sarif-file']).toBe('tenant-audit.sarif');
    const accepted = runAction(dir, { 'allow-incomplete': 'true' });
    expect(accepted.code).toBe(1);
  });

  it('a scanner failure is exit 2 with no SARIF handed to the upload step', () => {
    const dir = tempDir('gh-broken');
    cpSync(GAP_FIXTURE, dir, { recursive: true });
    const result = runAction(dir, { config: 'no such config.json' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tenant-audit: /);
    expect(result.stdout).toMatch(/^::error title=tenant-audit::the scanner could not run \(exit 2\)/m);
    expect(result.outputs).toEqual({});
  });

  it("prefers the project's own CLI, else runs this action's release through npx; arguments stay whole", () => {
    const calls = join(tempDir('gh-calls'), 'calls.txt');
    // Stand-ins that record their arguments one per line and report a clean scan.
    const record = (who: string) => `{ echo "${who}"; for a in "$@"; do printf '%s\\n' "$a"; done; echo ---; } >> "${calls}"`;
    const npx = scriptBin('npx', record('npx'));
    const dir = tempDir('gh-choice');

    runAction(dir, { path: 'apps/my api\nlibs/*.ts', 'fail-on': 'P0', config: 'ta config.json', 'step-summary': 'false' }, [npx]);
    const viaNpx = readFileSync(calls, 'utf8').split('---\n');
    expect(viaNpx[0]?.split('\n')).toEqual(['npx', '--yes', `tenant-audit@${SCANNER_VERSION}`, '--format', 'sarif', '--fail-on', 'none', '--allow-incomplete', '--output', 'tenant-audit.sarif', '--no-progress', '--config', 'ta config.json', '--', 'apps/my api', 'libs/*.ts', '']);
    expect(viaNpx[1]?.split('\n').slice(0, 6)).toEqual(['npx', '--yes', `tenant-audit@${SCANNER_VERSION}`, '--format', 'github', '--fail-on']);

    writeFileSync(calls, '');
    runAction(dir, { version: 'latest', 'changed-only': 'true', 'base-ref': 'origin/main' }, [npx]);
    expect(readFileSync(calls, 'utf8').split('\n').slice(0, 3)).toEqual(['npx', '--yes', 'tenant-audit@latest']);
    expect(readFileSync(calls, 'utf8')).toContain('\n--changed=origin/main\n');

    writeFileSync(calls, '');
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(join(scriptBin('tenant-audit', record('local')), 'tenant-audit'), join(dir, 'node_modules', '.bin', 'tenant-audit'));
    runAction(dir, {}, [npx]);
    const viaLocal = readFileSync(calls, 'utf8');
    expect(viaLocal.split('\n')[0]).toBe('local');
    expect(viaLocal).not.toContain('npx');
  });
});
