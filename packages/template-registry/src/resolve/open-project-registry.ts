import { join } from 'node:path';
import {
  assertDocumentSize,
  decodeUtf8,
  type FileSystem,
  findProject,
  nodeFileSystem,
  type Project,
} from '@specforge/core';
import { formatLock, LOCK_FILE_NAME, type Lock, parseLock } from '../lock/lock.js';
import { type Registry, resolveRegistry } from './resolve-registry.js';

/** Options for {@link openProjectRegistry}. */
export interface OpenProjectRegistryOptions {
  /** A directory inside the project (the project is found upward from it). */
  cwd: string;
  /** Where git sources are cloned. */
  cacheDir: string;
  /** Fail when the packs no longer match `specforge.lock` instead of updating it. */
  frozen?: boolean;
  /** Use only what is on disk or in the git cache: no network. */
  offline?: boolean;
  /** The file system the project, its config and its lock are read through; Node's by default. */
  fs?: FileSystem;
}

/** A project with its packs resolved. */
export interface ProjectRegistry extends Registry {
  /** The project found around `cwd`, with its config. */
  project: Project;
  /** Absolute path of `specforge.lock`. */
  lockFile: string;
  /** The lock as it was on disk, if there was one. */
  previousLock: Lock | undefined;
  /**
   * True when the lock on disk should be (re)written: it is missing while the project has packs
   * of its own, or its content changed.
   */
  lockNeedsWrite: boolean;
}

/**
 * Finds the project around `cwd`, reads its `specforge.lock`, and resolves its packs (see
 * {@link resolveRegistry}). Writes nothing: call {@link writeProjectLock} to save the lock.
 *
 * @example
 * ```ts
 * import { findResolvedTemplate, openProjectRegistry, writeProjectLock } from '@specforge/template-registry';
 *
 * const registry = await openProjectRegistry({ cwd: process.cwd(), cacheDir: '.cache/specforge' });
 * const plan = findResolvedTemplate(registry.packs, 'acme/plan');
 * plan.template.meta.output; // 'plan.md'
 * await writeProjectLock(registry); // true when specforge.lock was written
 * ```
 */
export async function openProjectRegistry(
  options: OpenProjectRegistryOptions,
): Promise<ProjectRegistry> {
  const fs = options.fs ?? nodeFileSystem;
  const project = await findProject({ cwd: options.cwd, fs });
  const { lockFile, lock: previousLock } = await readProjectLock(project, fs);
  const registry = await resolveRegistry({
    projectRoot: project.root,
    packs: project.config.packs,
    cacheDir: options.cacheDir,
    lock: previousLock,
    frozen: options.frozen,
    offline: options.offline,
    packsLocation: project.configFile ? { file: project.configFile } : undefined,
  });
  const lockNeedsWrite = previousLock
    ? registry.lockChanges.length > 0
    : project.config.packs.length > 0;
  return { ...registry, project, lockFile, previousLock, lockNeedsWrite };
}

/** The project's `specforge.lock` path and content (`undefined` when there is none yet). */
export async function readProjectLock(
  project: Project,
  fs: FileSystem = nodeFileSystem,
): Promise<{
  /** Absolute path of `specforge.lock` at the project root, whether or not it exists. */
  lockFile: string;
  /** The parsed lock, or `undefined` when there is no file. */
  lock: Lock | undefined;
}> {
  const lockFile = join(project.root, LOCK_FILE_NAME);
  const bytes = (await fs.kind(lockFile)) === 'file' ? await fs.readFile(lockFile) : undefined;
  if (bytes) assertDocumentSize(bytes.length, lockFile);
  const lock = bytes ? parseLock(decodeUtf8(bytes).text, lockFile) : undefined;
  return { lockFile, lock };
}

/** Writes the registry's lock atomically when {@link ProjectRegistry.lockNeedsWrite} says so. */
export async function writeProjectLock(
  registry: ProjectRegistry,
  fs: FileSystem = nodeFileSystem,
): Promise<boolean> {
  if (!registry.lockNeedsWrite) return false;
  await fs.writeFileAtomic(registry.lockFile, formatLock(registry.lock));
  return true;
}
