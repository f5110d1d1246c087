/**
 * Lints text with all nine rules through ESLint's own `Linter` (ESLint 9 and 10), the way editors
 * and `eslint` run them: a crash in a rule surfaces as a thrown error, a parse error as ESLint's own
 * fatal message. Shared by the robustness suites of this folder.
 */
import { Linter as Linter9 } from 'eslint';
import { Linter as Linter10 } from 'eslint10';
import plugin, { configs } from '../../src/index.js';

export const RULE_IDS = Object.keys(plugin.rules).map((r) => `tenant-isolation/${r}`);

export interface Message { ruleId: string | null; line: number; column: number; message: string; fatal?: boolean | undefined; severity: number }

const linters = { 9: new Linter9({ configType: 'flat' }), 10: new Linter10({ configType: 'flat' }) } as const;

/** All nine rules as errors, typescript-eslint's parser for every extension (the flat/strict config). */
const config = [configs['flat/strict']];

export function lint(text: string, filename: string, version: 9 | 10 = 9): Message[] {
  const linter = linters[version] as unknown as { verify(code: string, config: unknown, options: { filename: string }): Message[] };
  return linter.verify(text, config, { filename });
}
