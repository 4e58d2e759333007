/**
 * Template packs for specforge: reading a pack's manifest and templates, the built-in packs,
 * and finding a template by reference (`speckit/plan`); and whole workspaces of specs:
 * {@link findSpecs}, {@link planWorkspace} and {@link readWorkspaceStatus}.
 * @packageDocumentation
 */
export { builtinPackDirs, loadBuiltinPacks } from './builtin-packs.js';
export { isOverlayText, loadPack, type OverlayFile, type Pack } from './load-pack.js';
export {
  type CopiedFrom,
  derivePackName,
  type PackManifest,
  type PackManifestTemplate,
  packNamePattern,
  type ParsePackManifestOptions,
  parsePackManifest,
} from './pack-manifest.js';
export {
  findTemplate,
  formatTemplateRef,
  listTemplateRefs,
  parseTemplateRef,
  type TemplateRef,
} from './template-ref.js';
export {
  isTemplateFileRef,
  loadTemplateFile,
  type ResolveTemplateOptions,
  resolveTemplate,
  TEMPLATE_FILE_VERSION,
} from './template-file.js';
export {
  diffLocks,
  formatLock,
  LOCK_FILE_NAME,
  type Lock,
  LOCKFILE_VERSION,
  type LockChange,
  type LockedPack,
  parseLock,
} from './lock/lock.js';
export * from './overlay/index.js';
export * from './resolve/index.js';
export {
  formatSourceSpec,
  type GitSourceSpec,
  gitUrlSchemes,
  hashPackDir,
  integrityOf,
  type NpmSourceSpec,
  type PathSourceSpec,
  parseSourceSpec,
  type ResolvedSource,
  type ResolveSourceOptions,
  resolveSource,
  type SourceKind,
  type SourceSpec,
} from './sources/index.js';
export { extendsSpecFor } from './fork/base-source.js';
export {
  applyFork,
  type ForkPlan,
  type PlanForkOptions,
  type PlannedFile,
  planFork,
  serializeTemplate,
  UPSTREAM_DIR,
} from './fork/plan-fork.js';
export { diffTemplate, type SectionDiff, type SectionStatus, type TemplateDiff } from './diff/diff-template.js';
export {
  applyUpgrade,
  loadProjectPacks,
  type PlanUpgradeOptions,
  planUpgrade,
  type ResolveAtBaseVersionOptions,
  resolveAtBaseVersion,
  type UpgradeConflict,
  type UpgradeFile,
  type UpgradePlan,
} from './upgrade/plan-upgrade.js';
export * from './merge/index.js';
export * from './rebase/index.js';
export { applyInit, type InitFile, type InitPlan, type PlanInitOptions, planInit } from './init/plan-init.js';
export * from './import/index.js';
export * from './check/index.js';
export * from './workspace/index.js';
export * from './versions/index.js';
