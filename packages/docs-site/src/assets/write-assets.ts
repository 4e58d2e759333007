import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareScript } from './compare-script.js';
import { searchScript } from './search-script.js';
import { siteCss } from './site-css.js';

/** The site's own static files, by path in the site. */
export const siteAssets: Readonly<Record<string, string>> = {
  'assets/site.css': siteCss,
  'assets/search.js': searchScript,
  'assets/compare.js': compareScript,
};

/** Writes {@link siteAssets} into the site folder `out`. */
export async function writeSiteAssets(out: string): Promise<void> {
  await mkdir(join(out, 'assets'), { recursive: true });
  await Promise.all(
    Object.entries(siteAssets).map(([path, text]) => writeFile(join(out, path), text)),
  );
}
