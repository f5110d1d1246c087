/**
 * Bytes to text the way the TypeScript compiler reads a source file (`ts.sys.readFile`): a UTF-16 BE
 * or LE byte-order mark selects UTF-16, a UTF-8 BOM is dropped, everything else is UTF-8 with invalid
 * bytes replaced by U+FFFD. Reading any other way would skip files `tsc` compiles without a word, and
 * a scanner that skips what the compiler accepts has a blind spot anyone can open with one byte.
 */
export type Encoding = 'utf8' | 'utf16le' | 'utf16be';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** 1-based line of the first byte that is not valid UTF-8 (replaced by U+FFFD); absent when valid. */
  invalidUtf8Line?: number;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Where the first invalid UTF-8 sequence starts: re-encoding the decoded text gives the same bytes up
 * to it (a valid prefix round-trips; a replaced byte comes back as EF BF BD).
 */
function firstInvalidUtf8(bytes: Buffer, text: string): number | undefined {
  const again = Buffer.from(text, 'utf8');
  if (again.equals(bytes)) return undefined;
  const n = Math.min(again.length, bytes.length);
  for (let i = 0; i < n; i++) if (again[i] !== bytes[i]) return i;
  return n;
}

export function decodeSource(bytes: Buffer): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // UTF-16 BE: swap each pair (an odd last byte is dropped, as the compiler does) and read as LE.
    const even = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    return { text: Buffer.from(even).swap16().toString('utf16le'), encoding: 'utf16be' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.toString('utf16le', 2), encoding: 'utf16le' };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const text = body.toString('utf8');
  const bad = firstInvalidUtf8(body, text);
  return bad === undefined ? { text, encoding: 'utf8' } : { text, encoding: 'utf8', invalidUtf8Line: lineAt(body, bad) };
}
