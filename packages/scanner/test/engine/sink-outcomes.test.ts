import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';

const BASIC = fileURLToPath(new URL('../cli-fixtures/basic', import.meta.url));

describe('ScanOptions.sinkOutcomes', () => {
  it('returns every data-access sink with its outcome and why, counted as the coverage counts them', async () => {
    const result = await scan({ paths: [BASIC], sinkOutcomes: true });
    expect(result.sinkOutcomes).toEqual([
      { file: 'src/documents.ts', line: 6, symbol: 'findDocument', sink: 'prisma.document.findUnique', verdict: 'id-parameter', reason: 'filters by id only, an id the function receives', outcome: 'reported', why: 'by-id helper of a library' },
      { file: 'src/documents.ts', line: 10, symbol: 'listDocuments', sink: 'prisma.document.findMany', verdict: 'parameter', reason: 'tenant from a parameter', outcome: 'unjudged', why: 'no caller found in the scanned code for the value its callers decide', cause: 'caller' },
    ]);
    expect(result.coverage.sinks).toBe(result.sinkOutcomes?.length);
    expect(result.coverage.reported).toBe(1);
    expect(result.coverage.unjudgedBy.caller).toBe(1);
  });

  it('leaves them out unless asked (large code bases have thousands)', async () => {
    expect('sinkOutcomes' in (await scan({ paths: [BASIC] }))).toBe(false);
  });

  it('keeps only the selected files, as the findings are', async () => {
    const result = await scan({ paths: [BASIC], sinkOutcomes: true, onlyFiles: [`${BASIC}/src/cache.ts`] });
    expect(result.sinkOutcomes).toEqual([]);
  });
});
