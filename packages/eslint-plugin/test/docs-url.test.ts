/**
 * Editors and `eslint --format` link a report to `meta.docs.url`: every rule must carry one, and it
 * must name a docs page that exists in this repository (a renamed rule or a moved page breaks the link).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/rules/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BLOB = 'https://github.com/tenant-audit/tenant-audit/blob/main/';

describe('meta.docs.url', () => {
  it.each(Object.entries(rules))('%s links to its own docs page, which exists', (name, rule) => {
    const url = rule.meta.docs?.url;
    expect(url).toBe(`${BLOB}packages/eslint-plugin/docs/rules/${name}.md`);
    expect(existsSync(join(REPO, url!.slice(BLOB.length))), url).toBe(true);
  });

  it('every docs page belongs to a rule (no page left behind by a rename)', () => {
    const pages = readdirSync(join(REPO, 'packages/eslint-plugin/docs/rules')).filter((f) => f.endsWith('.md'));
    expect(pages.map((f) => f.replace(/\.md$/, '')).sort()).toEqual(Object.keys(rules).sort());
  });
});
