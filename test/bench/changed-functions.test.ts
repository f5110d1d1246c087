import { describe, expect, it } from 'vitest';
// The benchmark's own diff reader, plain JavaScript beside its runner.
// @ts-expect-error -- an untyped .mjs module
import { changedFunctions, parseHunks } from '../../bench/real-fixes/changed-functions.mjs';

const PARENT = `export default withProjectAuth(async (req, res, project) => {
  const { domain } = req.query;

  // PUT edits the domain
  if (req.method === 'PUT') {
    return res.json(await prisma.domain.update({ where: { slug: domain }, data: req.body }));
  }
});
`;

function diffOf(hunk: string): string {
  return `--- a/route.ts\n+++ b/route.ts\n${hunk}\n`;
}

describe('changed functions of a real fix', () => {
  it('a check inserted between a blank line and a comment changes the handler around it', () => {
    // Ten lines inserted after the parent's line 3 (blank), before line 4 (a comment).
    const hunks = parseHunks(diffOf('@@ -3,0 +4,10 @@'));
    const h = hunks.get('route.ts');
    const before = changedFunctions('route.ts', PARENT, h.oldLines, h.oldAnchors);
    expect(before.map((f: { start: number }) => f.start)).toEqual([1]);
  });

  it('a changed comment or blank line alone changes no function', () => {
    const hunks = parseHunks(diffOf('@@ -4 +4 @@'));
    const h = hunks.get('route.ts');
    expect(changedFunctions('route.ts', PARENT, h.oldLines, h.oldAnchors)).toEqual([]);
  });
});
