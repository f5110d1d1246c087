/**
 * Reads the example code blocks of a rule's docs page, so the docs can be linted like code.
 *
 * The convention (also described in the plugin README, "Docs examples are tested"):
 *
 * - A paragraph that is just `Failing:` or `Passing:` (any text may follow the word, ending in `:`)
 *   labels every code block after it, up to the next label or heading. Failing blocks must draw at
 *   least one report from the page's rule, passing blocks none. In a failing block every top-level
 *   function, class and statement is a case that must draw its own report; imports, types and plain
 *   variables (`const redis = new Redis()`) are setup and need not.
 * - A ```prisma block is the data model of the blocks after it on the same page (written to
 *   `schema.prisma` next to the linted file); without one, the page's blocks see no schema.
 * - `<!-- example-options: {…} -->` right before a block gives the rule's options object (JSON).
 * - `<!-- example-skip: reason -->` right before a block says it cannot be linted; such marks are
 *   counted by the test, so they cannot grow unnoticed.
 *
 * Every ts / js block on a rule page must be labelled or skipped: an unlabelled one is an error.
 */

export type Expectation = 'failing' | 'passing';

export interface Example {
  /** 1-based line of the opening fence, for failure messages. */
  line: number;
  lang: string;
  code: string;
  expect: Expectation | undefined;
  /** The reason given by `example-skip`, when the block is marked as not lintable. */
  skip: string | undefined;
  options: Record<string, unknown> | undefined;
  /** Text of the last ```prisma block above this one on the page. */
  schema: string | undefined;
}

const CODE_LANGS = new Set(['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'typescript', 'javascript']);
const LABEL = /^(Failing|Passing)\b[^\n]*:$/;
const MARK = /^<!--\s*example-(options|skip):\s*([\s\S]*?)\s*-->$/;

export function extractExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let expect: Expectation | undefined;
  let schema: string | undefined;
  let pending: { options?: Record<string, unknown>; skip?: string } = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const fence = /^```(\S*)/.exec(line);
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && l.trim().startsWith('```'));
      if (end < 0) throw new Error(`line ${i + 1}: code block is never closed`);
      const lang = fence[1]!;
      const code = lines.slice(i + 1, end).join('\n') + '\n';
      if (lang === 'prisma') schema = code;
      else if (CODE_LANGS.has(lang)) {
        examples.push({ line: i + 1, lang, code, expect, skip: pending.skip, options: pending.options, schema });
      } else if (pending.options || pending.skip !== undefined) {
        throw new Error(`line ${i + 1}: an example mark stands before a \`${lang || 'plain'}\` block, which is never linted`);
      }
      pending = {};
      i = end;
      continue;
    }
    if (line.startsWith('#')) expect = undefined;
    const label = LABEL.exec(line);
    if (label) expect = label[1] === 'Failing' ? 'failing' : 'passing';
    const mark = MARK.exec(line);
    if (mark) {
      if (mark[1] === 'skip') {
        if (!mark[2]) throw new Error(`line ${i + 1}: example-skip needs a reason`);
        pending.skip = mark[2];
      } else {
        pending.options = JSON.parse(mark[2]!) as Record<string, unknown>;
      }
    } else if (line !== '' && (pending.options || pending.skip !== undefined)) {
      throw new Error(`line ${i + 1}: an example mark must stand right before its code block`);
    }
  }
  return examples;
}
