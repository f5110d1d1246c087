import { readFileSync, statSync } from 'node:fs';
import { decodeSource } from './decode.js';

const MAX_BYTES = 4 * 1024 * 1024;

export type ReadResult =
  | { ok: true; text: string; /** Read, but not cleanly (invalid UTF-8 replaced): one line for `errors`. */ warning?: string }
  | { ok: false; message: string };

/**
 * Reads a file as the compiler would (see decode.ts). Binary files (NUL bytes in the text), huge
 * generated files and unreadable files are refused with a one-line reason instead of being parsed
 * into noise; invalid UTF-8 is read with replacement characters and a warning, like `tsc` reads it.
 */
export function readText(path: string): ReadResult {
  let buf: Buffer;
  try {
    // Only regular files: reading a FIFO named like a source file would block the scan forever.
    if (!statSync(path).isFile()) return { ok: false, message: 'not a regular file (FIFO, socket or device), skipped' };
    buf = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, message: `cannot read file (${code})` };
  }
  if (buf.length > MAX_BYTES) return { ok: false, message: `file too large (${Math.round(buf.length / 1024)} KiB), skipped` };
  const decoded = decodeSource(buf);
  // NUL bytes are checked on the decoded text: UTF-16 text is full of zero bytes, and is not binary.
  if (decoded.text.includes('\0')) return { ok: false, message: 'binary file (contains NUL bytes), skipped' };
  if (decoded.invalidUtf8Line === undefined) return { ok: true, text: decoded.text };
  return {
    ok: true,
    text: decoded.text,
    warning: `not valid UTF-8 (first bad byte on line ${decoded.invalidUtf8Line}): read with replacement characters, as TypeScript reads it`,
  };
}
