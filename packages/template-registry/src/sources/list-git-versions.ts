import rcompare from 'semver/functions/rcompare.js';
import valid from 'semver/functions/valid.js';
import { runGit } from './_git.js';
import type { GitSourceSpec } from './source-spec.js';

/** A release tag of a git source: the tag as written and the semver version it names. */
export interface GitRelease {
  tag: string;
  version: string;
}

/**
 * The release tags of a git source (`v1.2.0` or `1.2.0`), newest version first, read with
 * `git ls-remote` (no clone). What `template outdated` and `template upgrade` offer for git bases.
 */
export async function listGitReleases(
  spec: GitSourceSpec,
  options: { env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<GitRelease[]> {
  const out = await runGit(['ls-remote', '--tags', '--refs', '--', spec.url], { env: options.env ?? process.env });
  const releases: GitRelease[] = [];
  for (const line of out.split('\n')) {
    const tag = /\trefs\/tags\/(.+)$/.exec(line)?.[1];
    const version = tag ? valid(tag.replace(/^v/, '')) : null;
    if (tag && version) releases.push({ tag, version });
  }
  return releases.sort((a, b) => rcompare(a.version, b.version));
}
