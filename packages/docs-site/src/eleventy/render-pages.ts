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

/**
 * Renders and writes every page with Eleventy: the page templates are virtual (no source files),
 * Handlebars through Eleventy's official plugin, in an isolated Handlebars instance so that no
 * helper or partial leaks into other users of the global one. Template pages are one paginated
 * template over the template views; guide, version, compare and changelog pages likewise. Returns
 * the paths written, relative to `out`.
 */
export async function renderPages(pages: SitePages, out: string): Promise<string[]> {
  // Loaded here, not at import: Eleventy takes a few hundred milliseconds to load, which users
  // of the site model alone should not pay.
  const [{ Eleventy }, { default: handlebarsPlugin }, { default: Handlebars }] = await Promise.all([
    import('@11ty/eleventy'),
    import('@11ty/eleventy-plugin-handlebars'),
    import('handlebars'),
  ]);
  const handlebars = Handlebars.create();
  for (const [name, source] of Object.entries({
    ...templatePartials,
    ...guidePartials,
    ...versionPartials,
  }))
    handlebars.registerPartial(name, source);
  // Eleventy needs an input folder; an empty one means no file of the project becomes a page.
  const input = await mkdtemp(join(tmpdir(), 'specforge-docs-input-'));
  try {
    const eleventy = new Eleventy(input, out, {
      quietMode: true,
      configPath: false,
      config(config) {
        config.setUseGitIgnore(false);
        config.setTemplateFormats(['hbs']);
        config.addPlugin(handlebarsPlugin, { eleventyLibraryOverride: handlebars });
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
    const [, written] = await eleventy.write();
    return written.flatMap((result) =>
      typeof result.url === 'string' ? [pageOf(result.url)] : [],
    );
  } finally {
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
