import {
  pageLayout,
  pagePartials,
  pageTemplates,
  type SitePage,
} from '../eleventy/render-pages.js';
import { searchIndexOptions } from '../search/build-search-index.js';
import { hashParts } from './build-cache.js';
import { CACHE_REVISION, readToolVersions } from './tool-versions.js';

let renderer: string | undefined;

/** `sha256` of what renders every page: the templates, their partials and the tools' versions. */
function rendererFingerprint(): string {
  if (renderer === undefined) {
    const versions = readToolVersions();
    renderer = hashParts([
      'page',
      String(CACHE_REVISION),
      versions.docsSite,
      versions.eleventy,
      versions.handlebars,
      pageLayout,
      JSON.stringify(pageTemplates),
      JSON.stringify(pagePartials),
    ]);
  }
  return renderer;
}

/**
 * The cache key of a page's HTML: `sha256` over its view (as JSON: a view is plain data, and
 * every string the page shows is in it), the kind of page, the base path, the layout, page
 * templates and partials, and the versions of this package, Eleventy and Handlebars.
 */
export function pageKey(page: SitePage, base: string): string {
  return hashParts([rendererFingerprint(), base, page.kind, JSON.stringify(page.view)]);
}

/**
 * The cache key of the search index: `sha256` over the path and the HTML's `sha256` of each page
 * indexed, in the order they are indexed, Pagefind's version and the index's options. Pagefind
 * reads nothing else, so the same key means the same files.
 */
export function searchKey(pages: readonly { page: string; hash: string }[]): string {
  const versions = readToolVersions();
  return hashParts([
    'search',
    String(CACHE_REVISION),
    versions.pagefind,
    JSON.stringify(searchIndexOptions),
    ...pages.map(({ page, hash }) => `${page}\0${hash}`),
  ]);
}
