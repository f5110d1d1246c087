import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GAP_CATALOGUE, GAP_KINDS } from '@tenant-audit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ensureBuilt, runCli, runStubCli, tempProject } from './helpers/cli.js';

beforeAll(ensureBuilt);

/** Deterministic input: P0 with a trace, P1, P2, a source file that does not parse (so the run exits 2). */
function project(): string {
  return tempProject({
    'src/routes.ts': ['export function handler() {', '  // STUB-TRACE', '  // STUB unscoped-query', '  return db.find({ where: { id } });', '}', ''].join('\n'),
    'src/cache.ts': ['const key = `ctx:${id}`; // STUB shared-cache-keyspace', ''].join('\n'),
    'src/crypto.ts': ['// STUB shared-encryption-key', "const c = createCipheriv('aes-256-gcm', KEY, iv);", ''].join('\n'),
    'src/broken.ts': 'STUB-PARSE-ERROR\n',
  });
}

/**
 * Structure, not wording: the summary's duration and the catalogue's fix text (owned by core, free
 * to improve) are replaced by placeholders, so the snapshot guards the layout only. The fix is a
 * `fix:` / `**Fix:**` line (markdown) or, in pretty's "How to fix", the paragraph under a kind's title.
 */
function skeleton(text: string): string {
  const out: string[] = [];
  let inFix = false;
  let howToFix = false;
  for (const line of text.split('\n')) {
    if (line === 'HOW TO FIX') howToFix = true;
    else if (/^[A-Z]{2,}/.test(line)) howToFix = false;
    if (/^\s*(fix:|\*\*Fix:\*\*)/.test(line)) {
      out.push(line.replace(/(fix:|\*\*Fix:\*\*).*/, '$1 <catalogue fix>'));
      inFix = true;
      continue;
    }
    if (howToFix && /^ {4}(?!docs: )\S/.test(line)) {
      if (!inFix) out.push('    <catalogue fix>');
      inFix = true;
      continue;
    }
    if (inFix && line.trim() !== '' && /^\s{4}/.test(line) && !/^ {4}docs: /.test(line)) continue;
    inFix = false;
    out.push(line.replace(/\d+\.\d s$/, '<duration>'));
  }
  return out.join('\n');
}

describe('pretty', () => {
  it('names the files not analysed first, then groups by severity and entry point with code frames and traces, each kind\'s fix once, a scorecard and a summary', () => {
    const run = runStubCli([project()]);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toMatch(/\x1b\[/);
    expect(run.stderr).toBe([
      'tenant-audit: warning: src/broken.ts: syntax error at 1:1: stub parse error',
      'tenant-audit: incomplete scan: 1 source file was not analysed (src/broken.ts; see the report); fix or "ignore" them, or pass --allow-incomplete to exit by the findings',
      '',
    ].join('\n'));
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'INCOMPLETE: 1 source file was not analysed, so what it holds is unknown',
      '  src/broken.ts: syntax error at 1:1: stub parse error',
    ]);
    expect(skeleton(run.stdout)).toMatchSnapshot();
    // Every gap kind has a scorecard row.
    const card = run.stdout.slice(run.stdout.indexOf('SCORECARD'));
    for (const kind of GAP_KINDS) expect(card).toMatch(new RegExp(`${GAP_CATALOGUE[kind].subsystem.replace(/[()/]/g, '\\$&')}\\s+${kind}\\s`));
    expect(run.stdout).toContain(GAP_CATALOGUE['unscoped-query'].fix.split(' ').slice(0, 4).join(' '));
    // Findings sit under the entry point their trace starts at; the others under one heading.
    expect(run.stdout).toMatch(/^ {2}▸ GET \/stub \(src\/routes\.ts:1\)\n\n {4}P0 unscoped-query {2}src\/routes\.ts:4:3 in stubbed$/m);
    expect(run.stdout).toMatch(/^ {2}▸ not reached from an entry point\n\n {4}P1 shared-cache-keyspace {2}src\/cache\.ts:1:1 in stubbed$/m);
    // The fix is printed once per kind present, with its docs page; not per finding, not for absent kinds.
    const howTo = run.stdout.slice(run.stdout.indexOf('HOW TO FIX'), run.stdout.indexOf('SCORECARD'));
    for (const kind of ['unscoped-query', 'shared-cache-keyspace', 'shared-encryption-key'] as const) {
      expect(howTo.split(`  ${kind} — ${GAP_CATALOGUE[kind].title}\n`)).toHaveLength(2);
      expect(howTo).toContain(`    docs: ${GAP_CATALOGUE[kind].docsUrl}\n`);
    }
    expect(howTo).not.toContain('unscoped-vector-search');
    expect(run.stdout.indexOf('HOW TO FIX')).toBeGreaterThan(run.stdout.lastIndexOf('stub finding'));
    expect(run.stdout).not.toMatch(/^ +fix: /m);
  });

  it('prints one fix for a kind found three times, whichever entry-point group its findings sit in', () => {
    const dir = tempProject({
      'src/a.ts': ['// STUB-TRACE', '// STUB unscoped-query', 'db.find(a);', '// STUB unscoped-query', 'db.find(b);', ''].join('\n'),
      'src/b.ts': ['// STUB unscoped-query', 'db.find(c);', ''].join('\n'),
    });
    const run = runStubCli([dir]);
    const fix = GAP_CATALOGUE['unscoped-query'].fix.split(' ').slice(0, 6).join(' ');
    expect(run.stdout.split(fix)).toHaveLength(2);
    expect(run.stdout.match(/^ {2}▸ /gm)).toEqual(['  ▸ ', '  ▸ ']);
  });

  it('on the real engine: a code frame of the flagged line and the catalogue fix', () => {
    const run = runCli([join(FIXTURES, 'basic')]);
    expect(run.stdout).toMatch(/^P0 — silent cross-tenant data leaks \(1\)$/m);
    expect(run.stdout).toMatch(/^ {4}P0 unscoped-query {2}src\/documents\.ts:6:10 in findDocument$/m);
    expect(run.stdout).toMatch(/^ {6}> 6 \| {3}return prisma\.document\.findUnique\(\{ where: \{ id \} \}\);$/m);
    expect(run.stdout).toMatch(/^ {10}\| {10}\^$/m);
    // The code base has no @tenant-audit/runtime: the fix is the plain way, for its tenantId column.
    const howTo = run.stdout.slice(run.stdout.indexOf('HOW TO FIX'));
    expect(howTo).toContain('findFirst({ where: { id, tenantId } })');
    expect(howTo).not.toMatch(/getCurrentTenant|withTenantTransaction|createTenantRedis|deriveTenantKey/);
    expect(run.stdout).toMatch(/^3 findings \(P0 1, P1 1, P2 1\) in \d+ files, 1 problem \(see warnings\), \d+\.\d s$/m);
  });

  it('colours when FORCE_COLOR asks, never with NO_COLOR, FORCE_COLOR=0 or into --output', () => {
    const dir = project();
    expect(runStubCli([dir], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\x1b\[/);
    expect(runStubCli([dir], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(/\x1b\[/);
    expect(runStubCli([dir], { env: { FORCE_COLOR: '0' } }).stdout).not.toMatch(/\x1b\[/);
    runStubCli([dir, '--output', join(dir, 'out.txt')], { env: { FORCE_COLOR: '1' } });
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).not.toMatch(/\x1b\[/);
  });

  it('--quiet prints findings only: no scorecard, summary or stderr warnings; nothing when clean', () => {
    const run = runStubCli([project(), '--quiet', '--allow-incomplete']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('P0 unscoped-query');
    expect(run.stdout).not.toContain('SCORECARD');
    expect(run.stdout).not.toContain('INCOMPLETE');
    // While they fail the run, the files not analysed are named even under --quiet, with the one-line reason on stderr.
    const failing = runStubCli([project(), '--quiet']);
    expect(failing.code).toBe(2);
    expect(failing.stdout).toMatch(/^INCOMPLETE: 1 source file was not analysed/);
    expect(failing.stderr).toMatch(/^tenant-audit: incomplete scan: [^\n]*\n$/);
    const clean = runStubCli([tempProject({ 'a.ts': 'export {};\n' }), '--quiet']);
    expect(clean).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('markdown', () => {
  it('has the same content for a pull-request comment', () => {
    const dir = project();
    const run = runStubCli([dir, '--format', 'markdown', '--output', join(dir, 'report.md')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tenant-audit: incomplete scan: [^\n]*\n$/);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(skeleton(md)).toMatchSnapshot();
    expect(md.match(/^\| .* \| `[a-z-]+` \| \d+ \| (P[012]|—) \| .* \|$/gm)).toHaveLength(GAP_KINDS.length);
  });
});

describe('github', () => {
  it('emits one workflow command per finding, P2 as warning, with escaped properties', () => {
    const run = runStubCli([project(), '--format', 'github']);
    expect(run.code).toBe(2);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^::error file=src\/routes\.ts,line=4,col=3,title=P0 unscoped-query%3A Database access without a tenant constraint::stub finding unscoped-query%0AFix: /);
    expect(lines[1]).toMatch(/^::error file=src\/cache\.ts,line=1,col=1,title=P1 shared-cache-keyspace%3A .*::stub finding shared-cache-keyspace%0AFix: /);
    expect(lines[2]).toMatch(/^::warning file=src\/crypto\.ts,line=2,col=1,title=P2 shared-encryption-key%3A .*::stub finding shared-encryption-key%0AFix: /);
    // A source file not analysed fails the run: an error annotation.
    expect(lines[3]).toBe('::error file=src/broken.ts,title=tenant-audit%3A not analysed::syntax error at 1:1: stub parse error');
    // The last line says what was judged, so a green job over unjudged code says so in the log.
    expect(lines[4]).toBe('::warning title=tenant-audit coverage::data access: 3 sinks, 0 judged scoped, 3 reported, 0 not judged; 1 source file not analysed');
    for (const line of lines) expect(line).not.toMatch(/\r|\n/);
  });

  it('with --allow-incomplete a file not analysed is a warning annotation and the findings decide the exit code', () => {
    const run = runStubCli([project(), '--format', 'github', '--allow-incomplete']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('\n::warning file=src/broken.ts,title=tenant-audit%3A not analysed::syntax error at 1:1: stub parse error\n');
    const clean = tempProject({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'STUB-PARSE-ERROR\n' });
    expect(runStubCli([clean, '--format', 'github']).code).toBe(2);
    expect(runStubCli([clean, '--format', 'github', '--allow-incomplete']).code).toBe(0);
  });

  it('on the real engine carries end positions and repository-relative paths', () => {
    const run = runCli([join(FIXTURES, 'basic'), '--format', 'github']);
    expect(run.stdout).toMatch(/^::error file=packages\/scanner\/test\/cli-fixtures\/basic\/src\/documents\.ts,line=6,col=10,endLine=6,endColumn=55,title=P0 unscoped-query%3A /m);
  });
});
