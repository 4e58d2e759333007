import { randomBytes } from 'node:crypto';
import { access, type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES } from '../project/find-project.js';
import type { FileSystem, PathKind } from './file-system.js';
import { commitFileChanges } from './file-transaction.js';
import { MAX_DOCUMENT_BYTES } from './input-limits.js';
import { makeFolders } from './make-folders.js';

/**
 * The {@link FileSystem} of the machine, via `node:fs`. Atomic writes go to a temporary file in
 * the same directory (so the rename stays on one file system), are flushed, then renamed over
 * the target. A file that is not a regular file (a device, a pipe) is read up to one byte past
 * {@link MAX_DOCUMENT_BYTES}, so that the size check of the caller refuses an endless one.
 */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    const handle = await open(path, 'r');
    try {
      if ((await handle.stat()).isFile()) return await handle.readFile();
      // A device or pipe has no size, and /dev/zero never ends: reading it whole would hang and
      // fill the memory. One byte past the bound is enough for assertDocumentSize to refuse it.
      return await readAtMost(handle, MAX_DOCUMENT_BYTES + 1);
    } finally {
      await handle.close();
    }
  },

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
    // Not `mkdir(path, { recursive: true })`, which never settles under /proc (see makeFolders).
    await makeFolders(path);
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

  async writeFilesAtomic(changes) {
    if (changes.length === 0) return;
    await commitFileChanges(changes, {
      journalDir: await journalDirFor(changes.map((c) => c.path)),
    });
  },
};

/**
 * The journal of a change goes where the project's write lock recovers it: the `.specforge`
 * folder of the project holding the files, found upward from their common folder as
 * `findProject` finds it (the folder of a config file, else of `.git`, else the common folder).
 */
async function journalDirFor(paths: readonly string[]): Promise<string> {
  const common = commonFolder(paths.map((path) => dirname(resolve(path))));
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );
  let gitRoot: string | undefined;
  for (let dir = common; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      if (await exists(join(dir, name))) return join(dir, '.specforge', 'journal');
    }
    if (gitRoot === undefined && (await exists(join(dir, '.git')))) gitRoot = dir;
    if (dirname(dir) === dir) return join(gitRoot ?? common, '.specforge', 'journal');
  }
}

function commonFolder(dirs: readonly string[]): string {
  let common = dirs[0]!;
  for (const dir of dirs.slice(1)) {
    while (common !== dir && !dir.startsWith(common.endsWith(sep) ? common : `${common}${sep}`)) {
      common = dirname(common);
    }
  }
  return common;
}

async function readAtMost(handle: FileHandle, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - length));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    length += bytesRead;
  }
  return Buffer.concat(chunks, length);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
