import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileSystem, PathKind } from './file-system.js';

/**
 * The {@link FileSystem} of the machine, via `node:fs`. Atomic writes go to a temporary file in
 * the same directory (so the rename stays on one file system), are flushed, then renamed over
 * the target.
 */
export const nodeFileSystem: FileSystem = {
  readFile: (path) => readFile(path),

  async kind(path): Promise<PathKind> {
    try {
      const info = await stat(path);
      if (info.isFile()) return 'file';
      if (info.isDirectory()) return 'directory';
      return 'other';
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async mkdirp(path) {
    await mkdir(path, { recursive: true });
  },

  async writeFileAtomic(path, data) {
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
  },
};

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
