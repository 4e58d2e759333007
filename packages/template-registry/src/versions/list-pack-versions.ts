import { mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { sha256Hex } from '@specforge/core';
import rcompare from 'semver/functions/rcompare.js';
import valid from 'semver/functions/valid.js';
import type { ResolvedPack } from '../resolve/index.js';
import { runGit } from '../sources/_git.js';
import { listGitReleases } from '../sources/list-git-versions.js';
import { resolveSource } from '../sources/resolve-source.js';
import { parseSourceSpec } from '../sources/source-spec.js';
import { readBlobs } from './_git-blobs.js';
import { npmPackVersions } from './_npm-versions.js';

/**
 * Where a version of a pack comes from: `current` (the version the project resolves now), `tag`
 * (a release tag of a git source), `history` (the project's git history of a pack folder),
 * `installed` (another copy of an npm pack's package in the project's `node_modules`) or
 * `npm-cache` (a tarball of that package in the npm cache).
 */
export type PackVersionOrigin = 'current' | 'tag' | 'history' | 'installed' | 'npm-cache';

/** One version of a pack that its source makes available. */
export interface PackVersion {
  /** The pack's semver version at that point. */
  version: string;
  /**
   * `current`: the version the project resolves now; `tag`: a release tag of a git source;
   * `history`: an earlier version of a pack folder in the project's own git history;
   * `installed`: another copy of an npm pack's package in the project's `node_modules`;
   * `npm-cache`: a tarball of that package in the npm cache.
   */
  origin: PackVersionOrigin;
  /**
   * What holds this version: the tag (`v1.2.0`) or commit id; for `installed`, the copy's folder
   * relative to the project root (`node_modules/.pnpm/@acme+templates@1.0.0/node_modules/@acme/templates`);
   * for `npm-cache`, the tarball's file name (`templates-1.0.0.tgz`); `''` for the current one.
   */
  ref: string;
  /** The pack folder at this version, on disk: written into the cache the first time. */
  materialize(): Promise<string>;
}

/** Options for {@link listPackVersions}. */
export interface ListPackVersionsOptions {
  /**
   * The project root: a path source and the project's git history are read from here, and
   * installed npm packages from its `node_modules` folders (and its parents').
   */
  projectRoot: string;
  /** Versions from git and from the npm cache are written under `<cacheDir>/versions/`. */
  cacheDir: string;
  /** At most this many commits of a pack folder's history are read; 200 by default. */
  historyLimit?: number;
  /**
   * The environment git starts from and the npm cache is found from (`npm_config_cache`, else
   * `~/.npm` of its `HOME`); `process.env` by default.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Every version of `pack` its source makes available, newest first, the current one included
 * and each version once:
 * - a git source: its release tags (`git ls-remote`, no clone until a version is materialized);
 * - a path source (the team's pack in the project): each version its `package.json` had in the
 *   project's git history, at the newest commit that had it;
 * - an npm pack: the other versions on this machine, read without the network: other copies
 *   of its package installed in the project's `node_modules` folders (npm's nested copies and
 *   pnpm's store included), then the tarballs of it in the npm cache (`npm_config_cache`, else
 *   `~/.npm`), unpacked only when materialized and only if their `package.json` names that
 *   package and version;
 * - a built-in pack (a pack in the folder specforge loads it from, `builtinPackDirs()`): that
 *   version only, since specforge always uses the copy it ships. A project that installs its
 *   own copy of such a package elsewhere and lists it gets the npm rule for that copy.
 *
 * A version found in more than one place is listed once: the current one first, then an
 * installed copy, then the npm cache. A source whose history cannot be read (no git, not a
 * repository, an unreadable npm cache) offers what can be read, at least the current version.
 *
 * @example
 * ```ts
 * const versions = await listPackVersions(pack, { projectRoot, cacheDir });
 * const dir = await versions.at(-1)!.materialize(); // the oldest version's folder
 * ```
 */
export async function listPackVersions(
  pack: ResolvedPack,
  options: ListPackVersionsOptions,
): Promise<PackVersion[]> {
  const env = options.env ?? process.env;
  const current: PackVersion = {
    version: pack.version,
    origin: 'current',
    ref: '',
    materialize: async () => pack.dir,
  };
  const others = pack.source.startsWith('git+')
    ? await tagVersions(pack, options, env)
    : pack.source.startsWith('path:')
      ? await historyVersions(pack, options, env)
      : pack.source.startsWith('npm:')
        ? await npmPackVersions(pack, { ...options, env })
        : [];
  const byVersion = new Map<string, PackVersion>([[current.version, current]]);
  for (const version of others)
    if (!byVersion.has(version.version)) byVersion.set(version.version, version);
  return [...byVersion.values()].sort((a, b) => rcompare(a.version, b.version));
}

async function tagVersions(
  pack: ResolvedPack,
  options: ListPackVersionsOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PackVersion[]> {
  const spec = parseSourceSpec(pack.source);
  if (spec.kind !== 'git') return [];
  const releases = await listGitReleases(spec, { env }).catch(() => []);
  return releases.map((release) => ({
    version: release.version,
    origin: 'tag' as const,
    ref: release.tag,
    materialize: async () =>
      (
        await resolveSource(
          { ...spec, ref: release.tag, refKind: 'name', raw: `git+${spec.url}#${release.tag}` },
          { projectRoot: options.projectRoot, cacheDir: options.cacheDir, env },
        )
      ).dir,
  }));
}

async function historyVersions(
  pack: ResolvedPack,
  options: ListPackVersionsOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PackVersion[]> {
  let top: string;
  try {
    top = (await runGit(['-C', pack.dir, 'rev-parse', '--show-toplevel'], { env })).trim();
  } catch {
    return [];
  }
  // Paths below are relative to the top of the work tree, so git runs there.
  const git = (...args: string[]) => runGit(['-C', top, ...args], { env });
  const folder = relative(top, await realpath(pack.dir))
    .split(sep)
    .join('/');
  const limit = String(options.historyLimit ?? 200);
  const log = await git('log', `--max-count=${limit}`, '--format=%H', '--', folder).catch(() => '');
  const versions: PackVersion[] = [];
  const seen = new Set<string>();
  const commits = log.split('\n').filter(Boolean);
  // One git process for every manifest, newest commit first.
  const manifests = await readBlobs(
    top,
    commits.map((commit) => `${commit}:${folder}/package.json`),
    env,
  ).catch(() => []);
  for (const [index, commit] of commits.entries()) {
    const manifest = manifests[index]?.toString('utf8');
    const version = manifest === undefined ? null : valid(readVersion(manifest));
    if (!version || seen.has(version)) continue;
    seen.add(version);
    versions.push({
      version,
      origin: 'history',
      ref: commit,
      materialize: () => materializeCommit(git, { top, env }, commit, folder, options.cacheDir),
    });
  }
  return versions;
}

function readVersion(manifest: string): string {
  try {
    const version = (JSON.parse(manifest) as { version?: unknown }).version;
    return typeof version === 'string' ? version : '';
  } catch {
    return '';
  }
}

/** Writes the files of `folder` at `commit` under the cache, once; returns the folder. */
async function materializeCommit(
  git: (...args: string[]) => Promise<string>,
  repo: { top: string; env: Readonly<Record<string, string | undefined>> },
  commit: string,
  folder: string,
  cacheDir: string,
): Promise<string> {
  const target = join(cacheDir, 'versions', sha256Hex(`${commit}:${folder}`).slice(0, 32));
  if (await stat(target).catch(() => undefined)) return target;
  // Written beside the target and renamed into place, so an interrupted run leaves no half pack.
  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const files = (await git('ls-tree', '-r', '--name-only', '-z', commit, '--', `${folder}/`))
    .split('\0')
    .filter(Boolean);
  const inside = files
    .map((file) => ({ file, path: file.slice(folder.length + 1) }))
    // git paths never climb out, but the cache must not be written outside its folder either.
    .filter(
      ({ path }) => path !== '' && !path.split('/').some((part) => part === '..' || part === ''),
    );
  const blobs = await readBlobs(
    repo.top,
    inside.map(({ file }) => `${commit}:${file}`),
    repo.env,
  );
  for (const [index, { path }] of inside.entries()) {
    const written = join(staging, path);
    await mkdir(dirname(written), { recursive: true });
    await writeFile(written, blobs[index]!);
  }
  await mkdir(dirname(target), { recursive: true });
  await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
    // Another process materialized the same version first: theirs is as good as ours.
    await rm(staging, { recursive: true, force: true });
    if (!(await stat(target).catch(() => undefined))) throw error;
  });
  return target;
}
