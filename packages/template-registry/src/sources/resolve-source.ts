import { resolveGitSource } from './_git-source.js';
import { resolveNpmSource } from './_npm-source.js';
import { resolvePathSource } from './_path-source.js';
import { SpecforgeError } from '@specforge/core';
import {
  formatSourceSpec,
  parseSourceSpec,
  type SourceKind,
  type SourceSpec,
} from './source-spec.js';

/** Options for {@link resolveSource}. */
export interface ResolveSourceOptions {
  /** The project root: npm packages are found from here and relative paths resolve against it. */
  projectRoot: string;
  /** The cache folder; git sources are cloned into `<cacheDir>/git/`. */
  cacheDir: string;
  /** Use only what is on disk: a git source must already be in the cache. */
  offline?: boolean | undefined;
  /**
   * The environment git runs in (credentials, SSH agent, proxies, `GIT_CONFIG_GLOBAL`);
   * `process.env` when left out. specforge removes the variables that would redirect git.
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** A pack source located on disk, with its version checked against the spec's range. */
export interface ResolvedSource {
  /** The kind of source it came from. */
  kind: SourceKind;
  /** The pack folder (absolute), the one holding its `package.json`. */
  dir: string;
  /** The pack version, from its `package.json`. */
  version: string;
  /**
   * The canonical source for `specforge.lock`, pinned to what was found:
   * `npm:@acme/templates@2.1.0`, `path:packs/team` (relative to the project root, `/`
   * separators) or `git+file:///srv/packs.git#<full commit id>`.
   */
  source: string;
  /** For a git source, the full commit id that was checked out. */
  commit?: string | undefined;
}

/**
 * Locates a pack from its source spec and checks its version against the spec's range
 * (`semver.satisfies` without prereleases, as npm does):
 *
 * - npm: `<name>/package.json` is resolved from `projectRoot` as Node resolves modules; a
 *   package whose `exports` hides `package.json` is found by walking `node_modules` upward.
 * - path: the folder, relative to `projectRoot`, must exist and hold a `package.json`.
 * - git: the repository is cloned with the system git into
 *   `<cacheDir>/git/<sha256(url)>/<commit>` (see docs/sources.md for the safety rules); a
 *   cached commit is reused without the network, and so is a cached tag.
 *
 * @param spec - A spec from {@link parseSourceSpec}.
 * @param options - The project root, the cache folder and whether the network may be used.
 * @returns The pack folder, its version and the canonical source for the lock.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_SOURCE_NOT_FOUND` (not installed, no such folder,
 * not a repository, not cached while offline), `SPECFORGE_SOURCE_REF_NOT_FOUND` (no such tag,
 * branch or commit), `SPECFORGE_SOURCE_GIT_FAILED` (git missing, network or credentials),
 * `SPECFORGE_SOURCE_VERSION_MISMATCH`, or `SPECFORGE_PACK_MANIFEST_INVALID` (no semver version).
 *
 * @example
 * ```ts
 * const resolved = await resolveSource(parseSourceSpec('@acme/templates@^2.1.0'), {
 *   projectRoot: process.cwd(),
 *   cacheDir: '.specforge/cache',
 * });
 * resolved.source; // 'npm:@acme/templates@2.1.3'
 * ```
 */
export async function resolveSource(
  spec: SourceSpec,
  options: ResolveSourceOptions,
): Promise<ResolvedSource> {
  assertParsed(spec);
  switch (spec.kind) {
    case 'npm':
      return resolveNpmSource(spec, options);
    case 'path':
      return resolvePathSource(spec, options);
    case 'git':
      return resolveGitSource(spec, options);
  }
}

// A spec built by hand skips parseSourceSpec's checks; an npm name or a git URL or ref goes on
// to require.resolve and to git's command line, so they must pass those checks here too.
function assertParsed(spec: SourceSpec): void {
  if (spec.kind === 'path') return;
  const canonical = formatSourceSpec(spec);
  const again = parseSourceSpec(canonical);
  const same =
    again.kind === spec.kind &&
    (again.kind === 'npm'
      ? spec.kind === 'npm' && again.name === spec.name && again.range === spec.range
      : again.kind === 'git' &&
        spec.kind === 'git' &&
        again.url === spec.url &&
        again.ref === spec.ref &&
        again.refKind === spec.refKind);
  if (!same) {
    throw new SpecforgeError('SPECFORGE_SOURCE_INVALID', {
      source: canonical,
      reason: 'it does not read back as the same source; build source specs with parseSourceSpec.',
    });
  }
}
