import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { relative, sep } from 'node:path';

/**
 * The name of `path` inside `dir` when `path` is `dir`, a separator and a plain file name (no
 * separator, not `.` or `..`): the usual pack layout. `path.relative` gives the same name then,
 * but resolves both paths against the working directory first, which costs more than reading
 * a small file.
 */
function plainNameIn(dir: string, path: string): string | undefined {
  if (
    dir === '' ||
    path.length <= dir.length + 1 ||
    !path.startsWith(dir) ||
    path[dir.length] !== sep
  ) {
    return undefined;
  }
  const name = path.slice(dir.length + 1);
  if (name === '.' || name === '..' || name.includes('/') || name.includes('\\')) return undefined;
  return name;
}

/** `path.relative(dir, path)`, without resolving anything for a plain file name in `dir`. */
export function relativeToPack(dir: string, path: string): string {
  return plainNameIn(dir, path) ?? relative(dir, path);
}

/**
 * `fs.realpathSync.native(file)` for a file of the pack folder `dir`, whose real path is
 * `realDir`: a plain file name in `dir` that is not a symbolic link is `realDir`, a separator
 * and that name, known from one `lstat` instead of one per path segment. Anything else, and any
 * failure, goes to `realpath` itself, so errors are the ones it gives.
 */
export function realpathInPack(dir: string, realDir: string, file: string): string {
  const name = plainNameIn(dir, file);
  if (name !== undefined) {
    const stats = lstatOrUndefined(file);
    if (stats !== undefined && !stats.isSymbolicLink()) {
      return realDir.endsWith(sep) ? `${realDir}${name}` : `${realDir}${sep}${name}`;
    }
  }
  return realpathSync.native(file);
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
