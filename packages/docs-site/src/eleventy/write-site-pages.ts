import { type BuildCache, hashContent } from '../cache/build-cache.js';
import { bundleKey, readBundle, writeBundle } from '../cache/bundles.js';
import { pageKey, searchKey } from '../cache/page-keys.js';
import type { PageView } from '../pages/views.js';
import {
  isIndexedPage,
  packSearchIndex,
  type SearchIndexer,
  startSearchIndex,
  unpackSearchIndex,
} from '../search/build-search-index.js';
import { createPageWriter, writePagesNow } from './page-writer.js';
import {
  listSitePages,
  loadRenderer,
  renderPages,
  type SitePages,
  selectSitePages,
} from './render-pages.js';

/** A page of the site and its key in the build cache (see `pageKey`). */
export interface PlannedPage {
  /** The page's path in the site. */
  page: string;
  key: string;
}

/** Options for {@link writeSitePages}. */
export interface WriteSitePagesOptions {
  /** The normalised base path (part of every page's cache key). */
  base: string;
  /** The build cache; without it every page renders and the index is built. */
  cache?: BuildCache;
  /** The key of the last build's bundle of pages (see `Bundle`), whose pages are reused. */
  bundle?: string;
}

/** What {@link writeSitePages} wrote. */
export interface WrittenSitePages {
  /** HTML pages written. */
  pages: number;
  /** Every page with its cache key, in the site's order; empty without a cache. */
  plan: PlannedPage[];
  /** The key of the bundle of every page of this build; none without a cache. */
  bundle: string | undefined;
}

// The `sha256` of the HTML of each page Pagefind indexes, for the search index's key.
type PageHashes = Map<string, string>;

/**
 * Writes every page of `pages` into the site folder `out`, and the search index into
 * `out/pagefind/`. With a build cache, a page whose key (see `pageKey`) is in the last build's
 * bundle of pages (`options.bundle`) is written from there and only the others are rendered, by
 * Eleventy, which is not even loaded when there are none; the search index comes from the cache
 * when every indexed page is as it was. Every page then goes into this build's bundle. Either way
 * the files are byte for byte those of a build without a cache.
 */
export async function writeSitePages(
  pages: SitePages,
  out: string,
  options: WriteSitePagesOptions,
): Promise<WrittenSitePages> {
  const { cache } = options;
  const list = listSitePages(pages);
  const order = list.map(({ view }) => view.page);
  const keys = cache ? list.map((page) => pageKey(page, options.base)) : [];
  const plan = keys.map((key, at) => ({ page: order[at]!, key }));
  const previous = cache && readBundle(cache, 'pages', options.bundle);
  const hits = keys.map((key) => previous?.get(key));
  const misses = new Set<PageView>(list.filter((_, at) => !hits[at]).map(({ view }) => view));
  if (cache && misses.size === 0) {
    const written = await writeCachedPages(order, hits as Buffer[], out, cache);
    return { pages: written, plan, bundle: keepBundle(cache, plan, hits, options.bundle) };
  }
  void loadRenderer();

  const hashes: PageHashes = new Map();
  const known: [string, Buffer][] = [];
  for (const [at, hit] of hits.entries()) {
    if (!hit) continue;
    known.push([order[at]!, hit]);
    if (isIndexedPage(hit)) hashes.set(order[at]!, hashContent(hit));
  }
  writePagesNow(out, known);
  const writer = createPageWriter(out);
  const rendered = new Map<string, string>();
  let search: SearchIndexer | undefined = startSearchIndex(order);
  try {
    for (const [page, html] of known) search.add(page, html);
    await renderPages(selectSitePages(pages, misses), out, {
      writer,
      onPage(page, html) {
        search?.add(page, html);
        if (!cache) return;
        rendered.set(page, html);
        if (isIndexedPage(html)) hashes.set(page, hashContent(html));
      },
    });
    await writer.finish();
    const indexing = search;
    search = undefined;
    const indexed = indexing.write(out);
    let bundle: string | undefined;
    if (cache) {
      const all = plan.map(({ page }, at) => hits[at] ?? rendered.get(page));
      bundle = keepBundle(cache, plan, all, options.bundle);
      // Written while Pagefind indexes the last pages in its own process.
      cache.flush();
    }
    await indexed;
    if (cache && plan.every(({ page }, at) => hits[at] || rendered.has(page))) {
      cache.write('search', searchKeyOf(order, hashes), packSearchIndex(out));
    }
    return { pages: order.length, plan, bundle };
  } catch (error) {
    await search?.discard();
    await writer.finish().catch(() => undefined);
    throw error;
  }
}

/**
 * Writes a site whose pages are all in the bundle `bundle` of the build cache, as an earlier
 * build planned them (`plan`, from {@link writeSitePages}), without their views: the caller knows
 * that the site's inputs are the same. Returns the number of pages written, or `undefined`,
 * having written nothing, when the bundle is missing, does not check out or lacks a page (the
 * caller then builds the pages).
 */
export async function writeSiteFromCache(
  plan: readonly PlannedPage[],
  bundle: string,
  out: string,
  cache: BuildCache,
): Promise<number | undefined> {
  const pages = readBundle(cache, 'pages', bundle);
  const hits = plan.map(({ key }) => pages?.get(key));
  if (hits.some((hit) => !hit)) return undefined;
  return writeCachedPages(
    plan.map(({ page }) => page),
    hits as Buffer[],
    out,
    cache,
  );
}

/**
 * The key of the bundle of the pages of `plan` (`html` in the same order): `previous` when it is
 * that one, else a new bundle written into the cache; `undefined` when a page has no HTML.
 */
function keepBundle(
  cache: BuildCache,
  plan: readonly PlannedPage[],
  html: readonly (string | Buffer | undefined)[],
  previous: string | undefined,
): string | undefined {
  const key = bundleKey(
    'pages',
    plan.map((page) => page.key),
  );
  if (key === previous) return key;
  const items = new Map<string, string | Buffer>();
  for (const [at, { key: pageKey }] of plan.entries()) {
    const page = html[at];
    if (page === undefined) return undefined;
    items.set(pageKey, page);
  }
  return writeBundle(cache, 'pages', items);
}

/** Writes pages that all came from the cache, and the search index: from the cache too, if it is there. */
async function writeCachedPages(
  order: readonly string[],
  hits: readonly Buffer[],
  out: string,
  cache: BuildCache,
): Promise<number> {
  const hashes: PageHashes = new Map();
  const known = order.map((page, at) => {
    const html = hits[at]!;
    if (isIndexedPage(html)) hashes.set(page, hashContent(html));
    return [page, html] as const;
  });
  writePagesNow(out, known);
  const key = searchKeyOf(order, hashes);
  const archive = cache.read('search', key);
  if (archive && unpackSearchIndex(archive.content, out)) return order.length;
  const search = startSearchIndex(order);
  for (const [page, html] of known) search.add(page, html);
  await search.write(out);
  cache.write('search', key, packSearchIndex(out));
  return order.length;
}

function searchKeyOf(order: readonly string[], hashes: PageHashes): string {
  return searchKey(
    order.flatMap((page) => {
      const hash = hashes.get(page);
      return hash === undefined ? [] : [{ page, hash }];
    }),
  );
}
