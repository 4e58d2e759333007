import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Creates the folder `path` and its missing parents, like `mkdir(path, { recursive: true })`,
 * and returns the first folder it created (`undefined` when `path` existed already).
 *
 * Node's recursive `mkdir` never settles (it spins, using a whole core) when the file system
 * answers `ENOENT` for a folder whose parent exists, as `/proc` and other pseudo file systems
 * do: it retries the parent, finds it, and tries the folder again, forever. So a mistyped
 * `--out /proc/x/plan.md` would hang the command. This walks up to the nearest folder that
 * exists, then creates each missing one with a plain `mkdir`, so every failure surfaces as the
 * platform error (`code` set) of the folder that could not be made.
 *
 * @throws The platform error of the first `mkdir` that fails; `EEXIST` when `path` is a file,
 * `ENOTDIR` when one of its parents is.
 *
 * @example
 * ```ts
 * const first = await makeFolders('/repo/specs/042-checkout/out'); // '/repo/specs/042-checkout/out'
 * ```
 */
export async function makeFolders(path: string): Promise<string | undefined> {
  const target = resolve(path);
  const missing: string[] = [];
  for (let dir = target; ; dir = dirname(dir)) {
    const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info?.isDirectory()) break;
    if (info) throw folderError(dir === target ? 'EEXIST' : 'ENOTDIR', dir);
    // The root of a file system always exists; stop rather than loop if `stat` says otherwise.
    if (dirname(dir) === dir) break;
    missing.push(dir);
  }
  let first: string | undefined;
  // Outermost first, each with one plain mkdir: a folder that cannot be made fails right here.
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
      first ??= dir;
    } catch (error) {
      // Made meanwhile by another process: fine, as long as it is a folder.
      const taken = (error as NodeJS.ErrnoException).code === 'EEXIST';
      if (!taken || !(await stat(dir).then((info) => info.isDirectory()))) throw error;
    }
  }
  return first;
}

function folderError(code: 'EEXIST' | 'ENOTDIR', path: string): NodeJS.ErrnoException {
  const reason = code === 'EEXIST' ? 'file already exists' : 'not a directory';
  return Object.assign(new Error(`${code}: ${reason}, mkdir '${path}'`), {
    code,
    syscall: 'mkdir',
    path,
  });
}
