import { ts as bundled } from 'ts-morph';
import type * as TS from 'typescript';

/**
 * The compiler the scanner parses and checks with: the TypeScript that ts-morph bundles (6.0, the same
 * release as the `typescript` package), typed with the `typescript` package's declarations. Core and the
 * ESLint plugin are written against those declarations, so the scanner's nodes are core's nodes in the
 * type system too, and cross the seam without casts (two copies of the declarations would make every
 * `SyntaxKind` a different enum). `compiler.test.ts` checks the two releases stay the same.
 */
export const ts: typeof TS = bundled as unknown as typeof TS;
export type { TS };
