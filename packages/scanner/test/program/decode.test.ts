import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/program/decode.js';
import { readText } from '../../src/program/read.js';

const CODE = 'export const café = "ünïcödé";\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** What the compiler itself reads from these bytes: the reference the decoder must match. */
function compilerReads(bytes: Buffer): string | undefined {
  const file = join(mkdtempSync(join(tmpdir(), 'ta-decode-')), 'f.ts');
  writeFileSync(file, bytes);
  return ts.sys.readFile(file);
}

const CASES: [string, Buffer][] = [
  ['UTF-8', Buffer.from(CODE, 'utf8')],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CODE, 'utf8')])],
  ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CODE, 'utf16le')])],
  ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(CODE)])],
  ['Latin-1 byte in a comment', Buffer.from('// caf\xe9\nexport const x = 1;\n', 'latin1')],
  ['UTF-16 BE with an odd last byte', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('let a = 1;'), Buffer.from([0x41])])],
];

describe('decodeSource', () => {
  it.each(CASES)('%s: the same text as ts.sys.readFile', (_name, bytes) => {
    expect(decodeSource(bytes).text).toBe(compilerReads(bytes));
  });

  it('names the encoding, and the line of the first invalid UTF-8 byte', () => {
    expect(decodeSource(CASES[0]![1])).toEqual({ text: CODE, encoding: 'utf8' });
    expect(decodeSource(CASES[2]![1]).encoding).toBe('utf16le');
    expect(decodeSource(CASES[3]![1]).encoding).toBe('utf16be');
    const latin1 = Buffer.from('const a = 1;\nconst b = 2;\n// na\xefve\n', 'latin1');
    expect(decodeSource(latin1)).toEqual({ text: 'const a = 1;\nconst b = 2;\n// na\uFFFDve\n', encoding: 'utf8', invalidUtf8Line: 3 });
  });

  it('a literal U+FFFD in valid UTF-8 is not an invalid byte', () => {
    expect(decodeSource(Buffer.from('// \uFFFD\n', 'utf8')).invalidUtf8Line).toBeUndefined();
  });

  it('a truncated multi-byte sequence at the end is found', () => {
    expect(decodeSource(Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x82])).invalidUtf8Line).toBe(2);
  });
});

describe('readText', () => {
  function file(bytes: Buffer): string {
    const path = join(mkdtempSync(join(tmpdir(), 'ta-read-')), 'f.ts');
    writeFileSync(path, bytes);
    return path;
  }

  it('reads UTF-16 text with a BOM although it is full of zero bytes', () => {
    expect(readText(file(CASES[2]![1]))).toEqual({ ok: true, text: CODE });
    expect(readText(file(CASES[3]![1]))).toEqual({ ok: true, text: CODE });
  });

  it('reads invalid UTF-8 with replacement characters and a one-line warning', () => {
    const read = readText(file(Buffer.from('// caf\xe9\nexport const x = 1;\n', 'latin1')));
    expect(read).toEqual({
      ok: true,
      text: '// caf\uFFFD\nexport const x = 1;\n',
      warning: 'not valid UTF-8 (first bad byte on line 1): read with replacement characters, as TypeScript reads it',
    });
  });

  it('still refuses binary files: NUL bytes in UTF-8, or NUL characters in BOM-marked UTF-16', () => {
    expect(readText(file(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01])))).toEqual({ ok: false, message: 'binary file (contains NUL bytes), skipped' });
    const utf16WithNul = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\0b', 'utf16le')]);
    expect(readText(file(utf16WithNul))).toEqual({ ok: false, message: 'binary file (contains NUL bytes), skipped' });
  });
});
