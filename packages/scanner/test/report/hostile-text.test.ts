/**
 * Output that the scanned code cannot steer. The code comes from pull requests nobody has reviewed:
 * a file name, a string literal (here a route path, which becomes a trace note) or a Kubernetes
 * namespace name (which becomes a message) can hold a newline followed by a GitHub workflow command,
 * `%0A`, backticks, HTML, pipes and link syntax. Each reporter must keep them inside the place they
 * belong: one annotation, one code span, one escaped line, one JSON string.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/model.js';
import { scan } from '../../src/index.js';
import { scanBoundary } from '../../src/program/boundary.js';
import { REPORTERS, type ReportContext } from '../../src/report/index.js';
import { sourceLinesFrom } from '../../src/report/source.js';
import { ensureBuilt, runCli, SCHEMA_DIR } from '../cli/helpers/cli.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Legal on Linux: everything but `/` and NUL. */
const EVIL_NAME = 'evil\n::error file=x,line=1::injected by a file name%0A`tick`<img src=x onerror=alert(1)>|cell [link](https:e.vil) ?q=1#frag.ts';
const EVIL_FILE = `src/${EVIL_NAME}`;
const BROKEN_FILE = 'src/broken\r\n::warning::injected by a broken file.ts';
// A route path is a string literal that ends up in a trace note (TypeScript decodes the \n escapes).
const ROUTE = String.raw`/docs/\n::error::injected by a route %0A \`code\` <b>bold</b> | pipe [click](https:e.vil) \u001b[31mred\r\n::warning::x`;
const CODE = [
  "import express from 'express';",
  'declare const prisma: any;',
  'const app = express();',
  'export async function load$evil(id: string) {',
  '  return prisma.document.findUnique({ where: { id } }); // `tick` <b>bold</b> | ::error::in a frame',
  '}',
  `app.get('${ROUTE}', async (req: any, res: any) => res.json(await load$evil(req.params.id)));`,
  '',
].join('\n');
// A namespace name is YAML data that ends up in a finding's message.
const MANIFEST = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "tenant-a\\n::error::injected by YAML <img src=x> `tick` | [l](https:e.vil) \\x1b[31mred"\n';

let dir: string;
let result: ScanResult;
const outputs: Record<string, string> = {};

function write(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ta-hostile-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

beforeAll(async () => {
  dir = write({
    'schema.prisma': 'model Document {\n  id String @id\n  tenantId String\n}\n',
    [EVIL_FILE]: CODE,
    [BROKEN_FILE]: 'export function (\n',
    'k8s/ns.yaml': MANIFEST,
  });
  result = await scan({ paths: [dir] });
  const context: Omit<ReportContext, 'result'> = {
    tool: { name: 'tenant-audit', version: '0.0.0' }, failOn: 'P1', quiet: false, color: false, allowIncomplete: false, finishedAt: new Date(),
    source: sourceLinesFrom(dir, scanBoundary(dir, false)),
  };
  for (const [format, reporter] of Object.entries(REPORTERS)) outputs[format] = reporter({ ...context, result });
});

/** A line a GitHub runner would read as a workflow command of the scanned code's choosing. */
function injectedCommands(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => /^\s*(::|##\[)/.test(line) && !/^::(error|warning|notice) (file|title)=/.test(line));
}

describe('the planted input reaches the reports', () => {
  it('the engine reports the finding in the hostile file, with the route note, the namespace and the broken file', () => {
    expect(result.findings.map((f) => f.file).sort()).toEqual(['k8s/ns.yaml', EVIL_FILE]);
    const finding = result.findings.find((f) => f.file === EVIL_FILE);
    expect(finding?.trace?.[0]?.note).toContain('\n::error::injected by a route %0A `code` <b>bold</b>');
    expect(result.findings.find((f) => f.file === 'k8s/ns.yaml')?.message).toContain('\n::error::injected by YAML <img src=x>');
    expect(result.coverage.notAnalysed.map((e) => e.file)).toEqual([BROKEN_FILE]);
  });
});

describe('github', () => {
  it('one workflow command per line, every planted line break and % escaped, no command injected', () => {
    const text = outputs.github as string;
    const lines = text.trimEnd().split('\n');
    // Two findings, one error entry, the coverage line: nothing else became a line.
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) (file|title)=[^\r\n]*$/);
    expect(injectedCommands(text)).toEqual([]);
    // The file property escapes `:` and `,` too, so the planted `file=x,line=1` cannot add properties.
    expect(text).toContain('file=src/evil%0A%3A%3Aerror file=x%2Cline=1%3A%3Ainjected by a file name%250A`tick`<img src=x onerror=alert(1)>|cell [link](https%3Ae.vil) ?q=1#frag.ts,line=5,');
    expect(text).toContain('::error file=src/broken%0D%0A%3A%3Awarning%3A%3Ainjected by a broken file.ts,title=tenant-audit%3A not analysed::syntax error');
    expect(text).toContain('tenant-a%0A::error::injected by YAML <img src=x>');
    // An ESC from the scanned code is shown, not sent to the log viewer.
    expect(text).toContain('\\u{001b}[31mred');
    expect(text).not.toContain('\u001b');
  });
});

describe('markdown', () => {
  /** The Markdown with code spans and fenced blocks taken out: what GitHub would read as markup. */
  function outsideCode(md: string): string {
    const noFences = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
    return noFences.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
  }

  it('no planted line, tag, link, pipe or backtick escapes its code span or its escaping', () => {
    const md = outputs.markdown as string;
    expect(injectedCommands(md)).toEqual([]);
    const markup = outsideCode(md);
    expect(markup).not.toMatch(/(?<!\\)<(img|b)\b/);
    expect(markup).not.toMatch(/(?<!\\)\[(link|click|l)(?<!\\)\]\(/);
    expect(markup).not.toMatch(/(?<!\\)`/);
    // Planted text is still there, escaped: the reader sees what the code says.
    expect(md).toContain('GET /docs/\\\\n::error::injected by a route %0A \\`code\\` \\<b\\>bold\\</b\\> \\| pipe \\[click\\](https:e.vil) \\\\u{001b}\\[31mred\\\\r\\\\n::warning::x');
  });

  it('a file name with backticks sits in a code span with a longer fence; its newline is shown as \\n', () => {
    const md = outputs.markdown as string;
    expect(md).toContain('at ``src/evil\\n::error file=x,line=1::injected by a file name%0A`tick`<img src=x onerror=alert(1)>|cell [link](https:e.vil) ?q=1#frag.ts:5:10`` in `load$evil`');
    expect(md).toContain('> - `src/broken\\r\\n::warning::injected by a broken file.ts`: syntax error');
  });

  it('the code frame is fenced: its backticks, tags and pipes stay code', () => {
    const md = outputs.markdown as string;
    expect(md).toMatch(/^```text\n {2}4 \| export async function load\$evil\(id: string\) \{\n> 5 \| .*`tick` <b>bold<\/b> \| ::error::in a frame\n/m);
  });
});

describe('pretty', () => {
  it('every planted line break is shown as an escape, so no line of the report is the scanned code\'s', () => {
    const text = outputs.pretty as string;
    expect(injectedCommands(text)).toEqual([]);
    expect(text).toContain(`\n    P0 unscoped-query  src/evil\\n::error file=x,line=1::injected by a file name%0A\`tick\`<img src=x onerror=alert(1)>|cell [link](https:e.vil) ?q=1#frag.ts:5:10 in load$evil`);
    expect(text).toContain('\n        → GET /docs/\\n::error::injected by a route %0A `code` <b>bold</b> | pipe [click](https:e.vil) \\u{001b}[31mred\\r\\n::warning::x (src/evil\\n');
    // The route also heads the finding's entry-point group: escaped there too.
    expect(text).toContain('\n  ▸ GET /docs/\\n::error::injected by a route %0A `code` <b>bold</b> | pipe [click](https:e.vil) \\u{001b}[31mred\\r\\n::warning::x (src/evil\\n');
    expect(text).toContain('  src/broken\\r\\n::warning::injected by a broken file.ts: syntax error');
    expect(text).not.toContain('\u001b');
  });
});

describe('sarif', () => {
  function sarifValidator() {
    const raw = JSON.parse(readFileSync(join(SCHEMA_DIR, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    const { $schema: _draft, id, ...rest } = raw;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile({ $id: id as string, ...rest });
  }

  it('is valid JSON and valid SARIF; URIs encode every segment and decode back to the file', () => {
    const log = JSON.parse(outputs.sarif as string) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; message: { text: string } }[];
        invocations: { toolExecutionNotifications: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[];
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const uris = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    const evil = uris.find((u) => u.startsWith('src/')) as string;
    expect(evil).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]+$/);
    expect(evil).not.toMatch(/[#?]/);
    expect(evil.split('/').map(decodeURIComponent).join('/')).toBe(EVIL_FILE);
    const notified = log.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(notified.map((u) => u.split('/').map(decodeURIComponent).join('/'))).toContain(BROKEN_FILE);
    // A file named like a URI with a query or fragment stays a path.
    expect(outputs.sarif).not.toContain('"uri": "src/evil\\n');
  });
});

describe('json', () => {
  it('is valid JSON carrying the names exactly, and validates against the report schema', () => {
    const report = JSON.parse(outputs.json as string) as { findings: { file: string; trace?: { note: string }[] }[]; errors: { file: string }[] };
    expect(report.findings.map((f) => f.file)).toContain(EVIL_FILE);
    expect(report.findings.find((f) => f.file === EVIL_FILE)?.trace?.[0]?.note).toContain('\n::error::injected by a route');
    expect(report.errors.map((e) => e.file)).toContain(BROKEN_FILE);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, 'tenant-audit-report.schema.json'), 'utf8')) as object);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the CLI', () => {
  beforeAll(ensureBuilt);

  it('stderr: one `tenant-audit:` line per warning and one for the failure, whatever the names hold', () => {
    const run = runCli([dir, '--no-progress', '--output', join(dir, 'report.txt')]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^tenant-audit: [^\r]*$/);
    expect(lines[0]).toBe(`tenant-audit: warning: src/broken\\r\\n::warning::injected by a broken file.ts: ${result.errors[0]?.message}`);
    expect(lines[1]).toMatch(/^tenant-audit: incomplete scan: 1 source file was not analysed \(src\/broken\\r\\n::warning::injected by a broken file\.ts; see the report\)/);
  });

  it('github on stdout: no injected command', () => {
    const run = runCli([dir, '--format', 'github']);
    expect(injectedCommands(run.stdout)).toEqual([]);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(4);
  });
});
