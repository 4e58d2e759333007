import { rmdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type FileSystem, nodeFileSystem, writeGeneratedFile } from '@specforge/core';
import type { AgentsExportPlan } from './plan-agents-export.js';
import { insideRoot } from './plan-agents-export.js';

/** Options for {@link applyAgentsExport}. */
export interface ApplyAgentsExportOptions {
  /** Where to write; the machine's file system by default. */
  fs?: FileSystem;
}

/**
 * Carries out an {@link AgentsExportPlan}: writes the `create`, `update` and `overwrite` files
 * atomically (a temporary file renamed over the target, missing folders created), deletes the
 * `remove` ones (and a skill folder they leave empty), then writes the manifest, last, so that
 * an export interrupted halfway is finished by the next one. `unchanged`, `skip` and `forget`
 * files are not touched.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_OUTPUT_UNWRITABLE` naming a file that cannot be
 *   written; the files before it are written, the manifest is not.
 */
export async function applyAgentsExport(
  plan: AgentsExportPlan,
  options: ApplyAgentsExportOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  for (const change of plan.files) {
    const full = insideRoot(plan.root, change.path);
    if (!full) continue;
    if (change.text !== undefined) await writeGeneratedFile(full, change.text, fs);
    else if (change.action === 'remove') {
      await unlink(full).catch(ignoreMissing);
      // A skill is a folder of its own: it goes with its last file, the agent's folder stays.
      const folder = dirname(full);
      if (folder !== insideRoot(plan.root, plan.dir)) await rmdir(folder).catch(() => {});
    }
  }
  if (plan.manifest.text !== undefined) {
    await writeGeneratedFile(insideRoot(plan.root, plan.manifest.path)!, plan.manifest.text, fs);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
