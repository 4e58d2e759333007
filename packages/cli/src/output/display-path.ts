import { isAbsolute, relative } from 'node:path';

/**
 * A path as the user should read it: relative to the current directory when it lies inside it,
 * absolute otherwise (a `../../..` chain says less than the real place).
 */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
