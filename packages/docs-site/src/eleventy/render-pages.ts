import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guidePartials, guideTemplate } from '../pages/guide-template.js';
import { homeTemplate } from '../pages/home-template.js';
import { layoutTemplate } from '../pages/layout-template.js';
import { notFoundTemplate } from '../pages/not-found-template.js';
import { templatePartials, templateTemplate } from '../pages/template-template.js';
import {
  changelogTemplate,
  compareTemplate,
  templateVersionTemplate,
  versionPartials,
} from '../pages/version-templates.js';
import type { ChangelogView, CompareView, TemplateVersionView } from '../pages/version-views.js';
import type { GuideView, HomeView, NotFoundView, PageView, TemplateView } from '../pages/views.js';
import { createPageWriter, type PageWriter } from './page-writer.js';
import { assertInsideSite } from './site-path.js';

/** The views of the pages of the site (every page, or the ones a build must render). */
export interface SitePages {
  /** The home page; left out when it need not be rendered. */
  home?: HomeView;
  templates: TemplateView[];
  /** Guide pages; none when the site has no guides. */
  guides?: GuideView[];
  /** Templates at earlier versions of their packs. */
  versions?: TemplateVersionView[];
  /** Every pair of a template's versions. */
  compares?: CompareView[];
  /** Packs' changelogs. */
  changelogs?: ChangelogView[];
  /** The 404 page; left out when it need not be rendered. */
  notFound?: NotFoundView;
}

/** Which page template renders a page. */
export type PageKind =
  | 'home'
  | 'not-found'
  | 'template'
  | 'guide'
  | 'template-version'
  | 'template-compare'
  | 'changelog';

/** A page of the site: its view and the page template that renders it. */
export interface SitePage {
  kind: PageKind;
  view: PageView;
}

/** The page template of each kind of page. */
export const pageTemplates: Readonly<Record<PageKind, string>> = {
  home: homeTemplate,
  'not-found': notFoundTemplate,
  template: templateTemplate,
  guide: guideTemplate,
  'template-version': templateVersionTemplate,
  'template-compare': compareTemplate,
  changelog: changelogTemplate,
};

/** The partials every page template may use, by name. */
export const pagePartials: Readonly<Record<string, string>> = {
  ...templatePartials,
  ...guidePartials,
  ...versionPartials,
};

/** The layout every page is rendered in. */
export const pageLayout = layoutTemplate;

/**
 * Every page of `pages` in the site's own order: the home page, the template pages, the
 * guides, the earlier versions, the compare pages, the changelogs, then the 404 page. Pages are
 * indexed for search in this order, whatever order they render in, so that the index is the
 * same however many of them came from the build cache.
 */
export function listSitePages(pages: SitePages): SitePage[] {
  const of = (kind: PageKind, views: readonly PageView[] | undefined) =>
    (views ?? []).map((view) => ({ kind, view }));
  return [
    ...of('home', pages.home && [pages.home]),
    ...of('template', pages.templates),
    ...of('guide', pages.guides),
    ...of('template-version', pages.versions),
    ...of('template-compare', pages.compares),
    ...of('changelog', pages.changelogs),
    ...of('not-found', pages.notFound && [pages.notFound]),
  ];
}

/** The views of `pages` that `keep` holds, as {@link SitePages} for {@link renderPages}. */
export function selectSitePages(pages: SitePages, keep: ReadonlySet<PageView>): SitePages {
  const kept = <T extends PageView>(views: readonly T[] | undefined) =>
    (views ?? []).filter((view) => keep.has(view));
  return {
    home: pages.home && keep.has(pages.home) ? pages.home : undefined,
    templates: kept(pages.templates),
    guides: kept(pages.guides),
    versions: kept(pages.versions),
    compares: kept(pages.compares),
    changelogs: kept(pages.changelogs),
    notFound: pages.notFound && keep.has(pages.notFound) ? pages.notFound : undefined,
  };
}

const layout = 'layouts/page.hbs';

/** Options for {@link renderPages}. */
export interface RenderPagesOptions {
  /** Called with each page (its path in the site and its HTML) as soon as it is rendered. */
  onPage?: (page: string, html: string) => void;
  /**
   * Writes the pages; the caller waits for it with `finish()`. By default a writer of its own,
   * whose pages {@link renderPages} waits for and returns.
   */
  writer?: PageWriter;
}

const importRenderer = () =>
  Promise.all([
    import('@11ty/eleventy'),
    import('@11ty/eleventy-plugin-handlebars'),
    import('handlebars'),
  ]);

let eleventyModules: ReturnType<typeof importRenderer> | undefined;
let loadRequests = 0;
let pagesRendered = 0;

/**
 * How many times this process asked for the renderer ({@link loadRenderer}, or
 * {@link renderPages}, which calls it): tests check that a build served wholly from the build
 * cache never does.
 */
export function countRendererLoads(): number {
  return loadRequests;
}

/** How many pages this process rendered: tests check that a rebuild renders only what changed. */
export function countRenderedPages(): number {
  return pagesRendered;
}

/**
 * Starts loading Eleventy, its Handlebars plugin and Handlebars, once per process: a caller that
 * has other work to do first (resolving packs) lets the loading overlap it.
 *
 * Eleventy registers an ESM loader hook (a worker thread every later import goes through) so
 * that a watched config or data file is imported afresh; these builds import no file of the
 * project, so the hook is skipped, as its `ELEVENTY_SKIP_ESM_RESOLVER` setting allows.
 */
export function loadRenderer(): Promise<unknown> {
  loadRequests++;
  if (!eleventyModules) {
    const skip = process.env.ELEVENTY_SKIP_ESM_RESOLVER;
    process.env.ELEVENTY_SKIP_ESM_RESOLVER = '1';
    eleventyModules = importRenderer().finally(() => {
      if (skip === undefined) delete process.env.ELEVENTY_SKIP_ESM_RESOLVER;
      else process.env.ELEVENTY_SKIP_ESM_RESOLVER = skip;
    });
    // A failure is reported to whoever awaits the modules, not as an unhandled rejection here.
    eleventyModules.catch(() => undefined);
  }
  return eleventyModules;
}

/**
 * Renders and writes every page with Eleventy: the page templates are virtual (no source files),
 * Handlebars through Eleventy's official plugin, in an isolated Handlebars instance so that no
 * helper or partial leaks into other users of the global one. Template pages are one paginated
 * template over the template views; guide, version, compare and changelog pages likewise. Returns
 * the paths written, relative to `out` (with `options.writer`: the paths rendered, which that
 * writer is still writing).
 */
export async function renderPages(
  pages: SitePages,
  out: string,
  options: RenderPagesOptions = {},
): Promise<string[]> {
  // Loaded here, not at import: Eleventy takes a few hundred milliseconds to load, which users
  // of the site model alone should not pay.
  await loadRenderer();
  const [{ Eleventy }, { default: handlebarsPlugin }, { default: Handlebars }] =
    await eleventyModules!;
  const handlebars = Handlebars.create();
  for (const [name, source] of Object.entries(pagePartials))
    handlebars.registerPartial(name, source);
  // Eleventy needs an input folder; an empty one means no file of the project becomes a page.
  const input = await mkdtemp(join(tmpdir(), 'specforge-docs-input-'));
  const writer = options.writer ?? createPageWriter(out);
  const rendered: string[] = [];
  try {
    const eleventy = new Eleventy(input, out, {
      quietMode: true,
      configPath: false,
      config(config) {
        config.setUseGitIgnore(false);
        config.setTemplateFormats(['hbs']);
        config.addPlugin(handlebarsPlugin, { eleventyLibraryOverride: handlebars });
        // Eleventy makes this timing group before `quietMode` applies, so it would still warn
        // on the console when transforms take a large share of a small site's build.
        config.benchmarkManager?.get('Configuration').setIsVerbose(false);
        // Eleventy renders to JSON (it writes nothing); each finished page is handed to the
        // writer from here, so that files are written while the next pages render.
        config.addTransform('specforge-write-page', async function (html) {
          const page = pageOf(this.page.url);
          options.onPage?.(page, html);
          writer.write(page, html);
          rendered.push(page);
          pagesRendered++;
          return html;
        });
        config.addTemplate(`_includes/${layout}`, pageLayout);
        if (pages.home) {
          config.addTemplate('index.hbs', pageTemplates.home, {
            layout,
            view: pages.home,
            permalink: permalinkOf(pages.home, out),
          });
        }
        if (pages.notFound) {
          config.addTemplate('404.hbs', pageTemplates['not-found'], {
            layout,
            view: pages.notFound,
            permalink: permalinkOf(pages.notFound, out),
          });
        }
        const paginated: [PageKind, readonly PageView[]][] = [
          ['template', pages.templates],
          ['guide', pages.guides ?? []],
          ['template-version', pages.versions ?? []],
          ['template-compare', pages.compares ?? []],
          ['changelog', pages.changelogs ?? []],
        ];
        for (const [name, views] of paginated) {
          const template = pageTemplates[name];
          const data = `docsPages_${name.replace(/-/g, '_')}`;
          config.addTemplate(`${name}.hbs`, template, {
            layout,
            pagination: { data, size: 1, alias: 'view', addAllPagesToCollections: false },
            permalink: (page: { view: PageView }) => permalinkOf(page.view, out),
          });
          config.addGlobalData(data, views);
        }
      },
    });
    eleventy.disableLogger();
    await eleventy.toJSON();
    return options.writer ? rendered : await writer.finish();
  } finally {
    if (!options.writer) await writer.finish().catch(() => undefined);
    await rm(input, { recursive: true, force: true });
  }
}

function permalinkOf(view: PageView, out: string): string {
  assertInsideSite(out, view.page);
  return view.page;
}

function pageOf(url: string): string {
  const path = url.replace(/^\/+/, '');
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}
