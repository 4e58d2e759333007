import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What a path points at, symbolic links followed; `undefined` when nothing is there. */
export async function pathKind(path: string): Promise<'file' | 'directory' | 'other' | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch {
    return undefined;
  }
}

/** A folder's entries, sorted by name (code point order, the same on every platform); `[]` when it is not a folder. */
export async function listFolder(
  path: string,
): Promise<{ name: string; kind: 'file' | 'directory' | 'other' }[]> {
  let names: string[];
  try {
    names = await readdir(path);
  } catch {
    return [];
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const kinds = await Promise.all(names.map((name) => pathKind(join(path, name))));
  return names.flatMap((name, index) => {
    const kind = kinds[index];
    return kind === undefined ? [] : [{ name, kind }];
  });
}

/** A file's text as UTF-8, or `undefined` when it cannot be read. */
export async function readTextIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
