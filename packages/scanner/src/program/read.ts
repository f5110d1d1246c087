import { readFileSync, statSync } from 'node:fs';

const MAX_BYTES = 4 * 1024 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true });

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * Reads a file as UTF-8 text. Binary files (NUL bytes), invalid UTF-8, huge generated files and
 * unreadable files are refused with a one-line reason instead of being parsed into noise.
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
  if (buf.includes(0)) return { ok: false, message: 'binary file (contains NUL bytes), skipped' };
  try {
    return { ok: true, text: decoder.decode(buf).replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, message: 'not valid UTF-8 text, skipped' };
  }
}
