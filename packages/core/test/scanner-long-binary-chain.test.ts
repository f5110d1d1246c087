import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, parse } from './helpers.js';

/** Generated code (bundles, embedded assets) can hold one `'a' + 'b' + …` chain tens of thousands deep. */
describe('a long generated binary chain (scanner robustness)', () => {
  it('is analysed in linear time and fail-open checks around it are still found', () => {
    const chain = Array.from({ length: 30000 }, (_, i) => `'a${i}'`).join(' + ');
    const sf = parse(`export const blob = ${chain};\nexport const ok = (row: any, tenantId: string) => (row.tenantId ?? tenantId) === tenantId;\n`);
    const started = performance.now();
    const { findings } = analyseSourceFile(sf, envFor());
    expect(performance.now() - started).toBeLessThan(15_000); // quadratic took minutes
    expect(findings.map((f) => f.kind)).toEqual(['fail-open-tenant-check']);
  });
});
