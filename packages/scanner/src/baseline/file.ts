import { readFileSync, writeFileSync } from 'node:fs';
import { isGapKind, type GapKind } from '@tenant-audit/core';
import { UsageError } from '../errors.js';
import type { Finding } from '../model.js';

export interface BaselineEntry {
  fingerprint: string;
  /** kind, file and line are for the humans reviewing the baseline diff; matching uses the fingerprint. */
  kind: GapKind;
  file: string;
  line: number;
}

export interface BaselineFile {
  schemaVersion: 1;
  tool: 'tenant-audit';
  findings: BaselineEntry[];
}

export function readBaseline(path: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read baseline ${path} (${code === 'ENOENT' ? 'not found; create it with --update-baseline' : code})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const list = (raw as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(list)) throw new UsageError(`baseline ${path}: key "findings" must be an array`);
  return list.map((entry, index) => {
    const e = entry as Partial<BaselineEntry> | null;
    if (!e || typeof e.fingerprint !== 'string') throw new UsageError(`baseline ${path}: findings[${index}].fingerprint must be a string`);
    return { fingerprint: e.fingerprint, kind: isGapKind(e.kind) ? e.kind : 'unscoped-query', file: String(e.file ?? ''), line: Number(e.line ?? 0) };
  });
}

/** Sorted by file, line, kind, fingerprint so a re-run on unchanged code writes the same bytes. */
export function baselineOf(findings: readonly Finding[]): BaselineFile {
  const entries = findings
    .map((f) => ({ fingerprint: f.fingerprint, kind: f.kind, file: f.file, line: f.line }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.kind.localeCompare(b.kind) || a.fingerprint.localeCompare(b.fingerprint));
  return { schemaVersion: 1, tool: 'tenant-audit', findings: entries };
}

export function writeBaseline(path: string, findings: readonly Finding[]): number {
  const file = baselineOf(findings);
  try {
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write baseline ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return file.findings.length;
}
