import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_KEYS } from '@tenant-audit/core';
import { describe, expect, it } from 'vitest';

/**
 * The README's config table documents every key core declares, and no other: a key added to
 * core's one list without a line for users (or a row left behind for a removed key) fails here.
 */
const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** Keys named in the first column of the table under "| key | default | meaning |". */
export function tableKeys(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^\| key \| default \| meaning \|$/.test(l.trim()));
  if (start < 0) return [];
  const keys: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const first = line.split('|')[1] ?? '';
    for (const m of first.matchAll(/`([^`]+)`/g)) keys.push(m[1]!);
  }
  return keys;
}

describe('the README config table', () => {
  it('has one row entry per declared config key', () => {
    const keys = tableKeys(readFileSync(README, 'utf8'));
    expect([...keys].sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
  });

  it('reads combined rows and stops at the end of the table', () => {
    const text = ['| key | default | meaning |', '| --- | --- | --- |', '| `a` / `b` | `[]` | x `c` |', '| `d` | 1 | y |', '', '| `e` | | after |'].join('\n');
    expect(tableKeys(text)).toEqual(['a', 'b', 'd']);
  });
});
