import { describe, expect, it } from 'vitest';
import { markdownCode, markdownText } from '../../src/report/markdown-text.js';
import { printable, visibleControls } from '../../src/report/printable.js';
import { relativeUri } from '../../src/report/sarif-uri.js';

describe('printable', () => {
  it('shows line breaks, ESC, DEL, C1 controls, line separators and bidi controls as escapes; keeps tabs and text', () => {
    expect(printable('a\nb\r\nc\u001b[2Jd\u007fe\u009bf\u2028g\u202eh\u2066i\tj é 中')).toBe('a\\nb\\r\\nc\\u{001b}[2Jd\\u{007f}e\\u{009b}f\\u{2028}g\\u{202e}h\\u{2066}i\tj é 中');
    expect(visibleControls('a\nb\u001b')).toBe('a\nb\\u{001b}');
  });
});

describe('markdownText', () => {
  it('escapes what Markdown or HTML would read as markup', () => {
    expect(markdownText('a <b>`c`</b> | [d](e) *f* _g_ # h ! ~ & \\')).toBe('a \\<b\\>\\`c\\`\\</b\\> \\| \\[d\\](e) \\*f\\* \\_g\\_ \\# h \\! \\~ \\& \\\\');
  });

  it('a list or heading marker at the start cannot open a block', () => {
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('+ item')).toBe('\\+ item');
    expect(markdownText('12. item')).toBe('12\\. item');
    expect(markdownText('# title')).toBe('\\# title');
    expect(markdownText('a - b 1. c')).toBe('a - b 1. c');
  });
});

describe('markdownCode', () => {
  it('uses a fence longer than any backtick run, padded when the text starts or ends with a backtick or space', () => {
    expect(markdownCode('src/a.ts')).toBe('`src/a.ts`');
    expect(markdownCode('a`b``c')).toBe('```a`b``c```');
    expect(markdownCode('`a')).toBe('`` `a ``');
    expect(markdownCode(' a ')).toBe('`  a  `');
    expect(markdownCode('x\ny')).toBe('`x\\ny`');
  });
});

describe('relativeUri', () => {
  it('percent-encodes each segment, so # ? % and : stay in the path', () => {
    expect(relativeUri('src/a#b?c%d:e f.ts')).toBe('src/a%23b%3Fc%25d%3Ae%20f.ts');
    expect(relativeUri('c:/x.ts')).toBe('c%3A/x.ts');
    expect(relativeUri('src/\uD800.ts')).toBe('src/%EF%BF%BD.ts');
  });
});
