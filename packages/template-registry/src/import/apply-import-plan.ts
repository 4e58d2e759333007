import { join } from 'node:path';
import { type FileSystem, nodeFileSystem, SpecforgeError } from '@specforge/core';
import type { ImportPlan } from './import-types.js';

/** Options for {@link applyImportPlan} and {@link checkImportTarget}. */
export interface ApplyImportPlanOptions {
  /** Overwrite files of the plan that exist already. Files the plan does not name are never touched. */
  force?: boolean | undefined;
  /** Where to write; the machine's file system by default (tests pass another). */
  fs?: FileSystem | undefined;
}

/** What applying a plan does to one of its files. */
export interface ImportTarget {
  /** The file's path in the pack, e.g. `plan.md`. */
  path: string;
  /** Where it goes: `outDir` joined with {@link ImportTarget.path}. */
  target: string;
  /** `create` for a new file, `overwrite` for one that exists (allowed with `force` only). */
  status: 'create' | 'overwrite';
}

/**
 * Checks that a planned import can be written into `outDir` and tells what would happen to each
 * file, writing nothing: what `--dry-run` shows, and what {@link applyImportPlan} checks first.
 *
 * @returns One entry per file of the plan, in plan order.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_IMPORT_OUT_NOT_DIRECTORY` when `outDir` is a file;
 *   `SPECFORGE_IMPORT_FILES_EXIST`, listing them, when files of the plan exist and `force` is
 *   not set (or a folder stands where a file goes).
 */
export async function checkImportTarget(
  plan: ImportPlan,
  outDir: string,
  options: ApplyImportPlanOptions = {},
): Promise<ImportTarget[]> {
  const fs = options.fs ?? nodeFileSystem;
  const dirKind = await fs.kind(outDir);
  if (dirKind !== undefined && dirKind !== 'directory') {
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_OUT_NOT_DIRECTORY',
      { dir: outDir },
      { location: { file: outDir } },
    );
  }
  const targets = plan.files.map((file) => ({
    path: file.path,
    target: join(outDir, ...file.path.split('/')),
  }));
  const kinds =
    dirKind === undefined ? [] : await Promise.all(targets.map((file) => fs.kind(file.target)));
  const existing = targets.flatMap((file, index) => {
    const kind = kinds[index];
    return kind === undefined ? [] : [{ ...file, isFile: kind === 'file' }];
  });
  // A folder in a file's place cannot be replaced, not even with force.
  const blocked = existing.filter((file) => !file.isFile || !options.force);
  if (blocked.length > 0) {
    const folders = blocked.filter((file) => !file.isFile);
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_FILES_EXIST',
      { dir: outDir, files: blocked.map((file) => file.path) },
      {
        location: { file: outDir },
        ...(folders.length > 0
          ? {
              hint: `Remove or move ${folders.map((file) => file.target).join(', ')} (a folder where the pack needs a file), or pass --out to import into another folder.`,
            }
          : {}),
      },
    );
  }
  return targets.map((file, index) => ({
    ...file,
    status: kinds[index] === undefined ? 'create' : 'overwrite',
  }));
}

/**
 * Writes a planned import (see {@link planSpeckitImport}) into `outDir`, creating it when
 * missing. Each file is written atomically (a temporary file, then a rename). Nothing is written
 * when a file of the plan exists already, unless `force`: the error lists every such file (see
 * {@link checkImportTarget}).
 *
 * @param plan - The plan.
 * @param outDir - The pack folder to write, e.g. `packs/speckit`.
 * @param options - `force` to overwrite.
 * @returns The paths written (`outDir` joined with each file's path), in plan order.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_IMPORT_OUT_NOT_DIRECTORY` when `outDir` is a file;
 *   `SPECFORGE_IMPORT_FILES_EXIST` when files exist and `force` is not set.
 *
 * @example
 * ```ts
 * const plan = await planSpeckitImport({ path: '../spec-kit' });
 * await applyImportPlan(plan, 'packs/speckit', { force: true });
 * ```
 */
export async function applyImportPlan(
  plan: ImportPlan,
  outDir: string,
  options: ApplyImportPlanOptions = {},
): Promise<string[]> {
  const fs = options.fs ?? nodeFileSystem;
  const targets = await checkImportTarget(plan, outDir, options);
  // One change: a crash leaves the whole imported pack or none of it.
  await fs.writeFilesAtomic(
    targets.map((file, index) => ({ path: file.target, data: plan.files[index]!.content })),
  );
  return targets.map((file) => file.target);
}
