import type { CliIo } from './io.js';

/** Collapses a message to one line: pipelines grep the first stderr line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Prints `tenant-audit: <message>`, plus the stack only when TENANT_AUDIT_DEBUG=1. */
export function reportFailure(io: CliIo, message: string, error?: unknown): void {
  io.stderr(`tenant-audit: ${oneLine(message)}\n`);
  if (io.env.TENANT_AUDIT_DEBUG === '1' && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
}
