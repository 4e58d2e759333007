import { isAbsolute, relative } from 'node:path';

/**
 * A path as the user should read it: relative to `cwd` when it lies inside it, absolute
 * otherwise (a `../../..` chain says less than the real place).
 *
 * @example
 * ```ts
 * displayPath('/repo/specs/a/spec.md', '/repo'); // 'specs/a/spec.md'
 * displayPath('/elsewhere/spec.md', '/repo'); // '/elsewhere/spec.md'
 * ```
 */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
