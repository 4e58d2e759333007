import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SpecforgeError, sha256Hex } from '@specforge/core';
import valid from 'semver/functions/valid.js';
import { builtinPackDirs } from '../builtin-packs.js';
import type { ResolvedPack } from '../resolve/index.js';
import { parseSourceSpec } from '../sources/source-spec.js';
import {
  type CachedTarball,
  listCachedTarballs,
  npmCacheDir,
  readCachedTarball,
  readPackageTarball,
} from './_npm-cache.js';
import type { PackVersion } from './list-pack-versions.js';

/** What {@link npmPackVersions} needs of `ListPackVersionsOptions`. */
export interface NpmVersionsOptions {
  /** Installed copies are looked for in its `node_modules` folders and its parents'. */
  projectRoot: string;
  /** Cached versions are unpacked under `<cacheDir>/versions/`. */
  cacheDir: string;
  /** The npm cache is found from it (see {@link npmCacheDir}). */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The other versions of an npm pack on this machine, without the network: the copies of its
 * package installed in the project's `node_modules` folders (see {@link findInstalledCopies}),
 * then the tarballs of it in the npm cache (unpacked into `<cacheDir>/versions/` when
 * materialized). The packs that ship inside specforge (in the folders of `builtinPackDirs()`)
 * have none: specforge always uses the copy it ships, so another version is not one the project
 * could be at, and a site built on two machines would differ by what their npm caches hold. A
 * copy of such a package that the project installs elsewhere and lists is an npm pack like any.
 */
export async function npmPackVersions(
  pack: ResolvedPack,
  options: NpmVersionsOptions,
): Promise<PackVersion[]> {
  const spec = parseSourceSpec(pack.source);
  if (spec.kind !== 'npm' || (await isBuiltinPackDir(pack.dir))) return [];
  const { name } = spec;
  const npmCache = npmCacheDir(options.env);
  const [installed, cached] = await Promise.all([
    findInstalledCopies(name, options.projectRoot).catch(() => []),
    listCachedTarballs(name, npmCache).catch(() => []),
  ]);
  const root = resolve(options.projectRoot);
  return [
    ...installed.map(
      ({ version, dir }): PackVersion => ({
        version,
        origin: 'installed',
        ref: relative(root, dir).split(sep).join('/'),
        materialize: () => checkInstalledCopy(dir, name, version),
      }),
    ),
    ...cached.map(
      (found): PackVersion => ({
        version: found.version,
        origin: 'npm-cache',
        ref: found.tarball,
        materialize: () => materializeTarball(npmCache, found, name, options.cacheDir),
      }),
    ),
  ];
}

async function isBuiltinPackDir(dir: string): Promise<boolean> {
  const real = await realpath(dir).catch(() => dir);
  const builtins = await Promise.all(
    builtinPackDirs().map((builtin) => realpath(builtin).catch(() => builtin)),
  );
  return builtins.includes(real);
}

/** A copy of an npm package in a `node_modules` folder. */
export interface InstalledCopy {
  /** Its `package.json` version. */
  version: string;
  /** Its folder, as found (symbolic links not followed). */
  dir: string;
}

/**
 * The copies of the npm package `name` installed where the project sees packages: in each
 * `node_modules` folder of the project root and of its parents (as Node looks for them), the
 * package itself, one nested level (`node_modules/<dep>/node_modules/<name>`, where npm puts a
 * version that clashes with the hoisted one) and pnpm's store
 * (`node_modules/.pnpm/<name with + for />@<version>…/node_modules/<name>`). A copy counts only
 * when its `package.json` has that name and a semver version. Deeper nesting is not searched.
 */
export async function findInstalledCopies(
  name: string,
  projectRoot: string,
): Promise<InstalledCopy[]> {
  const folders: string[] = [];
  for (let dir = resolve(projectRoot); ; dir = dirname(dir)) {
    folders.push(join(dir, 'node_modules'));
    if (dirname(dir) === dir) break;
  }
  const candidates = (
    await Promise.all(folders.map((folder) => candidateDirs(folder, name)))
  ).flat();
  const copies = await Promise.all(
    candidates.map(async (dir) => {
      const version = await readManifestVersion(join(dir, 'package.json'), name);
      return version === undefined ? undefined : { version, dir };
    }),
  );
  return copies.filter((copy) => copy !== undefined);
}

async function candidateDirs(nodeModules: string, name: string): Promise<string[]> {
  const entries = await readdirSorted(nodeModules);
  if (entries.length === 0) return [];
  const dirs = [join(nodeModules, name)];
  // pnpm: `.pnpm/<name>@<version>[_peers]/node_modules/<name>`, and the store's hoisted copies.
  const storeName = `${name.replace('/', '+')}@`;
  for (const entry of await readdirSorted(join(nodeModules, '.pnpm'))) {
    if (entry.startsWith(storeName))
      dirs.push(join(nodeModules, '.pnpm', entry, 'node_modules', name));
  }
  dirs.push(join(nodeModules, '.pnpm', 'node_modules', name));
  // npm: a version that clashes with the hoisted one is nested under the package that needs it.
  const packages = (
    await Promise.all(
      entries
        .filter((entry) => !entry.startsWith('.'))
        .map(async (entry) =>
          entry.startsWith('@')
            ? (await readdirSorted(join(nodeModules, entry))).map((sub) => `${entry}/${sub}`)
            : [entry],
        ),
    )
  ).flat();
  for (const dep of packages) dirs.push(join(nodeModules, dep, 'node_modules', name));
  return dirs;
}

async function readdirSorted(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).sort();
}

// The manifest's version when it names the package `name` with a semver version.
async function readManifestVersion(file: string, name: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : manifestVersion(text, name);
}

function manifestVersion(text: string, name: string): string | undefined {
  try {
    const data = JSON.parse(text.replace(/^\uFEFF/, '')) as { name?: unknown; version?: unknown };
    if (data?.name !== name || typeof data.version !== 'string') return undefined;
    // `valid` also accepts `v1.0.0`; a package version is written exactly.
    return valid(data.version) === data.version ? data.version : undefined;
  } catch {
    return undefined;
  }
}

// An installed copy is used where it is; it may have been removed or changed since it was listed.
async function checkInstalledCopy(dir: string, name: string, version: string): Promise<string> {
  if ((await readManifestVersion(join(dir, 'package.json'), name)) !== version) {
    throw new SpecforgeError(
      'SPECFORGE_SOURCE_NOT_FOUND',
      {
        source: `npm:${name}@${version}`,
        reason: `the copy installed in ${dir} is no longer that version.`,
      },
      { hint: 'Build again: the installed versions are listed anew each time.' },
    );
  }
  return dir;
}

/**
 * Unpacks a cached tarball under `<cacheDir>/versions/`, once, and returns the pack folder.
 * Only regular files under `package/` are written, after the tarball's `package.json` is found
 * to name the package and the version listed; anything else makes it unavailable.
 */
async function materializeTarball(
  npmCache: string,
  found: CachedTarball,
  name: string,
  cacheDir: string,
): Promise<string> {
  const target = join(
    cacheDir,
    'versions',
    sha256Hex(`npm-cache:${found.key}:${found.integrity}`).slice(0, 32),
  );
  if (await stat(target).catch(() => undefined)) return target;
  const unavailable = (reason: string, cause?: unknown) =>
    new SpecforgeError(
      'SPECFORGE_SOURCE_NOT_FOUND',
      {
        source: `npm:${name}@${found.version}`,
        reason: `its tarball ${found.tarball} in the npm cache ${reason}.`,
      },
      {
        hint: '`npm cache verify` drops damaged entries; installing that version makes it available again.',
        cause,
      },
    );
  let files: Map<string, Buffer>;
  try {
    files = await readPackageTarball(await readCachedTarball(npmCache, found.integrity));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'EINTEGRITY'
        ? 'is damaged (its bytes no longer match their checksum)'
        : code === 'ENOENT'
          ? 'is gone'
          : `cannot be unpacked: ${(cause as Error).message}`;
    throw unavailable(why, cause);
  }
  const manifest = files.get('package.json');
  const version = manifest && manifestVersion(manifest.toString('utf8'), name);
  if (version !== found.version) {
    throw unavailable(
      manifest
        ? `is not ${name}@${found.version} (its package.json says otherwise)`
        : 'has no package/package.json',
    );
  }
  // Written beside the target and renamed into place, so an interrupted run leaves no half pack.
  const staging = `${target}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    for (const [path, bytes] of files) {
      // Paths were checked when the tarball was read; this keeps every write inside regardless.
      const written = join(staging, path);
      if (relative(staging, written).split(sep).includes('..')) continue;
      await mkdir(dirname(written), { recursive: true });
      await writeFile(written, bytes, { flag: 'wx' });
    }
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    // Two entries that want one path as a file and as a folder.
    throw unavailable(`cannot be unpacked: ${(cause as Error).message}`, cause);
  }
  await mkdir(dirname(target), { recursive: true });
  await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
    // Another process materialized the same version first: theirs is as good as ours.
    await rm(staging, { recursive: true, force: true });
    if (!(await stat(target).catch(() => undefined))) throw error;
  });
  return target;
}
