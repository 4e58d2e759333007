import { relative } from 'node:path';
import {
  describeChange,
  openProjectRegistry,
  type ProjectRegistry,
  writeProjectLock,
} from '@specforge/template-registry';
import { resolveCacheDir } from './cache-dir.js';

/** Flags of every command that resolves packs. */
export interface RegistryFlags {
  frozen?: boolean;
}

/**
 * Resolves the packs of the project around `dir` and, unless `write` is false, saves an updated
 * `specforge.lock`, telling the user on stderr what changed in it.
 */
export async function openRegistry(
  dir: string,
  flags: RegistryFlags,
  write = true,
): Promise<ProjectRegistry> {
  const registry = await openProjectRegistry({
    cwd: dir,
    cacheDir: resolveCacheDir(),
    frozen: flags.frozen,
  });
  if (write) await saveLock(registry);
  return registry;
}

/** Saves the lock when it changed, and says so on stderr with every change. */
export async function saveLock(registry: ProjectRegistry): Promise<void> {
  if (!(await writeProjectLock(registry))) return;
  const name = relative(process.cwd(), registry.lockFile) || registry.lockFile;
  const lines = registry.lockChanges.map((change) => `  ${describeChange(change)}`);
  process.stderr.write(
    `${registry.previousLock ? 'updated' : 'wrote'} ${name}${lines.length ? `:\n${lines.join('\n')}` : ''}\n`,
  );
}
