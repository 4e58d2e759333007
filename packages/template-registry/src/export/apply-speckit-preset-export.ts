import { join } from 'node:path';
import {
  type FileChange,
  type FileSystem,
  hashGeneratedText,
  nodeFileSystem,
  SpecforgeError,
} from '@specforge/core';
import type { SpeckitPresetExportPlan } from './plan-speckit-preset-export.js';
import {
  parseSpeckitExportRecord,
  SPECKIT_EXPORT_RECORD,
  type SpeckitExportRecord,
} from './speckit-export-record.js';

/** Options of {@link checkPresetExportTarget} and {@link applySpeckitPresetExport}. */
export interface ApplyPresetExportOptions {
  /** Replace files the last export did not write, or that were edited since. */
  force?: boolean | undefined;
  /** The file system; the machine's by default (tests pass another). */
  fs?: FileSystem | undefined;
}

/**
 * What an export does to one file of the preset folder: `create` a new one, `update` one the
 * last export wrote (unedited), leave one `unchanged`, `replace` one it did not write or that was
 * edited (with `force` only), `delete` a template file the last export wrote that the pack no
 * longer has, or `keep` such a file because it was edited.
 */
export type PresetExportAction = 'create' | 'update' | 'unchanged' | 'replace' | 'delete' | 'keep';

/** One file of the preset folder, and what the export does to it. */
export interface PresetExportTarget {
  /** Path in the preset folder, e.g. `templates/plan-template.md`. */
  path: string;
  /** The path on disk: the output folder joined with {@link PresetExportTarget.path}. */
  target: string;
  /** What the export does to it. */
  action: PresetExportAction;
}

/**
 * Tells what writing a planned preset into `outDir` would do to each file, writing nothing: what
 * `--dry-run` shows, and what {@link applySpeckitPresetExport} checks first.
 *
 * A file the last export wrote (its hash is in the folder's {@link SPECKIT_EXPORT_RECORD}) and
 * that nobody edited since is rewritten freely; any other existing file the preset needs is
 * replaced only with `force`. A template file the last export wrote and the pack no longer has is
 * deleted when unedited, and kept otherwise. Other files of the folder are never touched.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_EXPORT_OUT_NOT_DIRECTORY` when `outDir`
 *   is not a folder; `SPECFORGE_EXPORT_FILES_EXIST`, listing them, when files would be replaced
 *   without `force` (or a folder stands where a file goes, which even `force` does not replace).
 */
export async function checkPresetExportTarget(
  plan: SpeckitPresetExportPlan,
  outDir: string,
  options: ApplyPresetExportOptions = {},
): Promise<PresetExportTarget[]> {
  const fs = options.fs ?? nodeFileSystem;
  const dirKind = await fs.kind(outDir);
  if (dirKind !== undefined && dirKind !== 'directory') {
    throw new SpecforgeError(
      'SPECFORGE_EXPORT_OUT_NOT_DIRECTORY',
      { dir: outDir },
      { location: { file: outDir } },
    );
  }
  const at = (path: string) => join(outDir, ...path.split('/'));
  if (dirKind === undefined) {
    return plan.files.map((file) => ({ path: file.path, target: at(file.path), action: 'create' }));
  }

  const previous = await readPreviousRecord(fs, at(SPECKIT_EXPORT_RECORD));
  const written = new Map(previous?.templates.map((entry) => [entry.file, entry.sha256]));
  const read = async (path: string): Promise<string | undefined> => {
    try {
      return new TextDecoder().decode(await fs.readFile(path));
    } catch {
      return undefined;
    }
  };
  const targets: PresetExportTarget[] = [];
  const blocked: { path: string; folder: boolean }[] = [];
  for (const file of plan.files) {
    const target = at(file.path);
    const kind = await fs.kind(target);
    if (kind === undefined) {
      targets.push({ path: file.path, target, action: 'create' });
      continue;
    }
    if (kind !== 'file') {
      blocked.push({ path: file.path, folder: true });
      continue;
    }
    const current = (await read(target)) ?? '';
    if (current === file.content) {
      targets.push({ path: file.path, target, action: 'unchanged' });
      continue;
    }
    // The record is ours when it reads as one; any other file when its hash is the one the
    // record says the last export wrote.
    const ours =
      file.path === SPECKIT_EXPORT_RECORD
        ? previous !== undefined
        : hashGeneratedText(current) === (written.get(file.path) ?? previous?.generated[file.path]);
    if (ours) targets.push({ path: file.path, target, action: 'update' });
    else if (options.force) targets.push({ path: file.path, target, action: 'replace' });
    else blocked.push({ path: file.path, folder: false });
  }
  const planned = new Set(plan.files.map((file) => file.path));
  for (const [path, hash] of written) {
    if (planned.has(path) || !isTemplatePath(path)) continue;
    const target = at(path);
    const current = await read(target);
    if (current === undefined) continue;
    targets.push({ path, target, action: hashGeneratedText(current) === hash ? 'delete' : 'keep' });
  }
  if (blocked.length > 0) {
    const folders = blocked.filter((file) => file.folder).map((file) => at(file.path));
    throw new SpecforgeError(
      'SPECFORGE_EXPORT_FILES_EXIST',
      { dir: outDir, files: blocked.map((file) => file.path) },
      {
        location: { file: outDir },
        ...(folders.length > 0
          ? {
              hint: `Remove or move ${folders.join(', ')} (a folder where the preset needs a file), or pass --out to export into another folder.`,
            }
          : {}),
      },
    );
  }
  return targets;
}

/**
 * Writes a planned preset (see {@link planSpeckitPresetExport}) into `outDir`, creating it when
 * missing, as one change: after a crash the folder holds the old preset or the new one. Files are
 * replaced or deleted only as {@link checkPresetExportTarget} allows.
 *
 * @returns What was done to each file.
 * @throws {@link @specforge/core!SpecforgeError} as {@link checkPresetExportTarget}.
 *
 * @example
 * ```ts
 * const plan = await planSpeckitPresetExport({ pack });
 * const targets = await applySpeckitPresetExport(plan, 'presets/acme');
 * targets.filter((file) => file.action === 'keep'); // template files edited since the last export
 * ```
 */
export async function applySpeckitPresetExport(
  plan: SpeckitPresetExportPlan,
  outDir: string,
  options: ApplyPresetExportOptions = {},
): Promise<PresetExportTarget[]> {
  const fs = options.fs ?? nodeFileSystem;
  const targets = await checkPresetExportTarget(plan, outDir, options);
  const contents = new Map(plan.files.map((file) => [file.path, file.content]));
  const changes: FileChange[] = targets.flatMap((file): FileChange[] => {
    if (file.action === 'delete') return [{ path: file.target, delete: true }];
    if (file.action === 'create' || file.action === 'update' || file.action === 'replace')
      return [{ path: file.target, data: contents.get(file.path)! }];
    return [];
  });
  if (changes.length > 0) await fs.writeFilesAtomic(changes);
  return targets;
}

async function readPreviousRecord(
  fs: FileSystem,
  path: string,
): Promise<SpeckitExportRecord | undefined> {
  try {
    return parseSpeckitExportRecord(new TextDecoder().decode(await fs.readFile(path)), path);
  } catch {
    // No record, or one that does not read: nothing in the folder counts as written by an export.
    return undefined;
  }
}

function isTemplatePath(path: string): boolean {
  return /^templates\/[a-z0-9-]+\.md$/.test(path);
}
