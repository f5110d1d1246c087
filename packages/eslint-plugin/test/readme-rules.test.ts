/**
 * The README's rule table is where users choose rules: it must list exactly the rules the plugin
 * exports, each with its `meta.docs.description`, its kinds and their default severities, its level in
 * `recommended` / `strict`, whether it offers suggestions, and a link to its page. The first line of
 * each rule page (its kinds, "Has suggestions.") is checked against the rule too. That `meta.docs.url`
 * points at the page is `docs-url.test.ts`'s job.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GAP_CATALOGUE, PLUGIN_NAMESPACE, RULE_KINDS } from '@tenant-audit/core';
import { describe, expect, it } from 'vitest';
import { configs } from '../src/index.js';
import { rules } from '../src/rules/index.js';
import { section, tableRows } from './docs/markdown.js';

const read = (relative: string): string => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

const [header = [], ...rows] = tableRows(section(read('../README.md'), '## Rules'));
const byName = new Map(rows.map((cells) => [/^\[`([a-z-]+)`\]/.exec(cells[0] ?? '')?.[1] ?? cells[0]!, cells]));
const kindsText = (name: keyof typeof rules): string =>
  RULE_KINDS[name].map((kind) => `\`${kind}\` (${GAP_CATALOGUE[kind].defaultSeverity})`).join(', ');

describe('README rule table', () => {
  it('has the columns the checks below read', () => {
    expect(header).toEqual(['rule', 'description', 'kinds', 'recommended', 'strict', 'suggestions']);
  });

  it('lists exactly the rules the plugin exports, once each', () => {
    expect([...byName.keys()].sort()).toEqual(Object.keys(rules).sort());
    expect(rows).toHaveLength(Object.keys(rules).length);
  });

  it('no rule has an autofix (the README says suggestions are never autofixes; give the table a column when one does)', () => {
    expect(Object.entries(rules).filter(([, rule]) => (rule.meta as { fixable?: string }).fixable).map(([name]) => name)).toEqual([]);
  });

  describe.each(Object.entries(rules) as [keyof typeof rules, (typeof rules)[keyof typeof rules]][])('%s', (name, rule) => {
    const [link, description, kinds, recommended, strict, suggestions] = byName.get(name) ?? [];

    it('links to its docs page', () => {
      expect(link).toBe(`[\`${name}\`](docs/rules/${name}.md)`);
    });

    it('gives meta.docs.description', () => {
      expect(description).toBe(rule.meta.docs?.description);
    });

    it('lists its kinds with their default severities', () => {
      expect(kinds).toBe(kindsText(name));
    });

    it('gives its level in recommended and strict', () => {
      expect(recommended).toBe(configs.recommended.rules[`${PLUGIN_NAMESPACE}/${name}`]);
      expect(strict).toBe(configs.strict.rules[`${PLUGIN_NAMESPACE}/${name}`]);
    });

    it('names its suggestion exactly when it has one', () => {
      expect(Boolean(suggestions), `suggestions cell: "${suggestions}"`).toBe(Boolean((rule.meta as { hasSuggestions?: boolean }).hasSuggestions));
    });

    it('opens its docs page with the same kinds and the same word on suggestions', () => {
      const first = read(`../docs/rules/${name}.md`).split('\n').find((l) => l.startsWith('Reports ')) ?? '';
      for (const kind of RULE_KINDS[name]) expect(first).toContain(`**\`${kind}\`** (${GAP_CATALOGUE[kind].defaultSeverity}`);
      expect(first.includes('Has suggestions.')).toBe(Boolean((rule.meta as { hasSuggestions?: boolean }).hasSuggestions));
    });
  });
});
