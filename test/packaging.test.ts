/**
 * What npm would publish, checked offline with `npm pack --dry-run --json` (nothing is installed,
 * fetched or written): every package ships the MIT licence, no TypeScript build info, and no source
 * map or `sourceMappingURL` that points at a file the tarball does not hold; its package.json says
 * where it comes from and that a scoped package is public. Needs the build (`npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPOSITORY = 'https://github.com/tenant-audit/tenant-audit';
const PACKAGES = ['core', 'runtime', 'eslint-plugin', 'scanner'] as const;

interface PackageJson {
  name: string;
  main: string;
  license?: string;
  keywords?: string[];
  homepage?: string;
  repository?: { type?: string; url?: string; directory?: string };
  bugs?: { url?: string };
  publishConfig?: { access?: string };
  files?: string[];
}

/** The paths `npm pack` would put in the tarball, relative to the package folder. */
function packedFiles(dir: string): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

/**
 * Every way a shipped file can point at a source that is not shipped: a `.map` whose `sources` are
 * missing, or a `sourceMappingURL` comment naming a map that is missing. Paths are tarball paths.
 */
function danglingMaps(dir: string, files: readonly string[]): string[] {
  const shipped = new Set(files);
  const problems: string[] = [];
  for (const file of files) {
    if (file.endsWith('.map')) {
      const map = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { sources?: string[]; sourceRoot?: string };
      for (const source of map.sources ?? []) {
        const target = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? '', source));
        if (!shipped.has(target)) problems.push(`${file} → ${target}`);
      }
    } else if (/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(file)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
      if (url && !url.startsWith('data:')) {
        const target = posix.normalize(posix.join(posix.dirname(file), url));
        if (!shipped.has(target)) problems.push(`${file} → ${target}`);
      }
    }
  }
  return problems;
}

describe('danglingMaps', () => {
  it('finds a map whose sources are not shipped and a sourceMappingURL whose map is not shipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-pack-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/a.js'), 'export {};\n//# sourceMappingURL=a.js.map\n');
    writeFileSync(join(dir, 'dist/a.js.map'), JSON.stringify({ version: 3, sources: ['../src/a.ts'], mappings: '' }));
    writeFileSync(join(dir, 'dist/b.d.ts'), 'export {};\n//# sourceMappingURL=b.d.ts.map\n');
    expect(danglingMaps(dir, ['dist/a.js', 'dist/a.js.map', 'dist/b.d.ts'])).toEqual(['dist/a.js.map → src/a.ts', 'dist/b.d.ts → dist/b.d.ts.map']);
    expect(danglingMaps(dir, ['dist/a.js', 'dist/a.js.map', 'src/a.ts'])).toEqual([]);
  });
});

describe.each(PACKAGES)('packages/%s', (name) => {
  const dir = join(REPO, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  let files: string[] | undefined;
  const tarball = (): string[] => (files ??= packedFiles(dir));

  it('the tarball holds the built entry point and the MIT licence, identical to the repository\'s', () => {
    expect(tarball(), 'no dist in the tarball: run `npm run build` first').toContain(posix.normalize(pkg.main));
    expect(tarball()).toContain('LICENSE');
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(REPO, 'LICENSE'), 'utf8'));
    expect(readFileSync(join(REPO, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  });

  it('no TypeScript build info, no sources or tests, no map pointing at an unshipped file', () => {
    expect(tarball().filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
    expect(tarball().filter((f) => /^(src|test)\//.test(f))).toEqual([]);
    expect(danglingMaps(dir, tarball())).toEqual([]);
  });

  it('package.json says where it comes from, its licence, and that it is published publicly', () => {
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git`, directory: `packages/${name}` });
    expect(pkg.homepage).toBe(`${REPOSITORY}/tree/main/packages/${name}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    expect(pkg.keywords?.length).toBeGreaterThan(0);
    expect(pkg.publishConfig).toEqual({ access: 'public' });
    expect(pkg.files).toContain('LICENSE');
  });
});
