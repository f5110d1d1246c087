import type { ScanOptions, ScanResult } from '../model.js';

/** The engine's entry point as the CLI uses it; injected so tests can drive the CLI with a stub. */
export type ScanFunction = (options: ScanOptions) => Promise<ScanResult>;

/**
 * Loads `scan` from the package entry at run time. The engine lives in index.ts, owned by another
 * module; a build without it fails with a clear internal error instead of a crash on import.
 */
export async function loadEngine(): Promise<ScanFunction> {
  const entry = (await import('../index.js')) as unknown as { scan?: unknown };
  if (typeof entry.scan !== 'function') throw new Error('this build of tenant-audit has no scan engine (index.js exports no scan())');
  return entry.scan as ScanFunction;
}
