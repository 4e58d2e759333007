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
import { createPageWriter } from './page-writer.js';
import { assertInsideSite } from './site-path.js';

/** The views of every page of the site. */
export interface SitePages {
  home: HomeView;
  templates: TemplateView[];
  /** Guide pages; none when the site has no guides. */
  guides?: GuideView[];
  /** Templates at earlier versions of their packs. */
  versions?: TemplateVersionView[];
  /** Every pair of a template's versions. */
  compares?: CompareView[];
  /** Packs' changelogs. */
  changelogs?: ChangelogView[];
  notFound: NotFoundView;
}

const layout = 'layouts/page.hbs';

/** Options for {@link renderPages}. */
export interface RenderPagesOptions {
  /** Called with each page (its path in the site and its HTML) as soon as it is rendered. */
  onPage?: (page: string, html: string) => void;
}

const importRenderer = () =>
  Promise.all([
    import('@11ty/eleventy'),
    import('@11ty/eleventy-plugin-handlebars'),
    import('handlebars'),
  ]);

let eleventyModules: ReturnType<typeof importRenderer> | undefined;

/**
 * Starts loading Eleventy, its Handlebars plugin and Handlebars, once per process: a caller that
 * has other work to do first (resolving packs) lets the loading overlap it.
 *
 * Eleventy registers an ESM loader hook (a worker thread every later import goes through) so
 * that a watched config or data file is imported afresh; these builds import no file of the
 * project, so the hook is skipped, as its `ELEVENTY_SKIP_ESM_RESOLVER` setting allows.
 */
export function loadRenderer(): Promise<unknown> {
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
 * the paths written, relative to `out`.
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
  for (const [name, source] of Object.entries({
    ...templatePartials,
    ...guidePartials,
    ...versionPartials,
  }))
    handlebars.registerPartial(name, source);
  // Eleventy needs an input folder; an empty one means no file of the project becomes a page.
  const input = await mkdtemp(join(tmpdir(), 'specforge-docs-input-'));
  const writer = createPageWriter(out);
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
          await writer.write(page, html);
          return html;
        });
        config.addTemplate(`_includes/${layout}`, layoutTemplate);
        config.addTemplate('index.hbs', homeTemplate, {
          layout,
          view: pages.home,
          permalink: permalinkOf(pages.home, out),
        });
        config.addTemplate('404.hbs', notFoundTemplate, {
          layout,
          view: pages.notFound,
          permalink: permalinkOf(pages.notFound, out),
        });
        const paginated: [string, string, readonly PageView[]][] = [
          ['template', templateTemplate, pages.templates],
          ['guide', guideTemplate, pages.guides ?? []],
          ['template-version', templateVersionTemplate, pages.versions ?? []],
          ['template-compare', compareTemplate, pages.compares ?? []],
          ['changelog', changelogTemplate, pages.changelogs ?? []],
        ];
        for (const [name, template, views] of paginated) {
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
    return await writer.finish();
  } finally {
    await writer.finish().catch(() => undefined);
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
