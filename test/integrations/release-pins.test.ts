/**
 * The docs and integration files tell users to pin this repository's release (the action's tag, the
 * pre-commit `rev`, the GitLab template's URL, the npm package). They must all name the version the
 * scanner is at, or a release would send users to the previous one.
 */
import { describe, expect, it } from 'vitest';
import { SCANNER_VERSION, readRepoFile } from './support.js';

const FILES = ['README.md', 'packages/scanner/README.md', '.pre-commit-hooks.yaml', 'action.yml', 'integrations/gitlab/tenant-audit.gitlab-ci.yml'];

/** Every way a file pins a release: `uses: …@vX`, `rev: vX`, a raw URL's `/vX/`, `tenant-audit@X`. */
const PIN = /tenant-audit\/tenant-audit@v(\d+\.\d+\.\d+)|\brev: v(\d+\.\d+\.\d+)|tenant-audit\/tenant-audit\/v(\d+\.\d+\.\d+)\/|\btenant-audit@(\d+\.\d+\.\d+)/g;

describe('release pins', () => {
  it('every pinned release in the docs and integration files is the scanner version', () => {
    const pins = FILES.flatMap((file) => [...readRepoFile(file).matchAll(PIN)].map((m) => ({ file, version: m.slice(1).find((v) => v !== undefined) })));
    // The action, the GitLab template, the pre-commit rev and the hook's npm package, at least.
    expect(pins.length).toBeGreaterThanOrEqual(8);
    expect(pins.filter((p) => p.version !== SCANNER_VERSION)).toEqual([]);
  });
});
