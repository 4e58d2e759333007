import type { PlannedPage } from '../eleventy/write-site-pages.js';
import type { RenderedGuide } from '../guides/types.js';
import type { ApiReference } from '../render/site-urls.js';
import type { PackVersionsModel } from '../site-model/pack-versions.js';
import type { SiteModel } from '../site-model/types.js';
import { type BuildCache, hashContent, hashParts } from './build-cache.js';
import { CACHE_REVISION, readToolVersions } from './tool-versions.js';

/**
 * What the last build of a site folder wrote: a hash of everything its pages are made from, each
 * page with its cache key, and the bundles (see `Bundle`) of its pages and example plans. A build
 * whose inputs hash the same writes the same pages, so it takes them from the cache without
 * building their views again; another build takes from the bundles what did not change.
 */
export interface SiteManifest {
  /** {@link hashSiteInputs} of that build. */
  inputs: string;
  /** Every page and its key, in the site's order. */
  pages: PlannedPage[];
  /** The key of the bundle of its pages. */
  pagesBundle: string;
  /** The key of the bundle of its example plans. */
  examplesBundle: string;
}

/** Everything the pages of a site are made from (see `buildPageViews`). */
export interface SiteInputs {
  model: SiteModel;
  packVersions: readonly PackVersionsModel[];
  base: string;
  guides: readonly RenderedGuide[];
  apiReference: ApiReference | undefined;
}

/** The key of the manifest of the site built from `cwd` into `out` (both absolute). */
export function siteManifestKey(cwd: string, out: string): string {
  return hashParts(['site-manifest', String(CACHE_REVISION), cwd, out]);
}

/**
 * `sha256` over the site's inputs, as JSON with `Map`s spelled out and `undefined` kept, and the
 * versions of the code that turns them into pages: this package, `@specforge/core` (the outline
 * of a section), markdown-it and diff.
 */
export function hashSiteInputs(inputs: SiteInputs): string {
  const versions = readToolVersions();
  const json = JSON.stringify(inputs, (_key, value: unknown) => {
    if (value instanceof Map) return { '\0Map': [...value] };
    if (value instanceof Set) return { '\0Set': [...value] };
    return value === undefined ? '\0undefined' : value;
  });
  return hashParts([
    'site-inputs',
    String(CACHE_REVISION),
    versions.docsSite,
    versions.core,
    versions.markdownIt,
    versions.diff,
    hashContent(json),
  ]);
}

/** The manifest stored under `key`, if it is there and has the shape {@link writeSiteManifest} writes. */
export function readSiteManifest(cache: BuildCache, key: string): SiteManifest | undefined {
  const entry = cache.read('sites', key);
  if (!entry) return undefined;
  try {
    const manifest = JSON.parse(entry.content.toString('utf8')) as Partial<SiteManifest>;
    const valid =
      typeof manifest.inputs === 'string' &&
      typeof manifest.pagesBundle === 'string' &&
      typeof manifest.examplesBundle === 'string' &&
      Array.isArray(manifest.pages) &&
      manifest.pages.every(
        (page) =>
          typeof page === 'object' &&
          page !== null &&
          typeof page.page === 'string' &&
          typeof page.key === 'string',
      );
    return valid ? (manifest as SiteManifest) : undefined;
  } catch {
    return undefined;
  }
}

/** Stores `manifest` under `key`. */
export function writeSiteManifest(cache: BuildCache, key: string, manifest: SiteManifest): void {
  cache.write(
    'sites',
    key,
    JSON.stringify({
      inputs: manifest.inputs,
      pages: manifest.pages.map(({ page, key: pageKey }) => ({ page, key: pageKey })),
      pagesBundle: manifest.pagesBundle,
      examplesBundle: manifest.examplesBundle,
    }),
  );
}
