import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { configs } from '../src/index.js';

const dirs: string[] = [];

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-isolation-types-'));
  dirs.push(dir);
  const all: Record<string, string> = {
    'package.json': '{ "name": "typed-fixture", "private": true, "type": "module" }',
    'tsconfig.json': JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      include: ['src', 'types'],
    }),
    // Local stand-ins for the libraries, so the temp project type-checks without node_modules.
    'types/libs.d.ts': [
      // Shaped like ioredis' own typings (`declare class Redis …; export default Redis`).
      "declare module 'ioredis' { class Redis { get(key: string): Promise<string | null>; } export default Redis; }",
      'declare const tracer: { startSpan(name: string, options?: object): { end(): void } };',
      'declare class TenantSpanProcessor { constructor(); }',
      'declare class NodeTracerProvider { constructor(options?: object); }',
      '',
    ].join('\n'),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function lint(dir: string, files: string[], typed: boolean): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      configs['flat/recommended'],
      ...(typed ? [{ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } } }] : []),
    ],
  });
  const results = await eslint.lintFiles(files);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId ?? m.message} ${m.messageId ?? ''}`.trim()));
}

const SPAN = "export const handle = () => {\n  const span = tracer.startSpan('http.handle');\n  span.end();\n};\n";

describe('with type information (projectService)', () => {
  it('reports an untagged span only when no file of the program registers a tenant span processor', async () => {
    const dir = project({ 'src/handler.ts': SPAN });
    expect(await lint(dir, ['src/handler.ts'], false)).toEqual([]);
    expect(await lint(dir, ['src/handler.ts'], true)).toEqual([
      'src/handler.ts:2 tenant-isolation/require-span-tenant-attribute untaggedSpan',
    ]);
  }, 60_000);

  it('does not report the span when another file registers TenantSpanProcessor', async () => {
    const dir = project({
      'src/handler.ts': SPAN,
      'src/otel.ts': 'export const provider = new NodeTracerProvider({ spanProcessors: [new TenantSpanProcessor()] });\n',
    });
    expect(await lint(dir, ['src'], true)).toEqual([]);
  }, 60_000);

  it('recognises a Redis client imported from another file by its type', async () => {
    const dir = project({
      'src/cache.ts': "import Redis from 'ioredis';\nexport const store = new Redis();\n",
      'src/use.ts': "import { store } from './cache.js';\nexport const get = (id: string) => store.get(`doc:${id}`);\n",
    });
    expect(await lint(dir, ['src/use.ts'], false)).toEqual([]);
    expect(await lint(dir, ['src/use.ts'], true)).toEqual(['src/use.ts:2 tenant-isolation/no-unscoped-redis-keys unscopedKey']);
  }, 60_000);
});
