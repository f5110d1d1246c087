/** The markdown convention the docs-examples test reads: labels, schemas and the two marks. */
import { describe, expect, it } from 'vitest';
import { extractExamples } from './docs/examples.js';

const fence = (lang: string, code: string): string => `\`\`\`${lang}\n${code}\n\`\`\``;

describe('extractExamples', () => {
  it('labels blocks by the Failing: / Passing: paragraph above them, until a heading', () => {
    const md = ['## Examples', 'Failing:', fence('ts', 'a();'), fence('js', 'b();'), 'Passing, because:', fence('ts', 'c();'), '## Next', fence('ts', 'd();')].join('\n\n');
    expect(extractExamples(md).map((e) => [e.code.trim(), e.expect])).toEqual([
      ['a();', 'failing'], ['b();', 'failing'], ['c();', 'passing'], ['d();', undefined],
    ]);
  });

  it('gives each block the last prisma block above it as its schema, and reads example-options', () => {
    const md = [fence('prisma', 'model A { id String @id }'), 'Failing:', '<!-- example-options: {"checkSpans": "always"} -->', fence('ts', 'a();'), fence('ts', 'b();')].join('\n\n');
    const [a, b] = extractExamples(md);
    expect(a).toMatchObject({ schema: 'model A { id String @id }\n', options: { checkSpans: 'always' } });
    expect(b).toMatchObject({ schema: 'model A { id String @id }\n', options: undefined });
  });

  it('records example-skip with its reason, and refuses one without a reason', () => {
    expect(extractExamples(`<!-- example-skip: needs a whole program -->\n${fence('ts', 'a();')}`)[0]?.skip).toBe('needs a whole program');
    expect(() => extractExamples(`<!-- example-skip: -->\n${fence('ts', 'a();')}`)).toThrow(/needs a reason/);
  });

  it('refuses a mark that is not right before a lintable block', () => {
    expect(() => extractExamples(`<!-- example-options: {} -->\nsome text\n${fence('ts', 'a();')}`)).toThrow(/right before/);
    expect(() => extractExamples(`<!-- example-skip: why -->\n${fence('sh', 'npm test')}`)).toThrow(/never linted/);
  });

  it('ignores blocks in other languages and refuses an unclosed block', () => {
    expect(extractExamples(`Failing:\n\n${fence('sh', 'npm i')}\n${fence('json', '{}')}`)).toEqual([]);
    expect(() => extractExamples('```ts\na();')).toThrow(/never closed/);
  });
});
