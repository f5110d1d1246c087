import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentHash, stableHash, toolFingerprint, type AnalysisEnv } from '@tenant-audit/core';
import { ts, type TS } from '../compiler.js';

/** This build of the scanner and core, with the compiler it parses with. */
export function scannerFingerprint(): string {
  return toolFingerprint(fileURLToPath(new URL('..', import.meta.url)), ts.version);
}

/**
 * What a file's analysis depends on besides its own text and path: the tool, the config, the compiler
 * options it was parsed with, and what the scan learnt from the whole program before analysing any
 * file (the data model, the tRPC procedures that check the tenant, whether the runtime is used).
 */
export function analysisEnvKey(fingerprint: string, env: AnalysisEnv, compilerOptions: unknown): string {
  return stableHash({
    fingerprint,
    config: env.config,
    dataModel: env.dataModel,
    verifiedProcedures: env.verifiedProcedures ?? null,
    usesRuntime: env.usesRuntime ?? null,
    compilerOptions,
  });
}

export function fileFactsKey(envKey: string, path: string, textHash: string): string {
  return contentHash(`${envKey}\n${path}\n${textHash}`);
}

/**
 * Each input file's path with the hash of its bytes. What is not a regular file (a FIFO, a device:
 * reading one could block forever) or cannot be read is named by its kind instead: that is an input too.
 */
export function inputsDigest(paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of [...new Set(paths)].sort()) {
    try {
      const stat = statSync(p);
      out.set(p, stat.isFile() ? contentHash(readFileSync(p)) : 'not a regular file');
    } catch {
      out.set(p, 'unreadable');
    }
  }
  return out;
}

/**
 * The key of a whole scan's result: the tool, everything the scan was asked, and the bytes of every
 * file it read. Any edit, added or removed file, config change or rebuild of the tool gives another key.
 */
export function scanResultKey(parts: Record<string, unknown>): string {
  return stableHash(parts);
}
