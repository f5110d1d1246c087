/**
 * Shared plumbing for tests against real servers (redis-server, PostgreSQL). A missing server binary
 * skips the suite locally, with a message naming the Debian package, but fails it under CI=true: CI
 * must never go green because the thing under test was not there.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';

export function isCI(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** First executable named `name` on PATH or in the usual Debian locations. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  return dirs.filter(Boolean).map((dir) => join(dir, name)).find((p) => existsSync(p));
}

/** A free loopback TCP port (bind to 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * describe() for a suite that needs a server binary. Found → runs. Missing and not CI → skipped with
 * a console message. Missing under CI → runs anyway, so its beforeAll (startX) throws and the suite fails.
 */
export function describeWithServer(name: string, available: boolean, debianPackage: string, fn: () => void): void {
  const skip = !available && !isCI();
  if (skip) {
    console.warn(`[tenant-audit] skipping "${name}": server binary not found; install the Debian package "${debianPackage}" (apt-get install -y ${debianPackage}). Under CI=true this is a failure.`);
  }
  describe.skipIf(skip)(name, fn);
}

export class MissingServerError extends Error {
  constructor(binary: string, debianPackage: string) {
    super(`${binary} not found: install the Debian package "${debianPackage}" (CI=true treats a missing server as a failure)`);
  }
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return; // a throwing check aborts the wait (e.g. the server process exited)
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
