import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as runtime from '../../runtime/src/index.js';
import { fixAdvice, GAP_CATALOGUE, GAP_DOCS_BASE, GAP_KINDS, RULE_KINDS } from '../src/index.js';

const DOCS = new URL('../../../docs/gaps/', import.meta.url);
const RULE_DOCS = new URL('../../eslint-plugin/docs/rules/', import.meta.url);
const RUNTIME_NAMES = Object.keys(runtime);

const page = (kind: string): string => readFileSync(new URL(`${kind}.md`, DOCS), 'utf8');

/** The text of one `## heading` section (up to the next `## `). */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

const named = (text: string): string[] => RUNTIME_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(text));

describe('docs/gaps: a page per gap kind', () => {
  it('every kind of the catalogue has its page, and every page is a kind (or the index)', () => {
    for (const kind of GAP_KINDS) expect(existsSync(new URL(`${kind}.md`, DOCS)), kind).toBe(true);
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual([...GAP_KINDS].sort());
  });

  it('each page explains the gap and gives the fix both ways', () => {
    for (const kind of GAP_KINDS) {
      const text = page(kind);
      expect(text.startsWith(`# \`${kind}\`: `), kind).toBe(true);
      expect(text, kind).toContain(GAP_CATALOGUE[kind].defaultSeverity);
      for (const heading of ['The gap', 'Fix with `@tenant-audit/runtime`', 'Fix without the runtime']) {
        expect(section(text, heading).length, `${kind}: ${heading}`).toBeGreaterThan(200);
      }
    }
  });

  it('the runtime section names every runtime API the runtime advice names; the plain section names none', () => {
    for (const kind of GAP_KINDS) {
      const text = page(kind);
      const advised = named(fixAdvice(kind, { tenantField: 'tenantId', usesRuntime: true }));
      expect(advised.length, kind).toBeGreaterThan(0);
      const runtimeWay = section(text, 'Fix with `@tenant-audit/runtime`');
      for (const name of advised) expect(runtimeWay, `${kind} names ${name}`).toContain(name);
      expect(named(section(text, 'Fix without the runtime')), kind).toEqual([]);
    }
  });

  it('the index lists every kind, and reports link to the pages by the URL the catalogue gives', () => {
    const index = readFileSync(new URL('README.md', DOCS), 'utf8');
    for (const kind of GAP_KINDS) {
      expect(index, kind).toContain(`[\`${kind}\`](${kind}.md)`);
      expect(GAP_CATALOGUE[kind].docsUrl).toBe(`${GAP_DOCS_BASE}${kind}.md`);
    }
  });

  it('each ESLint rule page has a "How to fix" section that links to the pages of the kinds it reports', () => {
    for (const [rule, kinds] of Object.entries(RULE_KINDS)) {
      const text = readFileSync(new URL(`${rule}.md`, RULE_DOCS), 'utf8');
      const howTo = section(text, 'How to fix');
      expect(howTo, rule).toContain('with `@tenant-audit/runtime`');
      expect(howTo, rule).toContain('without it');
      for (const kind of kinds) expect(howTo, `${rule} → ${kind}`).toContain(`(${GAP_CATALOGUE[kind].docsUrl})`);
    }
  });
});
