import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyseSourceFile, analysisFromFacts, createEnv, factsOf, resolveConfig, UnserializableFact, type FileAnalysis, type TypeScriptModule } from '../../src/index.js';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const tsm = ts as unknown as TypeScriptModule;
const env = createEnv(tsm, resolveConfig({}), undefined);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
}

const FILES = [...sources(join(REPO, 'fixtures')), ...sources(join(REPO, 'packages/scanner/test/fixtures'))];

describe('a file\'s analysis as plain facts', () => {
  it('round-trips every fixture file: same facts, nodes found again in a fresh parse of the same text', () => {
    let findings = 0;
    for (const path of FILES) {
      const text = readFileSync(path, 'utf8');
      const first = parse(path, text);
      const analysis = analyseSourceFile(first as never, env);
      const facts = factsOf(analysis, first as never);
      const stored = JSON.parse(JSON.stringify(facts)) as typeof facts;
      const second = parse(path, text);
      const back = analysisFromFacts(stored, second as never, tsm) as FileAnalysis;
      expect(back, path).toBeDefined();
      expect(factsOf(back, second as never)).toEqual(facts);
      back.findings.forEach((f, i) => {
        const original = analysis.findings[i];
        expect(f.node.getText(second as never)).toBe(original?.node.getText(first as never));
        expect(f.node.getSourceFile()).toBe(second);
        // Shared objects stay shared: a finding's sink is one of the file's sinks.
        if (f.sink) expect(back.sinks).toContain(f.sink);
        findings++;
      });
    }
    expect(findings).toBeGreaterThan(150);
  });

  it('does not take facts of another text: shifted places do not hold their nodes', () => {
    const path = join(REPO, 'fixtures/ai-saas/vulnerable/src/services/rag-service.ts');
    const text = readFileSync(path, 'utf8');
    const sf = parse(path, text);
    const facts = factsOf(analyseSourceFile(sf as never, env), sf as never);
    expect(facts.objects.length).toBeGreaterThan(5);
    expect(analysisFromFacts(facts, parse(path, `const shifted = 1;\n${text}`) as never, tsm)).toBeUndefined();
  });

  it('refuses what plain data cannot hold, and facts of an unknown format', () => {
    const sf = parse('/x.ts', 'export const a = 1;\n');
    const odd = { findings: [], sinks: [], telemetry: { providers: [], registersTenantProcessor: false, untaggedSpans: [] }, extra: new Map() } as unknown as FileAnalysis;
    expect(() => factsOf(odd, sf as never)).toThrow(UnserializableFact);
    expect(analysisFromFacts({ format: 99 as 1, objects: [] }, sf as never, tsm)).toBeUndefined();
  });

  it('keeps undefined members and non-finite numbers', () => {
    const sf = parse('/x.ts', 'export const a = 1;\n');
    const analysis = { findings: [], sinks: [], telemetry: { providers: [], registersTenantProcessor: false, untaggedSpans: [undefined] }, n: Number.POSITIVE_INFINITY } as unknown as FileAnalysis;
    const back = analysisFromFacts(JSON.parse(JSON.stringify(factsOf(analysis, sf as never))), sf as never, tsm) as unknown as Record<string, unknown>;
    expect(back).toEqual(analysis);
    expect((back.telemetry as { untaggedSpans: unknown[] }).untaggedSpans).toHaveLength(1);
  });
});
