import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import cacache from 'cacache';
import { afterEach, describe, expect, it } from 'vitest';
import { findResolvedTemplate, type ResolvedPack, resolveRegistry } from '../resolve/index.js';
import { removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { type ListPackVersionsOptions, listPackVersions } from './list-pack-versions.js';
import { resolveRegistryAtPackVersion } from './resolve-at-pack-version.js';
import {
  packManifest,
  packTarball,
  planOverlay,
  putInNpmCache,
  rawTarball,
  requestCachePrefix,
  tarballKey,
} from './test-utils/npm-fixtures.js';

afterEach(removeTempTrees);

const acme = '@acme/templates';
const installedAcme = (version: string, title = `Acme ${version}`) => ({
  'package.json': packManifest(acme, version, 'acme'),
  'plan.md': planOverlay(title),
});

/** `files` under `prefix/` (a folder of the tree). */
const under = (prefix: string, files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([path, text]) => [`${prefix}/${path}`, text]));

/**
 * A project that uses the npm pack `@acme/templates` (2.0.0, installed at the top of its
 * node_modules) with `tree`'s other files, its own empty npm cache and specforge cache.
 */
async function npmProject(tree: Record<string, string> = {}) {
  const dir = await writeTempTree({
    'project/specforge.config.yaml': `packs:\n  - "${acme}@^2.0.0"\n`,
    ...under(`project/node_modules/${acme}`, installedAcme('2.0.0')),
    ...under('project', tree),
    'npm-cache/.keep': '',
  });
  const root = join(dir, 'project');
  const npmCache = join(dir, 'npm-cache');
  const cacheDir = join(dir, 'specforge-cache');
  const packs = [`${acme}@^2.0.0`];
  const registry = await resolveRegistry({ projectRoot: root, packs, cacheDir });
  const pack = (name: string) => registry.packs.find((candidate) => candidate.name === name)!;
  const options: ListPackVersionsOptions = {
    projectRoot: root,
    cacheDir,
    env: { HOME: join(dir, 'home'), npm_config_cache: npmCache },
  };
  return { dir, root, npmCache, cacheDir, packs, registry, pack, options };
}

const summary = async (pack: ResolvedPack, options: ListPackVersionsOptions) =>
  (await listPackVersions(pack, options)).map((v) => [v.version, v.origin, v.ref]);

describe('listPackVersions of an npm pack', () => {
  it("lists the other copies installed in node_modules: npm's nested ones and pnpm's store", async () => {
    const { pack, options } = await npmProject({
      ...under(`node_modules/other/node_modules/${acme}`, installedAcme('1.5.0')),
      ...under(`node_modules/@scope/dep/node_modules/${acme}`, installedAcme('1.4.0')),
      ...under(`node_modules/.pnpm/@acme+templates@1.0.0/node_modules/${acme}`, {
        'package.json': JSON.stringify({ name: acme, version: '1.0.0' }),
      }),
      // Not the package (another name), not a version, a look-alike of pnpm's folder name.
      [`node_modules/liar/node_modules/${acme}/package.json`]: JSON.stringify({
        name: '@acme/other',
        version: '3.0.0',
      }),
      [`node_modules/tagged/node_modules/${acme}/package.json`]: JSON.stringify({
        name: acme,
        version: 'latest',
      }),
      [`node_modules/.pnpm/@acme+templates-extra@9.0.0/node_modules/${acme}/package.json`]:
        JSON.stringify({ name: acme, version: '9.0.0' }),
      // Deeper than one nested level: not searched.
      [`node_modules/a/node_modules/b/node_modules/${acme}/package.json`]: JSON.stringify({
        name: acme,
        version: '0.1.0',
      }),
    });
    const acmePack = pack('acme');
    expect(await summary(acmePack, options)).toEqual([
      ['2.0.0', 'current', ''],
      ['1.5.0', 'installed', `node_modules/other/node_modules/${acme}`],
      ['1.4.0', 'installed', `node_modules/@scope/dep/node_modules/${acme}`],
      ['1.0.0', 'installed', `node_modules/.pnpm/@acme+templates@1.0.0/node_modules/${acme}`],
    ]);
    const versions = await listPackVersions(acmePack, options);
    expect(await versions[1]!.materialize()).toBe(
      join(options.projectRoot, `node_modules/other/node_modules/${acme}`),
    );
  });

  it('lists the tarballs of the npm cache, scoped and unscoped, whatever address they came from', async () => {
    const { pack, options, npmCache } = await npmProject({
      'specforge.config.yaml': `packs:\n  - "${acme}@^2.0.0"\n  - plain-templates\n`,
      ...under('node_modules/plain-templates', {
        'package.json': packManifest('plain-templates', '0.2.0', 'plain'),
        'plan.md': planOverlay('Plain'),
      }),
    });
    const tarball = (name: string, version: string) =>
      packTarball({ 'package.json': JSON.stringify({ name, version }) });
    await putInNpmCache(npmCache, tarballKey(acme, '1.0.0'), await tarball(acme, '1.0.0'));
    await putInNpmCache(
      npmCache,
      `${requestCachePrefix}https://mirror.invalid/npm/@acme%2ftemplates/-/templates-1.1.0.tgz`,
      await tarball(acme, '1.1.0'),
    );
    await putInNpmCache(
      npmCache,
      tarballKey('plain-templates', '0.1.0'),
      await tarball('plain-templates', '0.1.0'),
    );
    // Other packages, the packument, and a key of another cache user: none is a version of acme.
    await putInNpmCache(
      npmCache,
      tarballKey('@acme/templates-extra', '5.0.0'),
      await tarball('@acme/templates-extra', '5.0.0'),
    );
    await putInNpmCache(
      npmCache,
      tarballKey('templates', '6.0.0'),
      await tarball('templates', '6.0.0'),
    );
    await putInNpmCache(
      npmCache,
      `${requestCachePrefix}https://packages.invalid/@acme%2ftemplates`,
      Buffer.from('{}'),
    );
    await putInNpmCache(
      npmCache,
      `other:https://packages.invalid/@acme/templates/-/templates-7.0.0.tgz`,
      await tarball(acme, '7.0.0'),
    );

    const registry = await resolveRegistry({
      projectRoot: options.projectRoot,
      packs: [`${acme}@^2.0.0`, 'plain-templates'],
      cacheDir: options.cacheDir,
    });
    const named = (name: string) => registry.packs.find((candidate) => candidate.name === name)!;
    expect(await summary(named('acme'), options)).toEqual([
      ['2.0.0', 'current', ''],
      ['1.1.0', 'npm-cache', 'templates-1.1.0.tgz'],
      ['1.0.0', 'npm-cache', 'templates-1.0.0.tgz'],
    ]);
    expect(await summary(named('plain'), options)).toEqual([
      ['0.2.0', 'current', ''],
      ['0.1.0', 'npm-cache', 'plain-templates-0.1.0.tgz'],
    ]);
    expect(pack('acme').version).toBe('2.0.0');
  });

  it('offers the current version and the installed copies when the npm cache is missing or cannot be read', async () => {
    const { pack, options, dir } = await npmProject({
      ...under(
        `node_modules/.pnpm/@acme+templates@1.0.0/node_modules/${acme}`,
        installedAcme('1.0.0'),
      ),
    });
    const expected = [
      ['2.0.0', 'current', ''],
      ['1.0.0', 'installed', `node_modules/.pnpm/@acme+templates@1.0.0/node_modules/${acme}`],
    ];
    for (const npmCache of [join(dir, 'nowhere'), join(dir, 'project/specforge.config.yaml')]) {
      expect(
        await summary(pack('acme'), { ...options, env: { npm_config_cache: npmCache } }),
      ).toEqual(expected);
    }
    // A bucket that is a folder makes cacache's listing fail.
    const broken = join(dir, 'broken-cache');
    await mkdir(join(broken, '_cacache/index-v5/00/00/bucket'), { recursive: true });
    expect(await summary(pack('acme'), { ...options, env: { npm_config_cache: broken } })).toEqual(
      expected,
    );
  });

  it('leaves out damaged cache entries: a forged index line, missing or truncated content', async () => {
    const { pack, options, npmCache } = await npmProject();
    const put = async (version: string) =>
      putInNpmCache(
        npmCache,
        tarballKey(acme, version),
        await packTarball({ 'package.json': JSON.stringify({ name: acme, version }) }),
      );
    await put('1.0.0');
    const missing = await put('1.1.0');
    const truncated = await put('1.2.0');
    const cache = join(npmCache, '_cacache');
    const entries = await cacache.ls(cache);
    const pathOf = (integrity: string) =>
      Object.values(entries).find((entry) => entry.integrity === integrity)!.path;
    await rm(pathOf(missing));
    // Content files may be read-only: replaced, not written over.
    await rm(pathOf(truncated));
    await writeFile(pathOf(truncated), 'short');
    // A line whose hash does not match its content, in a bucket of its own and in a real one.
    const forged = `${'0'.repeat(40)}\t${JSON.stringify({ key: tarballKey(acme, '1.3.0'), integrity: missing })}\n`;
    await mkdir(join(cache, 'index-v5/ff/ff'), { recursive: true });
    await writeFile(join(cache, 'index-v5/ff/ff/forged'), forged);
    const bucket = await firstFile(join(cache, 'index-v5'));
    await appendFile(bucket, `garbage\n${forged}`);
    expect(await summary(pack('acme'), options)).toEqual([
      ['2.0.0', 'current', ''],
      ['1.0.0', 'npm-cache', 'templates-1.0.0.tgz'],
    ]);
  });

  it('lists each version once: the current one first, then an installed copy, then the cache; newest first', async () => {
    const { pack, options, npmCache } = await npmProject({
      ...under(
        `node_modules/.pnpm/@acme+templates@1.0.0/node_modules/${acme}`,
        installedAcme('1.0.0'),
      ),
    });
    for (const version of ['2.0.0', '1.0.0', '0.5.0', '3.0.0-beta.1']) {
      await putInNpmCache(
        npmCache,
        tarballKey(acme, version),
        await packTarball({ 'package.json': JSON.stringify({ name: acme, version }) }),
      );
    }
    expect(await summary(pack('acme'), options)).toEqual([
      ['3.0.0-beta.1', 'npm-cache', 'templates-3.0.0-beta.1.tgz'],
      ['2.0.0', 'current', ''],
      ['1.0.0', 'installed', `node_modules/.pnpm/@acme+templates@1.0.0/node_modules/${acme}`],
      ['0.5.0', 'npm-cache', 'templates-0.5.0.tgz'],
    ]);
  });

  it('unpacks a cached version once, checked, and composes the project at it over the built-in base', async () => {
    const { pack, options, npmCache, packs, registry } = await npmProject();
    await putInNpmCache(
      npmCache,
      tarballKey(acme, '1.0.0'),
      await packTarball({
        ...installedAcme('1.0.0', 'Background'),
        'README.md': '# Acme\n',
        'docs/notes.md': 'Notes.\n',
      }),
    );
    const acmePack = pack('acme');
    const [, cached] = await listPackVersions(acmePack, options);
    const dir = await cached!.materialize();
    expect(dir.startsWith(join(options.cacheDir, 'versions'))).toBe(true);
    expect((await readdir(dir, { recursive: true })).sort()).toEqual([
      'README.md',
      'docs',
      'docs/notes.md',
      'package.json',
      'plan.md',
    ]);
    expect(await readFile(join(dir, 'plan.md'), 'utf8')).toBe(planOverlay('Background'));
    expect(await cached!.materialize()).toBe(dir);
    expect(await readdir(join(options.cacheDir, 'versions'))).toHaveLength(1);

    // The cached version extends `@specforge/templates-speckit` by package name, as the
    // installed one does: both compose over the built-in pack.
    const then = await resolveRegistryAtPackVersion({
      projectRoot: options.projectRoot,
      packs,
      cacheDir: options.cacheDir,
      pack: acmePack,
      dir,
    });
    expect(then.packs.find((p) => p.name === 'acme')?.version).toBe('1.0.0');
    expect(then.packs.find((p) => p.name === 'speckit')?.dir).toBe(pack('speckit').dir);
    expect(findResolvedTemplate(then.packs, 'acme/plan').template.body).toContain('## Background');
    expect(findResolvedTemplate(registry.packs, 'acme/plan').template.body).toContain(
      '## Acme 2.0.0',
    );
  });

  it('composes a cached version over the npm base its installed copy finds, range checked', async () => {
    const team = (version: string, range: string, title: string) => ({
      'package.json': JSON.stringify({
        name: '@acme/team',
        version,
        specforge: {
          name: 'team',
          extends: `@acme/base@${range}`,
          templates: { guide: 'guide.md' },
        },
      }),
      'guide.md': `---\nextends: base/guide\n---\n<!-- specforge: rename rollout "${title}" -->\n`,
    });
    const { root, npmCache, cacheDir, options } = await npmProject({
      ...under('node_modules/@acme/base', {
        'package.json': JSON.stringify({
          name: '@acme/base',
          version: '1.2.0',
          specforge: { name: 'base', templates: { guide: 'guide.md' } },
        }),
        'guide.md': '---\nid: guide\nkind: other\n---\n# Guide\n\n## Rollout\n\nSlowly.\n',
      }),
      ...under('node_modules/@acme/team', team('3.0.0', '^1.0.0', 'Now')),
    });
    for (const [version, range, title] of [
      ['2.0.0', '^1.0.0', 'Then'],
      ['1.0.0', '^0.9.0', 'Long ago'],
    ] as const) {
      await putInNpmCache(
        npmCache,
        tarballKey('@acme/team', version),
        await packTarball(team(version, range, title)),
      );
    }
    const packs = ['@acme/team'];
    const registry = await resolveRegistry({ projectRoot: root, packs, cacheDir });
    const teamPack = registry.packs.find((candidate) => candidate.name === 'team')!;
    const [, then, longAgo] = await listPackVersions(teamPack, options);
    const at = async (dir: string) =>
      resolveRegistryAtPackVersion({ projectRoot: root, packs, cacheDir, pack: teamPack, dir });
    const composed = await at(await then!.materialize());
    expect(findResolvedTemplate(composed.packs, 'team/guide').template.body).toContain(
      '## Then\n\nSlowly.',
    );
    // 1.0.0 wants a base the project does not have: it says so.
    await expect(at(await longAgo!.materialize())).rejects.toMatchObject({
      code: 'SPECFORGE_SOURCE_VERSION_MISMATCH',
    });
  });

  it('refuses a cached tarball that is damaged, is another package or version, or is hostile, writing nothing', async () => {
    const { pack, options, npmCache, dir } = await npmProject();
    const manifestOf = (name: string, version: string) =>
      JSON.stringify({ name, version, specforge: { templates: {} } });
    const tarballs: [string, Buffer][] = [
      ['1.0.0', await packTarball({ 'package.json': manifestOf(acme, '1.0.1') })],
      ['1.1.0', await packTarball({ 'package.json': manifestOf('@acme/other', '1.1.0') })],
      ['1.2.0', await packTarball({ 'README.md': 'no manifest' })],
      [
        '1.3.0',
        rawTarball([
          { path: 'package/package.json', body: manifestOf(acme, '1.3.0') },
          { path: 'package/../../evil', body: 'escaped' },
        ]),
      ],
      [
        '1.4.0',
        rawTarball([
          { path: 'package/package.json', body: manifestOf(acme, '1.4.0') },
          { path: join(dir, 'evil-absolute'), body: 'escaped' },
        ]),
      ],
      [
        '1.5.0',
        rawTarball([
          { path: 'package/package.json', body: manifestOf(acme, '1.5.0') },
          { path: 'package/plan.md', type: 'SymbolicLink', linkpath: join(dir, 'evil-link') },
        ]),
      ],
      ['1.6.0', Buffer.from('not a tarball')],
    ];
    for (const [version, data] of tarballs)
      await putInNpmCache(npmCache, tarballKey(acme, version), data);
    // Damaged after it was cached: same size, other bytes.
    const damaged = await packTarball({ 'package.json': manifestOf(acme, '1.7.0') });
    const integrity = await putInNpmCache(npmCache, tarballKey(acme, '1.7.0'), damaged);
    const content = Object.values(await cacache.ls(join(npmCache, '_cacache'))).find(
      (entry) => entry.integrity === integrity,
    )!.path;
    await rm(content, { force: true });
    await writeFile(content, Buffer.alloc(damaged.length, 1));

    const versions = (await listPackVersions(pack('acme'), options)).filter(
      (version) => version.origin === 'npm-cache',
    );
    expect(versions.map((version) => version.version)).toEqual([
      '1.7.0',
      '1.6.0',
      '1.5.0',
      '1.4.0',
      '1.3.0',
      '1.2.0',
      '1.1.0',
      '1.0.0',
    ]);
    const reasons: string[] = [];
    for (const version of versions) {
      const error = await version.materialize().then(
        () => undefined,
        (cause: unknown) => cause as { code?: string; message: string },
      );
      expect(error?.code, version.version).toBe('SPECFORGE_SOURCE_NOT_FOUND');
      reasons.push(error!.message.replace(/^.*in the npm cache /, ''));
    }
    expect(reasons).toEqual([
      'is damaged (its bytes no longer match their checksum).',
      expect.stringMatching(/^cannot be unpacked: /),
      'cannot be unpacked: it holds a link ("package/plan.md").',
      expect.stringMatching(/^cannot be unpacked: it holds an entry outside the package/),
      'cannot be unpacked: it holds an entry outside the package ("package/../../evil").',
      'has no package/package.json.',
      `is not ${acme}@1.1.0 (its package.json says otherwise).`,
      `is not ${acme}@1.0.0 (its package.json says otherwise).`,
    ]);
    // Nothing was written: no version folder, no staging folder, nothing beside the project.
    expect(await readdir(join(options.cacheDir, 'versions')).catch(() => [])).toEqual([]);
    const everything = await readdir(dir, { recursive: true });
    expect(everything.filter((path) => /(?:^|\/)evil/.test(path))).toEqual([]);
  });

  it('offers only the shipped version of a built-in pack, whatever is installed or cached', async () => {
    const speckitName = '@specforge/templates-speckit';
    const { pack, options, npmCache } = await npmProject({
      [`node_modules/.pnpm/@specforge+templates-speckit@0.0.1/node_modules/${speckitName}/package.json`]:
        JSON.stringify({ name: speckitName, version: '0.0.1' }),
    });
    await putInNpmCache(
      npmCache,
      tarballKey(speckitName, '0.0.2'),
      await packTarball({
        'package.json': JSON.stringify({ name: speckitName, version: '0.0.2' }),
      }),
    );
    expect((await listPackVersions(pack('speckit'), options)).map((v) => v.origin)).toEqual([
      'current',
    ]);
  });
});

async function firstFile(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const file = entries.find((entry) => entry.isFile())!;
  return join(file.parentPath, file.name);
}
