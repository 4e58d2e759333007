import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Throws unless `page` is a relative path that stays inside the site folder `out`: no absolute
 * path, no `..` that climbs out, no backslash or NUL. Page paths are built from sanitised
 * segments; this is the last guard before anything is written.
 */
export function assertInsideSite(out: string, page: string): void {
  const target = resolve(out, page);
  const inside = relative(resolve(out), target);
  if (
    page === '' ||
    isAbsolute(page) ||
    /[\\\0]/.test(page) ||
    page.split('/').some((segment) => segment === '..' || segment === '.') ||
    inside === '' ||
    inside.startsWith('..') ||
    isAbsolute(inside)
  ) {
    throw new Error(
      `Refusing to write the page ${JSON.stringify(page)}: it is not inside the site folder.`,
    );
  }
}
