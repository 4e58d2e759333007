import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildSiteOptions, buildSite } from '../src/build-site.js';
import { countRenderedPages, countRendererLoads } from '../src/eleventy/render-pages.js';
import { listFiles, makeTempDir } from '../src/test-utils/temp-project.js';
import { gitEnv, makeVersionsProject, type VersionsProject } from './versions-project.js';

const example = resolve(fileURLToPath(import.meta.url), '../../../../examples/acme-shop');
const now = new Date('2026-01-31T00:00:00Z');

const extraGuides = [
  { slug: 'reviews', title: 'Reviews', markdown: '# Reviews\n\n## Who reviews\n\nThe team.\n' },
];

/** Every file of a built site, by path. */
async function readSite(out: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of await listFiles(out)) files.set(file, await readFile(join(out, file)));
  return files;
}

/** The files that differ between two sites, or that only one of them has. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.filter((name) => !a.get(name)?.equals(b.get(name) ?? Buffer.alloc(0)));
}

/** The entries of the build cache in `cacheDir`, by kind. */
async function cacheEntries(cacheDir: string): Promise<Record<string, string[]>> {
  const dir = join(cacheDir, 'docs-site');
  const entries: Record<string, string[]> = {};
  for (const kind of await readdir(dir).catch(() => [])) {
    entries[kind] = (await readdir(join(dir, kind))).filter((name) => !name.startsWith('.'));
  }
  return entries;
}

async function cacheSize(cacheDir: string): Promise<number> {
  let total = 0;
  for (const [kind, names] of Object.entries(await cacheEntries(cacheDir))) {
    for (const name of names) total += (await stat(join(cacheDir, 'docs-site', kind, name))).size;
  }
  return total;
}

/**
 * A project whose pack `team` extends its pack `org` (`path:../org`), both at 1.0.0 and 1.1.0 in
 * git history: team's earlier version is composed over org as the project has it now. org also
 * has a template whose example plan never renders.
 */
async function makeChainProject(root: string): Promise<void> {
  await mkdir(join(root, 'packs/org'), { recursive: true });
  await mkdir(join(root, 'packs/team'), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env: gitEnv, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  await writeFile(
    join(root, 'specforge.config.yaml'),
    'name: Chain\npacks:\n  - ./packs/org\n  - ./packs/team\n',
  );
  const manifest = (name: string, version: string, base?: string) =>
    JSON.stringify({
      name: `@chain/${name}`,
      version,
      private: true,
      specforge: {
        name,
        ...(base ? { extends: base } : {}),
        templates: base ? { brief: 'brief.md' } : { brief: 'brief.md', broken: 'broken.md' },
      },
    });
  const releases: [string, string][] = [
    ['1.0.0', 'first'],
    ['1.1.0', 'second'],
  ];
  for (const [version, note] of releases) {
    await writeFile(join(root, 'packs/org/package.json'), manifest('org', version));
    await writeFile(
      join(root, 'packs/org/brief.md'),
      `---\nid: brief\nkind: other\n---\n# Brief: {{spec.title}}\n\n## Context\n\nThe ${note} context.\n\n## Risks\n\nNone yet.\n`,
    );
    // Its example plan fails to render, every build: no reason to load the renderer.
    await writeFile(
      join(root, 'packs/org/broken.md'),
      '---\nid: broken\nkind: other\n---\n# Broken\n\n{{no_such_input}}\n',
    );
    await writeFile(
      join(root, 'packs/team/package.json'),
      manifest('team', version, 'path:../org'),
    );
    await writeFile(
      join(root, 'packs/team/brief.md'),
      `---\nextends: org/brief\n---\n<!-- specforge: append risks -->\n- The ${note} team risk.\n`,
    );
    git('add', '-A');
    git('commit', '--quiet', '-m', `release ${version}`);
  }
}

interface Fixture {
  cwd: string;
  /** A file of a pack that the test edits, and the edit. */
  edit: { file: string; change: (text: string) => string };
  options?: Partial<BuildSiteOptions>;
}

/**
 * Builds the project with the build cache into one folder, and without it into another, and
 * expects the same files, byte for byte. Returns how many times the cached build asked for the
 * renderer (Eleventy); `lastRendered` is how many pages it rendered.
 */
async function expectSameAsWithoutCache(
  fixture: Fixture,
  dirs: { cached: string; reference: string; cacheDir: string },
  options: Partial<BuildSiteOptions> = {},
): Promise<number> {
  const common = { cwd: fixture.cwd, now, ...fixture.options, ...options };
  await buildSite({
    ...common,
    out: dirs.reference,
    cacheDir: join(dirs.reference, '..', 'no-cache'),
    cache: false,
  });
  const loads = countRendererLoads();
  const rendered = countRenderedPages();
  await buildSite({ ...common, out: dirs.cached, cacheDir: dirs.cacheDir });
  lastRendered = countRenderedPages() - rendered;
  expect(differences(await readSite(dirs.reference), await readSite(dirs.cached))).toEqual([]);
  return countRendererLoads() - loads;
}

/** How many pages the last cached build of {@link expectSameAsWithoutCache} rendered. */
let lastRendered = 0;

describe.each([
  ['the example registry', 'example'],
  ['a pack with versions in git history', 'versions'],
  ['packs in an extends chain, the base edited', 'chain'],
] as const)('buildSite with the build cache: %s', (_name, kind) => {
  let fixture: Fixture;
  let project: VersionsProject | undefined;
  let dirs: { cached: string; reference: string; cacheDir: string };
  // Shared by the tests of the group (makeTempDir's folders go after each test).
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docs-site-cache-'));
    if (kind === 'example') {
      const root = join(dir, 'acme-shop');
      await cp(example, root, {
        recursive: true,
        filter: (source) => !source.includes('node_modules'),
      });
      await mkdir(join(root, '.git'));
      const guides = join(root, 'guides');
      await mkdir(guides);
      await writeFile(join(guides, 'README.md'), '# Start here\n\nSee [reviews](reviews.md).\n');
      fixture = {
        cwd: root,
        edit: {
          file: join(root, 'packs/acme/plan.md'),
          change: (text) => `${text}\n<!-- specforge: append technical-approach -->\nEdited.\n`,
        },
        options: { guides: { dir: guides }, extraGuides, apiReference: 'api/index.html' },
      };
    } else if (kind === 'chain') {
      const root = join(dir, 'chain');
      await makeChainProject(root);
      fixture = {
        cwd: root,
        // The base changes: team's earlier version, composed over it, changes too.
        edit: {
          file: join(root, 'packs/org/brief.md'),
          change: (text) => text.replace('None yet.', 'None yet, edited in org.'),
        },
      };
    } else {
      project = await makeVersionsProject();
      fixture = {
        cwd: project.root,
        edit: {
          file: join(project.root, 'packs/team/guide.md'),
          change: (text) => text.replace('Why the guide exists.', 'Why the guide exists, edited.'),
        },
        options: { base: '/docs/', extraGuides },
      };
    }
    dirs = {
      cached: join(dir, 'cached'),
      reference: join(dir, 'reference'),
      cacheDir: join(dir, 'cache'),
    };
  });

  afterAll(async () => {
    await project?.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same files as a build without it: cold, warm, after a template changed, and with another date and base', async () => {
    // Cold: everything renders, and is stored.
    expect(await expectSameAsWithoutCache(fixture, dirs)).toBeGreaterThan(0);
    expect(Object.keys(await cacheEntries(dirs.cacheDir)).sort()).toEqual(
      kind === 'example'
        ? ['examples', 'pages', 'search', 'sites']
        : ['examples', 'pages', 'search', 'sites', 'versions'],
    );
    if (kind === 'chain') {
      const broken = await readFile(join(dirs.cached, 'templates/org/broken/index.html'), 'utf8');
      expect(broken).toContain('This template does not render:');
    }
    // Warm: every page from the cache, and Eleventy not even loaded.
    expect(await expectSameAsWithoutCache(fixture, dirs)).toBe(0);

    // A template changed: the pages it changed render again, the others come from the cache.
    const before = await readSite(dirs.reference);
    const { file, change } = fixture.edit;
    await writeFile(file, change(await readFile(file, 'utf8')));
    expect(await expectSameAsWithoutCache(fixture, dirs)).toBeGreaterThan(0);
    const changed = differences(before, await readSite(dirs.reference)).filter((name) =>
      name.endsWith('.html'),
    );
    expect(changed.length).toBeGreaterThan(0);
    expect(lastRendered).toBe(changed.length);
    expect(await expectSameAsWithoutCache(fixture, dirs)).toBe(0);

    // Another date (example plans) and another base (the 404 page) are other keys.
    await expectSameAsWithoutCache(fixture, dirs, { now: new Date('2026-03-01T00:00:00Z') });
    await expectSameAsWithoutCache(fixture, dirs, { base: '/elsewhere/' });
  });

  it('ignores corrupt entries and rebuilds them', async () => {
    const entries = await cacheEntries(dirs.cacheDir);
    let at = 0;
    for (const [entryKind, names] of Object.entries(entries)) {
      for (const name of names) {
        const path = join(dirs.cacheDir, 'docs-site', entryKind, name);
        const data = await readFile(path);
        // Truncated, one byte changed, an empty file, the header of another entry.
        const otherKey = `${name.startsWith('a') ? 'b' : 'a'}${name.slice(1)}`;
        const corrupt = [
          data.subarray(0, data.length - 1),
          Buffer.concat([data.subarray(0, -1), Buffer.from([data.at(-1)! ^ 1])]),
          Buffer.alloc(0),
          Buffer.from(data.toString('latin1').replace(name, otherKey), 'latin1'),
        ][at++ % 4]!;
        await writeFile(path, corrupt);
      }
    }
    expect(await expectSameAsWithoutCache(fixture, dirs)).toBeGreaterThan(0);
    // Every entry was written again: the next build is warm.
    expect(await expectSameAsWithoutCache(fixture, dirs)).toBe(0);
  });

  it('keeps the cache within its bound, removing the least recently used entries', async () => {
    const full = await cacheSize(dirs.cacheDir);
    const maxBytes = Math.floor(full / 2);
    // A new date: new example plans and pages are written, so the build prunes.
    await expectSameAsWithoutCache(fixture, dirs, {
      now: new Date('2026-05-01T00:00:00Z'),
      cache: { maxBytes },
    });
    const size = await cacheSize(dirs.cacheDir);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(maxBytes);
    // What is left is the newest: the same build again renders less than everything.
    await expectSameAsWithoutCache(fixture, dirs, {
      now: new Date('2026-05-01T00:00:00Z'),
      cache: { maxBytes },
    });
  });
});

describe('buildSite with a relative cacheDir', () => {
  it('shows the earlier versions, as with an absolute one', async () => {
    // Deep enough that the relative path, taken from the project root instead of the current
    // folder, would name another folder.
    const root = join(await makeTempDir(), 'a/b/c/d/e/project');
    await makeChainProject(root);
    const cacheDir = relative(process.cwd(), join(root, '../../cache'));
    const { pages } = await buildSite({ cwd: root, out: join(root, 'site'), cacheDir, now });
    // home, 404, 6 speckit + 4 own templates (team inherits org/broken), each own template at
    // 1.0.0 and its compare page, no changelog
    expect(pages).toBe(2 + 10 + 4 + 4);
  });
});

describe('buildSite with cache: false', () => {
  it('neither reads nor writes the build cache', async () => {
    const dir = await makeTempDir();
    const cacheDir = join(dir, 'cache');
    await buildSite({ cwd: example, out: join(dir, 'site'), cacheDir, now, cache: false });
    await expect(stat(join(cacheDir, 'docs-site'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('buildSite with an unusable build cache', () => {
  it('builds the site when the cache folder is a file', async () => {
    const dir = await makeTempDir();
    const cacheDir = join(dir, 'cache');
    await mkdir(cacheDir);
    await writeFile(join(cacheDir, 'docs-site'), 'not a folder');
    const out = join(dir, 'site');
    const result = await buildSite({ cwd: example, out, cacheDir, now });
    expect(result.pages).toBe(14);
    expect(await readFile(join(cacheDir, 'docs-site'), 'utf8')).toBe('not a folder');
  });

  it('builds the site when entries are folders or FIFOs', async () => {
    const dir = await makeTempDir();
    const cacheDir = join(dir, 'cache');
    await buildSite({ cwd: example, out: join(dir, 'first'), cacheDir, now });
    const entries = await cacheEntries(cacheDir);
    for (const [kind, names] of Object.entries(entries)) {
      for (const [index, name] of names.entries()) {
        const path = join(cacheDir, 'docs-site', kind, name);
        await rm(path);
        if (index % 2 === 0) await mkdir(path);
        else execFileSync('mkfifo', [path]);
      }
    }
    const reference = join(dir, 'reference');
    await buildSite({
      cwd: example,
      out: reference,
      cacheDir: join(dir, 'none'),
      now,
      cache: false,
    });
    const out = join(dir, 'second');
    await buildSite({ cwd: example, out, cacheDir, now });
    expect(differences(await readSite(reference), await readSite(out))).toEqual([]);
  });
});

describe('buildSite and the compiled templates of example plans', () => {
  it('compiles them into <cacheDir>/compiled-templates/ and reads them from there once the build cache is gone', async () => {
    const dir = await makeTempDir();
    const root = join(dir, 'acme-shop');
    await cp(example, root, {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
    const cacheDir = join(dir, 'cache');
    const compiled = join(cacheDir, 'compiled-templates');
    const common = { cwd: root, now, cacheDir };
    await buildSite({ ...common, out: 'reference', cache: false });
    // Without a build cache, no compiled template is kept either.
    await expect(readdir(compiled)).rejects.toMatchObject({ code: 'ENOENT' });

    await buildSite({ ...common, out: 'first' });
    const entries = (await readdir(compiled)).filter((name) => name.endsWith('.json')).sort();
    expect(entries.length).toBeGreaterThan(0);
    const written = await Promise.all(
      entries.map(async (name) => (await stat(join(compiled, name))).mtimeMs),
    );

    // The build cache emptied: every example plan renders again, from the compiled templates
    // (none is compiled and written again), and the site is the same.
    await rm(join(cacheDir, 'docs-site'), { recursive: true });
    await buildSite({ ...common, out: 'second' });
    expect((await readdir(compiled)).filter((name) => name.endsWith('.json')).sort()).toEqual(
      entries,
    );
    expect(
      await Promise.all(entries.map(async (name) => (await stat(join(compiled, name))).mtimeMs)),
    ).toEqual(written);
    const reference = await readSite(join(root, 'reference'));
    expect(differences(reference, await readSite(join(root, 'first')))).toEqual([]);
    expect(differences(reference, await readSite(join(root, 'second')))).toEqual([]);
  });
});
