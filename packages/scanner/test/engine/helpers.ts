import { fileURLToPath } from 'node:url';
import { scan } from '../../src/index.js';
import type { Finding, ScanOptions, ScanResult } from '../../src/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(name: string): string {
  return `${FIXTURES}${name}`;
}

export async function scanFixture(name: string, extra: Partial<ScanOptions> = {}): Promise<ScanResult> {
  return scan({ paths: [fixture(name)], ...extra });
}

/** The comparable part of a finding: kind, severity, file, line. */
export function brief(f: Finding): string {
  return `${f.kind} ${f.severity} ${f.file}:${f.line}`;
}

export async function briefs(name: string, extra: Partial<ScanOptions> = {}): Promise<string[]> {
  return (await scanFixture(name, extra)).findings.map(brief);
}
