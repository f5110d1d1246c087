/**
 * A validator for the SARIF 2.1.0 schema shipped in `packages/scanner/schema`, shared by the SARIF
 * reporter's tests and the GitHub Action's test (the file the action uploads to code scanning).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SCHEMA_DIR } from './cli.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * The shipped schema is draft-04 (as OASIS published it). Ajv 8 reads it once the draft-04 `$schema`
 * is dropped and the top-level `id` is read as `$id`; no other draft-04-only keyword occurs in it.
 */
export function sarifValidator(): ValidateFunction {
  const raw = JSON.parse(readFileSync(join(SCHEMA_DIR, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = raw;
  // unicodeRegExp off: the official schema's `language` pattern has a stray `]`, legal only outside u-mode.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id as string, ...rest });
}
