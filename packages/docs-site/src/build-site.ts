import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isSpecforgeError, SpecforgeError } from '@specforge/core';
import { openProjectRegistry } from '@specforge/template-registry';
import { writeSiteAssets } from './assets/write-assets.js';
import { loadRenderer, renderPages } from './eleventy/render-pages.js';
import { guideCss } from './guides/guide-css.js';
import { loadGuides } from './guides/load-guides.js';
import { renderGuides } from './guides/render-guides.js';
import type { ExtraGuide, GuidesOptions } from './guides/types.js';
import { buildPageViews } from './pages/views.js';
import { createMarkdownRenderer } from './render/markdown.js';
import { normalizeApiReference, normalizeBase } from './render/site-urls.js';
import { startSearchIndex } from './search/build-search-index.js';
import { assertReplaceableSite, makeStagingFolder, replaceSiteFolder } from './site-folder.js';
import { buildSiteModel } from './site-model/build-site-model.js';
import { loadExampleSpec } from './site-model/example-spec.js';
import { readPackDescription } from './site-model/pack-description.js';
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
  /** Where git pack sources are cloned. */
  cacheDir: string;
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
  const base = normalizeBase(options.base ?? '/');
  const apiReference =
    options.apiReference === undefined ? undefined : normalizeApiReference(options.apiReference);
  const out = resolve(options.cwd, options.out);
  await assertReplaceableSite(out);
  // Started now, used later: loading the renderer overlaps resolving the packs.
  loadRenderer();
  const guideSources = await loadGuides(
    options.guides && { ...options.guides, dir: resolve(options.cwd, options.guides.dir) },
    options.extraGuides,
  );
  // Composing the packs' earlier versions, on another thread, overlaps resolving the packs and
  // building the site model here.
  const pendingVersions = startVersionsModel({
    cwd: options.cwd,
    cacheDir: options.cacheDir,
    frozen: options.frozen,
  });
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
    await pendingVersions.cancel();
    throw error;
  }
  const model = buildSiteModel({
    packs: registry.packs,
    project: registry.project,
    example,
    descriptions: new Map(descriptions),
    now: options.now ?? new Date(),
  });
  const guides = renderGuides(guideSources);
  const packVersions = await pendingVersions.result(registry);
  const versions = buildSiteVersions(model.templates, packVersions);
  const pages = buildPageViews(model, createMarkdownRenderer(), base, {
    guides,
    apiReference,
    versions,
  });

  const staging = await makeStagingFolder(out).catch((error: unknown) => {
    throw asOutputError(error, out);
  });
  const search = startSearchIndex();
  try {
    const written = await renderPages(pages, staging, { onPage: search.add });
    await writeSiteAssets(staging);
    if (guides.length > 0) await writeFile(join(staging, 'assets/guides.css'), guideCss);
    await search.write(staging);
    await replaceSiteFolder(staging, out);
    return { pages: written.length, out };
  } catch (error) {
    await search.discard();
    await rm(staging, { recursive: true, force: true });
    throw asOutputError(error, out);
  }
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
