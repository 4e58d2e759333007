export {
  type ListPackVersionsOptions,
  listPackVersions,
  type PackVersion,
  type PackVersionOrigin,
} from './list-pack-versions.js';
export {
  type ResolveAtPackVersionOptions,
  resolveRegistryAtPackVersion,
} from './resolve-at-pack-version.js';
