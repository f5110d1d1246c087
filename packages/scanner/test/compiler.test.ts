import { createRequire } from 'node:module';
import { ts as bundled } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ts } from '../src/compiler.js';

const typescript = createRequire(import.meta.url)('typescript') as { version: string };

describe('the compiler the scanner runs', () => {
  it('is ts-morph\'s bundled TypeScript, the release whose declarations core and the scanner are typed with', () => {
    expect(ts).toBe(bundled);
    // The bridge types ts-morph's copy with the `typescript` package's declarations: true only while
    // both are the same release. An upgrade of one without the other fails here, not in a user's scan.
    expect(ts.version).toBe(typescript.version);
  });
});
