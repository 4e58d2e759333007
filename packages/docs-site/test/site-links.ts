import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Every `href` and `src` value in `html`. */
export function urlsIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) =>
    match[1]!.replaceAll('&amp;', '&'),
  );
}

/**
 * The links of `page` (a path in the site `dir`, as served under `base`) that lead to no file
 * of the site, or to an anchor the target page does not have. Links to other hosts are listed
 * too: the site must make no request elsewhere, and its own pages never link out.
 */
export function brokenLinks(dir: string, page: string, html: string, base = '/'): string[] {
  const broken: string[] = [];
  for (const url of urlsIn(html)) {
    // The empty icon (`data:,`) stops browsers asking the host for /favicon.ico.
    if (url === 'data:,') continue;
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) {
      broken.push(`${url} (another host)`);
      continue;
    }
    const [path = '', fragment] = url.split('#');
    if (path === '') {
      if (fragment && !html.includes(`id="${fragment}"`))
        broken.push(`${url} (no #${fragment} on the page)`);
      continue;
    }
    // Resolve as a browser would, from the page's URL under the base.
    const pageUrl = posix.join(base, page);
    const resolved = path.startsWith('/')
      ? posix.normalize(path)
      : posix.join(posix.dirname(pageUrl), path);
    if (!resolved.startsWith(base)) {
      broken.push(`${url} (leaves ${base})`);
      continue;
    }
    const target = resolved.slice(base.length) || 'index.html';
    const file = join(dir, target.endsWith('/') ? `${target}index.html` : target);
    if (!existsSync(file)) {
      broken.push(`${url} (no ${target})`);
      continue;
    }
    if (fragment && !readFileSync(file, 'utf8').includes(`id="${fragment}"`))
      broken.push(`${url} (no #${fragment})`);
  }
  return broken;
}

/** The heading levels of `html` in document order. */
export function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]));
}
