/**
 * Template packs for specforge: reading a pack's manifest and templates, the built-in packs,
 * and finding a template by reference (`speckit/plan`); and whole workspaces of specs:
 * {@link findSpecs}, {@link planWorkspace} and {@link readWorkspaceStatus}; and the workflow
 * commands exported to coding agents: {@link planAgentsExport} and {@link applyAgentsExport}.
 *
 * - {@link openProjectRegistry} finds a project and resolves its packs (path, npm or git
 *   sources, `extends` chains, overlays with section blame) against `specforge.lock`;
 *   {@link findResolvedTemplate} picks one template of them.
 * - {@link loadPack} and {@link resolveTemplate} read a single pack or template file.
 * - {@link planFork} / {@link applyFork} fork a template or pack, {@link planUpgrade} /
 *   {@link applyUpgrade} move a fork to a newer base, {@link planSpeckitImport} turns Spec Kit
 *   material into a pack. Each `plan…` function writes nothing; its `apply…` twin writes.
 *
 * @example
 * ```ts
 * import { applyPlanChange, planSpec } from '@specforge/core';
 * import { findResolvedTemplate, openProjectRegistry, writeProjectLock } from '@specforge/template-registry';
 *
 * const registry = await openProjectRegistry({ cwd: process.cwd(), cacheDir: '.cache/specforge' });
 * const { template } = findResolvedTemplate(registry.packs, 'acme/plan');
 * const change = await planSpec({ spec: 'specs/042-checkout/spec.md', template, cwd: process.cwd() });
 * if (!change.refusal) await applyPlanChange(change);
 * await writeProjectLock(registry);
 * ```
 *
 * @packageDocumentation
 */

export * from './agents/index.js';
export { builtinPackDirs, loadBuiltinPacks } from './builtin-packs.js';
export * from './check/index.js';
export {
  diffTemplate,
  type SectionDiff,
  type SectionStatus,
  type TemplateDiff,
} from './diff/diff-template.js';
export * from './export/index.js';
export { extendsSpecFor } from './fork/base-source.js';
export {
  type ChangesetsWorkspace,
  type ForkName,
  findChangesetsWorkspace,
  matchesWorkspaceGlobs,
  parseForkName,
} from './fork/fork-package.js';
export {
  applyFork,
  type ForkPlan,
  type PlanForkOptions,
  type PlannedChangeset,
  type PlannedFile,
  planFork,
  serializeTemplate,
  UPSTREAM_DIR,
} from './fork/plan-fork.js';
export * from './import/index.js';
export {
  applyInit,
  type InitFile,
  type InitPlan,
  type PlanInitOptions,
  planInit,
} from './init/plan-init.js';
export { isOverlayText, loadPack, type OverlayFile, type Pack } from './load-pack.js';
export {
  diffLocks,
  formatLock,
  LOCK_FILE_NAME,
  LOCKFILE_VERSION,
  type Lock,
  type LockChange,
  type LockedPack,
  parseLock,
} from './lock/lock.js';
export * from './merge/index.js';
export * from './overlay/index.js';
export {
  type CopiedFrom,
  derivePackName,
  type PackManifest,
  type PackManifestTemplate,
  type ParsePackManifestOptions,
  packNamePattern,
  parsePackManifest,
} from './pack-manifest.js';
export * from './rebase/index.js';
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
export {
  isTemplateFileRef,
  loadTemplateFile,
  type ResolveTemplateOptions,
  resolveTemplate,
  TEMPLATE_FILE_VERSION,
} from './template-file.js';
export { templateFrontMatter } from './template-front-matter.js';
export {
  findTemplate,
  formatTemplateRef,
  listTemplateRefs,
  parseTemplateRef,
  type TemplateRef,
} from './template-ref.js';
export { MIN_ITEMS_PER_THREADED_RUN, recommendedThreads } from './threads/recommended-threads.js';
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
export * from './versions/index.js';
export * from './workspace/index.js';
