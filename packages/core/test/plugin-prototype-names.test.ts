import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

// Found by linting the repository with the ESLint plugin: method names that exist on
// Object.prototype were looked up in the sink tables and matched as sinks.
describe('sink tables ignore Object.prototype names', () => {
  it('does not take buf.toString() / toString chains for vector searches or builder chains', () => {
    const code = `
      export function hex(byte: number, iv: Buffer, data: Buffer) {
        const a = byte.toString(16).toUpperCase().padStart(2, '0');
        return [a, iv.toString('base64'), data.toString('hex'), zlib.gunzipSync(data).toString('utf8')].join('.');
      }
      export const c = (x: object) => x.constructor.valueOf().hasOwnProperty('a');
    `;
    expect(findings(code)).toEqual([]);
  });

  it('still recognises the real methods', () => {
    const code = `
      export async function f(id: string) {
        return prisma.document.findUnique({ where: { id } });
      }
    `;
    expect(findings(code).map((f) => f.kind)).toEqual(['unscoped-query']);
  });
});
