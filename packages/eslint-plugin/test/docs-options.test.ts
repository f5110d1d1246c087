/**
 * Every option a rule accepts is documented in one place, the README's settings table, and every rule
 * page links there; an option only one rule reads is also explained on that rule's page. A key added
 * to the schema without a row, or a row left behind by a removed key, fails here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NAME_IDS } from '@tenant-audit/core';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/rules/index.js';
import { optionsSchema } from '../src/util/options.js';
import { anchor, codeSpans, section, tableRows } from './docs/markdown.js';

const read = (relative: string): string => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

const README = read('../README.md');
const SETTINGS_HEADING = '## Tenant field names and other settings';
const SETTINGS_LINK = `../../README.md#${anchor(SETTINGS_HEADING)}`;

/** Option keys named in the first column of the README's settings table, row by row. */
const rows = tableRows(section(README, SETTINGS_HEADING)).slice(1).map(([keys = '', , meaning = '']) => ({ keys: codeSpans(keys), meaning }));
const documented = rows.flatMap((r) => r.keys);

const keysOf = (schema: JSONSchema4[] | JSONSchema4 | undefined): string[] =>
  (Array.isArray(schema) ? schema : schema ? [schema] : []).flatMap((s) => Object.keys(('properties' in s ? s.properties : undefined) ?? {}));
const sharedKeys = keysOf(optionsSchema);

describe('options documentation', () => {
  it('the README settings table documents every key of the shared options schema', () => {
    expect(sharedKeys.filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('the README settings table documents no key the schema does not accept', () => {
    expect(documented.filter((key) => !sharedKeys.includes(key))).toEqual([]);
  });

  it('every heuristic id that `names` accepts has its section in docs/names.md', () => {
    const names = read('../../../docs/names.md');
    expect(NAME_IDS.filter((id) => !names.includes(`## \`${id}\``))).toEqual([]);
  });

  describe.each(Object.entries(rules))('%s', (name, rule) => {
    const page = read(`../docs/rules/${name}.md`);
    const options = section(page, '## Options');

    it('links its Options section to the shared settings table', () => {
      expect(options).toContain(`](${SETTINGS_LINK})`);
    });

    it('explains on its page every option of its own (beyond the shared schema, or marked for it only in the table)', () => {
      const own = [
        ...keysOf(rule.meta.schema as JSONSchema4[]).filter((key) => !sharedKeys.includes(key)),
        ...rows.filter((r) => r.meaning.includes(`\`${name}\` only`)).flatMap((r) => r.keys),
      ];
      expect(own.filter((key) => !codeSpans(options).some((span) => span === key || span.startsWith(`${key}:`)))).toEqual([]);
    });
  });
});
