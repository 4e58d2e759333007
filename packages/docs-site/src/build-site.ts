import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isSpecforgeError, SpecforgeError, type TemplateCompileCache } from '@specforge/core';
import { openProjectRegistry } from '@specforge/template-registry';
import { writeSiteAssets } from './assets/write-assets.js';
import {
  BUILD_CACHE_FOLDER,
  type BuildCache,
  DEFAULT_CACHE_MAX_BYTES,
  openBuildCache,
} from './cache/build-cache.js';
import { openCompiledTemplates } from './cache/compiled-templates.js';
import { type CachedExamplePlans, loadExamplePlans } from './cache/example-plans.js';
import {
  hashSiteInputs,
  readSiteManifest,
  siteManifestKey,
  writeSiteManifest,
} from './cache/site-manifest.js';
import { openVersionBodies } from './cache/version-bodies.js';
import { loadRenderer } from './eleventy/render-pages.js';
import { writeSiteFromCache, writeSitePages } from './eleventy/write-site-pages.js';
import { guideCss } from './guides/guide-css.js';
import { loadGuides } from './guides/load-guides.js';
import { renderGuides } from './guides/render-guides.js';
import type { ExtraGuide, GuidesOptions } from './guides/types.js';
import { buildPageViews } from './pages/views.js';
import { createMarkdownRenderer } from './render/markdown.js';
import { type ApiReference, normalizeApiReference, normalizeBase } from './render/site-urls.js';
import { assertReplaceableSite, makeStagingFolder, replaceSiteFolder } from './site-folder.js';
import { composeSiteModel } from './site-model/build-site-model.js';
import { loadExampleSpec } from './site-model/example-spec.js';
import { readPackDescription } from './site-model/pack-description.js';
import { composeVersionsModel } from './site-model/pack-versions.js';
import { buildSiteVersions } from './site-model/site-versions.js';
import { startVersionsModel } from './site-model/versions-model-worker.js';

/** Options for {@link buildSite}. */
export interface BuildSiteOptions {
  /** A folder inside the project; the project and its packs are found from here. */
  cwd: string;
  /** The site folder, relative to `cwd` or absolute. Replaced as a whole when the build succeeds. */
  out: string;
  /**
   * The URL path the site is served from, `/` by default (`/docs/` for a sub-path). Pages link
   * to each other and to their assets relatively, so they work wherever they are served; the
   * base is used where a relative URL cannot work: the `404.html` page, served at any path.
   */
  base?: string;
  /** Fail with `SPECFORGE_LOCK_MISMATCH` when the packs no longer match `specforge.lock`. */
  frozen?: boolean;
  /**
   * Where git pack sources are cloned, and where the build cache lives
   * (`<cacheDir>/docs-site/`, see {@link BuildSiteOptions.cache}).
   */
  cacheDir: string;
  /**
   * The build cache, on by default: example plans, page HTML and the search index are kept in
   * `<cacheDir>/docs-site/`, keyed by a `sha256` of everything that determines them, so a
   * rebuild renders only what changed. The site is byte for byte the same with or without it.
   * At the end of a build that added entries, the least recently used ones are removed until the
   * cache holds at most `maxBytes` (256 MiB by default). The templates of example plans are
   * compiled to `<cacheDir>/compiled-templates/`, which `specforge plan` shares, so that a build
   * that renders the plans again (an emptied build cache, a changed example spec) does not
   * compile them again. `false` neither reads nor writes either.
   */
  cache?: boolean | BuildSiteCacheOptions;
  /** The date example plans see as `today`; now by default. */
  now?: Date;
  /**
   * Hand-written guides: each `*.md` directly in `dir` becomes `guides/<slug>/index.html`,
   * titled by its first `#` heading, listed on the home page and in the header. Guides are
   * rendered like template bodies (no raw HTML, no images), with an id on every heading (the
   * slug GitHub gives it) and links between guides (`overlays.md#whole-file-strategies`)
   * rewritten to their pages; links to other files keep only their text.
   */
  guides?: GuidesOptions;
  /**
   * Generated guides, such as a CLI or error-code reference, rendered like the guides of
   * {@link BuildSiteOptions.guides} and listed after them.
   */
  extraGuides?: ExtraGuide[];
  /**
   * The API reference the header and the home page link to: an `http(s)` URL, or a path relative
   * to the site root (`api/index.html`), which the caller puts there. No link when left out.
   */
  apiReference?: string;
}

/** Settings of the build cache; see {@link BuildSiteOptions.cache}. */
export interface BuildSiteCacheOptions {
  /** The most the cache keeps, in bytes, after a build; 256 MiB by default. */
  maxBytes?: number;
}

/** What {@link buildSite} built. */
export interface BuildSiteResult {
  /**
   * HTML pages written: the home page, one page per template and per guide, one per template at
   * each earlier version of its pack with a compare page, one per pack changelog, and `404.html`.
   */
  pages: number;
  /** The absolute path of the site folder. */
  out: string;
}

/**
 * Builds the docs site of the project around `cwd`: a static site with a home page listing
 * every pack and template, and a page per template with its effective body, outline, section
 * blame, the diff of every section a fork changed, its inputs and check rules, a "use it"
 * snippet and an example plan; with `guides` and `extraGuides`, a page per guide, listed on the
 * home page and in the header, and a link to the API reference with `apiReference`. Searchable
 * offline with Pagefind.
 *
 * Versions: for each of the project's own packs with more than one version (git tags of a git
 * source, earlier versions in the project's git history), every template page gets a version
 * switcher, each earlier version a page of its own (`templates/<pack>/<id>/v/<version>/`) with
 * the sections that differ from the current one marked, and the template a compare page with the
 * diff of every pair of versions (`…/compare/`). A pack's `CHANGELOG.md` becomes
 * `packs/<pack>/changelog/`. A version that does not compose is listed with its error. Only the
 * current pages are indexed for search.
 *
 * The site makes no request to any other host and works from any static host, at the root or
 * under `base`.
 *
 * The packs are resolved as `specforge plan` resolves them, reading `specforge.lock` but never
 * writing it. Everything from packs is treated as untrusted: text is escaped, Markdown is
 * rendered without raw HTML, links to scripts are dropped.
 *
 * The site is built in a folder beside `out` and replaces `out` once complete; `out` must be
 * new, empty, or a site built earlier.
 *
 * A rebuild reuses what earlier builds rendered, from a build cache in `<cacheDir>/docs-site/`
 * (see {@link BuildSiteOptions.cache}): an unchanged template is not rendered again, nor is an
 * unchanged page, and when no page changed Eleventy is not loaded and the search index is reused.
 * An entry that does not check out is ignored and rebuilt.
 *
 * @throws {@link @specforge/core!SpecforgeError} from resolving the packs (e.g. `SPECFORGE_LOCK_MISMATCH` with
 * `frozen`), `SPECFORGE_USAGE` for an invalid `base` or `apiReference`, an unreadable guides
 * folder or a taken guide slug, `SPECFORGE_OUTPUT_UNWRITABLE` when `out` holds something else.
 *
 * @example
 * ```ts
 * import { buildSite } from '@specforge/docs-site';
 *
 * const { pages, out } = await buildSite({
 *   cwd: process.cwd(),
 *   out: 'site',
 *   base: '/docs/',
 *   cacheDir: '.cache/specforge',
 *   guides: { dir: 'docs', order: ['getting-started', 'overlays'] },
 *   extraGuides: [{ slug: 'cli-reference', title: 'CLI reference', markdown: '…' }],
 *   apiReference: 'api/index.html',
 * });
 * console.log(`${pages} pages in ${out}`);
 * ```
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  // Absolute from here on: the registry writes earlier versions into it from git's folder, and
  // a relative path would name another folder there (the versions were then missing).
  options = { ...options, cacheDir: resolve(options.cacheDir) };
  const base = normalizeBase(options.base ?? '/');
  const apiReference =
    options.apiReference === undefined ? undefined : normalizeApiReference(options.apiReference);
  const out = resolve(options.cwd, options.out);
  await assertReplaceableSite(out);
  const cache = openCache(options);
  const compiled = cache && openCompiledTemplates(options.cacheDir);
  let result: BuildSiteResult;
  try {
    result = await buildSiteWithCache(options, { base, apiReference, out, compiled }, cache);
  } catch (error) {
    // A failed build adds nothing to the cache.
    cache?.discard();
    throw error;
  }
  // Writes what the build added to the cache and prunes it; the site is in place by then.
  await cache?.close();
  compiled?.save();
  return result;
}

async function buildSiteWithCache(
  options: BuildSiteOptions,
  {
    base,
    apiReference,
    out,
    compiled,
  }: {
    base: string;
    apiReference: ApiReference | undefined;
    out: string;
    compiled: TemplateCompileCache | undefined;
  },
  cache: BuildCache | undefined,
): Promise<BuildSiteResult> {
  // What the last build of this site folder with this cache wrote. Without one, the build is
  // cold: the renderer starts loading now, overlapping the resolving of the packs, and the
  // packs' earlier versions are composed on another thread. With one, most of it is likely in
  // the cache: the renderer loads only once a page or an example plan is known to need
  // rendering, and the earlier versions come from the cache on this thread, without the
  // worker's start-up and second resolving of the packs.
  const manifestKey = cache && siteManifestKey(resolve(options.cwd), out);
  const manifest = cache && manifestKey ? readSiteManifest(cache, manifestKey) : undefined;
  if (!manifest) void loadRenderer();
  const guideSources = await loadGuides(
    options.guides && { ...options.guides, dir: resolve(options.cwd, options.guides.dir) },
    options.extraGuides,
  );
  // Composing the packs' earlier versions, on another thread, overlaps resolving the packs and
  // building the site model here.
  const pendingVersions = manifest
    ? undefined
    : startVersionsModel(
        {
          cwd: options.cwd,
          cacheDir: options.cacheDir,
          frozen: options.frozen,
          buildCache: cache?.dir,
        },
        cache,
      );
  let registry: Awaited<ReturnType<typeof openProjectRegistry>>;
  let example: Awaited<ReturnType<typeof loadExampleSpec>>;
  let descriptions: (readonly [string, string])[];
  try {
    registry = await openProjectRegistry({
      cwd: options.cwd,
      cacheDir: options.cacheDir,
      frozen: options.frozen,
    });
    [example, descriptions] = await Promise.all([
      loadExampleSpec(registry.project),
      Promise.all(
        registry.packs.map(
          async (pack) => [pack.name, await readPackDescription(pack.dir)] as const,
        ),
      ),
    ]);
  } catch (error) {
    await pendingVersions?.cancel();
    throw error;
  }
  // Listing the versions runs git in other processes while the site model is built below.
  const versionsHere =
    cache && !pendingVersions
      ? composeVersionsModel(
          registry,
          { cacheDir: options.cacheDir },
          openVersionBodies(cache, registry, options.cacheDir),
        )
      : undefined;
  // Reported when awaited below, not as an unhandled rejection meanwhile.
  versionsHere?.catch(() => undefined);
  const now = options.now ?? new Date();
  let examples: CachedExamplePlans | undefined;
  if (cache) {
    examples = loadExamplePlans(
      cache,
      { packs: registry.packs, project: registry.project, example, now },
      manifest?.examplesBundle,
    );
    // A plan rendered anew (not one that fails again, as it did last time) means a changed page.
    examples.onRendered = () => void loadRenderer();
  }
  const model = composeSiteModel(
    {
      packs: registry.packs,
      project: registry.project,
      example,
      descriptions: new Map(descriptions),
      now,
      compileCache: compiled,
    },
    examples,
  );
  const guides = renderGuides(guideSources);
  const packVersions = versionsHere ? await versionsHere : await pendingVersions!.result(registry);
  if (await pendingVersions?.cacheWrote) cache?.noteWrites();
  const inputs = cache && hashSiteInputs({ model, packVersions, base, guides, apiReference });
  const examplesBundle = examples?.save();

  const staging = await makeStagingFolder(out).catch((error: unknown) => {
    throw asOutputError(error, out);
  });
  const assets = writeSiteAssets(staging).then(async () => {
    if (guides.length > 0) await writeFile(join(staging, 'assets/guides.css'), guideCss);
  });
  // Reported when awaited below, not as an unhandled rejection meanwhile.
  assets.catch(() => undefined);
  try {
    // The same inputs as the last build: the same pages, all in the cache unless pruned since.
    let written =
      cache && manifest && manifest.inputs === inputs
        ? await writeSiteFromCache(manifest.pages, manifest.pagesBundle, staging, cache)
        : undefined;
    if (written === undefined) {
      const versions = buildSiteVersions(model.templates, packVersions);
      const pages = buildPageViews(model, createMarkdownRenderer(), base, {
        guides,
        apiReference,
        versions,
      });
      const result = await writeSitePages(pages, staging, {
        base,
        cache,
        bundle: manifest?.pagesBundle,
      });
      written = result.pages;
      if (cache && manifestKey && inputs && result.bundle && examplesBundle) {
        writeSiteManifest(cache, manifestKey, {
          inputs,
          pages: result.plan,
          pagesBundle: result.bundle,
          examplesBundle,
        });
      }
    }
    await assets;
    await replaceSiteFolder(staging, out);
    return { pages: written, out };
  } catch (error) {
    await assets.catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    throw asOutputError(error, out);
  }
}

/** The build cache of `options`, or `undefined` when it is off. */
function openCache(options: BuildSiteOptions): BuildCache | undefined {
  if (options.cache === false) return undefined;
  const maxBytes =
    typeof options.cache === 'object'
      ? (options.cache.maxBytes ?? DEFAULT_CACHE_MAX_BYTES)
      : DEFAULT_CACHE_MAX_BYTES;
  return openBuildCache({ dir: join(resolve(options.cacheDir), BUILD_CACHE_FOLDER), maxBytes });
}

/** A failed write (a full disk, a file too large, no permission) as the coded error it is. */
function asOutputError(error: unknown, out: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (isSpecforgeError(error) || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new SpecforgeError(
    'SPECFORGE_OUTPUT_UNWRITABLE',
    { file: out, reason: code },
    { cause: error },
  );
}
