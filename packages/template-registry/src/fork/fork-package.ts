import { dirname, join, relative, sep } from 'node:path';
import { type FileSystem, nodeFileSystem, SpecforgeError } from '@specforge/core';
import { parse as parseYaml } from 'yaml';
import { derivePackName, packNamePattern } from '../pack-manifest.js';

/** What a fork's `--as` names: a pack, and the npm package that holds it. */
export interface ForkName {
  /** The pack's short name, used in template refs (`acme` in `acme/plan`). */
  pack: string;
  /** The npm package name written to the fork's `package.json`. */
  packageName: string;
  /**
   * `true` when `--as` was a scoped npm package name (`@acme/templates`): the fork is a
   * publishable package. `false` for a pack name (`acme`): a private package of the project.
   */
  publishable: boolean;
}

// npm's rules for new package names, scoped: lower case, URL-safe, no leading `.` or `_`.
const scopedPackageNamePattern = /^@([a-z0-9][a-z0-9._-]*)\/([a-z0-9][a-z0-9._-]*)$/;

/**
 * Reads the `--as` of a fork: a pack name such as `acme` (the fork is the private package
 * `acme-templates` of the project), or a scoped npm package name such as `@acme/templates` (the
 * fork is a publishable package of that name). The pack name of a package named
 * `@<scope>/templates` or `@<scope>/specforge-templates` is the scope; otherwise it is derived
 * as for any pack (`@acme/templates-web` is `web`, see {@link derivePackName}).
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_USAGE` when `as` is neither.
 *
 * @example
 * ```ts
 * parseForkName('acme'); // { pack: 'acme', packageName: 'acme-templates', publishable: false }
 * parseForkName('@acme/templates'); // { pack: 'acme', packageName: '@acme/templates', publishable: true }
 * ```
 */
export function parseForkName(as: string): ForkName {
  if (packNamePattern.test(as))
    return { pack: as, packageName: `${as}-templates`, publishable: false };
  const scoped = scopedPackageNamePattern.exec(as);
  if (!scoped || as.length > 214) {
    throw new SpecforgeError('SPECFORGE_USAGE', {
      reason:
        `"${as}" is neither a pack name (lower-case letters and digits, with "-", "_" or "." inside, e.g. acme) ` +
        'nor a scoped npm package name (e.g. @acme/templates).',
    });
  }
  const scope = scoped[1]!;
  const unscoped = scoped[2]!;
  const pack = /^(?:specforge-)?templates$/.test(unscoped) ? scope : derivePackName(as);
  if (pack === undefined || !packNamePattern.test(pack)) {
    throw new SpecforgeError('SPECFORGE_USAGE', {
      reason: `no pack name can be made from the package name "${as}"; name the package @<scope>/templates or @<scope>/templates-<pack>.`,
    });
  }
  return { pack, packageName: as, publishable: true };
}

/** The changesets workspace a folder is in: see {@link findChangesetsWorkspace}. */
export interface ChangesetsWorkspace {
  /** The workspace root: the folder holding `.changeset/config.json` (absolute). */
  root: string;
  /**
   * Whether the folder is a package of the workspace: one of the package globs of its
   * `pnpm-workspace.yaml` (or of the root `package.json`'s `workspaces`) matches it. Changesets
   * only versions workspace packages; a changeset naming any other package fails `changeset version`.
   */
  workspacePackage: boolean;
}

/**
 * Finds the changesets workspace that `dir` (which need not exist yet) belongs to: the nearest
 * folder at or above it with a `.changeset/config.json`, and whether the workspace's package
 * globs take `dir` in. `undefined` outside any.
 *
 * @example
 * ```ts
 * await findChangesetsWorkspace('/repo/templates/acme'); // { root: '/repo', workspacePackage: true }
 * ```
 */
export async function findChangesetsWorkspace(
  dir: string,
  fs: FileSystem = nodeFileSystem,
): Promise<ChangesetsWorkspace | undefined> {
  for (let root = dir; ; root = dirname(root)) {
    if ((await fs.kind(join(root, '.changeset', 'config.json'))) === 'file') {
      const globs = await readWorkspaceGlobs(root, fs);
      const path = relative(root, dir).split(sep).join('/');
      return { root, workspacePackage: path !== '' && matchesWorkspaceGlobs(path, globs) };
    }
    if (dirname(root) === root) return undefined;
  }
}

/**
 * Whether a workspace package glob list takes in `path` (relative to the workspace root, `/`
 * separators): `*` matches within one folder name, `**` across folders, and a later `!glob`
 * excludes what earlier globs took in, as pnpm reads `pnpm-workspace.yaml`.
 *
 * @example
 * ```ts
 * matchesWorkspaceGlobs('templates/acme', ['packages/*', 'templates/*']); // true
 * ```
 */
export function matchesWorkspaceGlobs(path: string, globs: readonly string[]): boolean {
  let matched = false;
  for (const glob of globs) {
    const negated = glob.startsWith('!');
    if (globToRegExp(negated ? glob.slice(1) : glob).test(path)) matched = !negated;
  }
  return matched;
}

function globToRegExp(glob: string): RegExp {
  const parts = glob.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
  const source = parts
    .map((part, index) => {
      const last = index === parts.length - 1;
      if (part === '**') return last ? '.*' : '(?:[^/]+/)*';
      const segment = part
        .split('*')
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*');
      return last ? segment : `${segment}/`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}

async function readWorkspaceGlobs(root: string, fs: FileSystem): Promise<string[]> {
  const read = async (file: string): Promise<unknown> => {
    if ((await fs.kind(file)) !== 'file') return undefined;
    try {
      return parseYaml(new TextDecoder().decode(await fs.readFile(file)), { maxAliasCount: 10 });
    } catch {
      // An unreadable workspace file is the package manager's to report; here it takes in nothing.
      return undefined;
    }
  };
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const pnpm = (await read(join(root, 'pnpm-workspace.yaml'))) as
    | { packages?: unknown }
    | undefined;
  if (pnpm?.packages !== undefined) return strings(pnpm.packages);
  // npm and yarn: `workspaces` in the root package.json, a list or `{ packages: [...] }`.
  const manifest = (await read(join(root, 'package.json'))) as { workspaces?: unknown } | undefined;
  const workspaces = manifest?.workspaces;
  return strings(
    Array.isArray(workspaces)
      ? workspaces
      : (workspaces as { packages?: unknown } | undefined)?.packages,
  );
}
