/**
 * Pack sources: where a pack comes from (an npm package, a folder, a git repository), how a
 * source spec is parsed, located and checked against its semver range, and the integrity hash
 * that `specforge.lock` records.
 */
export { hashPackDir, integrityOf } from './hash-pack-dir.js';
export { type ResolvedSource, type ResolveSourceOptions, resolveSource } from './resolve-source.js';
export {
  formatSourceSpec,
  type GitSourceSpec,
  gitUrlSchemes,
  type NpmSourceSpec,
  type PathSourceSpec,
  parseSourceSpec,
  type SourceKind,
  type SourceSpec,
} from './source-spec.js';
export { type GitRelease, listGitReleases } from './list-git-versions.js';
