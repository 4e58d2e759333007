import type { GuideOutlineItem, RenderedGuide } from '../guides/types.js';
import { type DiffLine, renderDiffHtml } from '../render/diff-html.js';
import type { MarkdownRenderer } from '../render/markdown.js';
import { type ApiReference, apiReferenceHref, relativeRoot } from '../render/site-urls.js';
import type { SiteVersions } from '../site-model/site-versions.js';
import type { SiteBlame, SiteModel, SiteSection, SiteTemplate } from '../site-model/types.js';
import { type RenderedSection, renderSectionTree } from './section-html.js';
import {
  buildVersionViews,
  type ChangelogView,
  type CompareView,
  type TemplateVersionsLinks,
  type TemplateVersionView,
} from './version-views.js';

// What every page gives the layout. Fields ending in `Html` are markup the site built itself
// (escaped text, or Markdown rendered without raw HTML); every other string is escaped by the
// page templates.

/** The layout's view of a page. */
export interface PageView {
  /** The page's path in the site. */
  page: string;
  /** The `<title>`. */
  title: string;
  /** Prefix that leads from the page to the site root: relative (`../../`), or the base for 404.html. */
  root: string;
  project: string;
  /** Whether the page loads the search UI. */
  search: boolean;
  nav: NavView;
  /** The site's own scripts the page loads besides search, relative to the page. */
  scripts?: string[];
}

/** What the header's navigation links to besides the home page's sections. */
export interface NavView {
  /** Whether the site has guides (listed on the home page); their pages load `assets/guides.css`. */
  guides: boolean;
  /** The API reference, relative to this page or a URL; `undefined` when the site links none. */
  apiHref: string | undefined;
}

/** Guides and links a site shows beside its packs. */
export interface SiteExtras {
  /** Rendered guides, in the order they are listed. */
  guides?: readonly RenderedGuide[];
  apiReference?: ApiReference;
  /** The packs' versions and changelogs: a switcher on template pages, and their own pages. */
  versions?: SiteVersions;
}

/** The home page's view. */
export interface HomeView extends PageView {
  packs: (SiteModel['packs'][number] & {
    links: { ref: string; href: string }[];
    /** The pack's changelog page, when it has a `CHANGELOG.md`. */
    changelogHref: string | undefined;
  })[];
  templates: { ref: string; href: string; kind: string; description: string }[];
  exampleSpec: SiteModel['exampleSpec'];
  guides: { title: string; href: string; summary: string }[];
}

/** A guide page's view. */
export interface GuideView extends PageView {
  titleId: string | undefined;
  titleHtml: string;
  bodyHtml: string;
  outline: GuideOutlineItem[];
  /** The guides before and after this one in the list; `undefined` when there is only one. */
  pager: { previous?: GuideLink; next?: GuideLink } | undefined;
  /** The home page, relative to this page. */
  homeUrl: string;
}

/** A link to a guide, from another guide. */
export interface GuideLink {
  title: string;
  href: string;
}

/** A section of a template page's view, with its sub-sections. */
export interface SectionView {
  anchor: string;
  title: string;
  headingHtml: string;
  bodyHtml: string;
  blame: BlameView;
  status: SiteSection['status'];
  /** Set for `modified` and `added` sections. */
  diffHtml: string | undefined;
  children: SectionView[];
}

/** A section's origin, in words. */
export interface BlameView {
  /** `acme@1.2.0` */
  layer: string;
  /** `plan.md:8` */
  location: string;
  /** True when the layer is the template's own pack (a fork's section). */
  own: boolean;
  changes: { op: string; layer: string; location: string }[];
}

/** A template page's view. */
export interface TemplateView extends PageView, TemplateVersionsLinks {
  template: Omit<SiteTemplate, 'sections' | 'preamble' | 'removed' | 'example'>;
  useIt: string;
  preamble: { html: string; blame: BlameView };
  sections: SectionView[];
  removed: { path: string; title: string; diffHtml: string }[];
  changedCount: number;
  exampleSpec: SiteModel['exampleSpec'];
  example: { ok: true; html: string } | { ok: false; message: string };
  /** The home page, relative to this page. */
  homeUrl: string;
}

/** The 404 page's view. */
export type NotFoundView = PageView;

/** The views of every page of the site. */
export interface PageViews {
  home: HomeView;
  templates: TemplateView[];
  guides: GuideView[];
  /** Templates at earlier versions of their packs. */
  versions: TemplateVersionView[];
  /** A page per template with two or more versions: every pair of them. */
  compares: CompareView[];
  /** A page per pack with a changelog. */
  changelogs: ChangelogView[];
  notFound: NotFoundView;
}

/**
 * Views of every page of the site, with the HTML of each template's Markdown rendered by
 * `markdown` (which must not pass raw HTML through).
 */
export function buildPageViews(
  model: SiteModel,
  markdown: MarkdownRenderer,
  base: string,
  extras: SiteExtras = {},
): PageViews {
  const urlOf = new Map(model.templates.map((template) => [template.ref, template.page]));
  const guides = extras.guides ?? [];
  const navFor = (root: string): NavView => ({
    guides: guides.length > 0,
    apiHref: extras.apiReference && apiReferenceHref(extras.apiReference, root),
  });
  const versions = buildVersionViews(
    model,
    extras.versions ?? { templates: new Map(), changelogs: new Map() },
    markdown,
    navFor,
  );
  const home: HomeView = {
    page: 'index.html',
    title: guides.length > 0 ? `${model.project} documentation` : `${model.project}: templates`,
    root: '',
    project: model.project,
    search: true,
    nav: navFor(''),
    packs: model.packs.map((pack) => ({
      ...pack,
      links: pack.templates.map((ref) => ({ ref, href: urlOf.get(ref) ?? '' })),
      changelogHref: versions.changelogOf(pack.name),
    })),
    templates: model.templates.map((template) => ({
      ref: template.ref,
      href: template.page,
      kind: template.kind,
      description: template.description,
    })),
    exampleSpec: model.exampleSpec,
    guides: guides.map((guide) => ({
      title: guide.title,
      href: guide.page,
      summary: guide.summary,
    })),
  };
  const templates = model.templates.map((template) =>
    buildTemplateView(
      model,
      template,
      markdown,
      navFor(relativeRoot(template.page)),
      versions.linksFor(template),
    ),
  );
  const guideViews = guides.map((guide, index): GuideView => {
    const root = relativeRoot(guide.page);
    const linkTo = (other: RenderedGuide | undefined): GuideLink | undefined =>
      other && { title: other.title, href: `${root}${other.page}` };
    return {
      page: guide.page,
      title: `${guide.title}: ${model.project} guides`,
      root,
      project: model.project,
      search: false,
      nav: navFor(root),
      titleId: guide.titleId,
      titleHtml: guide.titleHtml,
      bodyHtml: guide.html,
      outline: guide.outline,
      pager:
        guides.length > 1
          ? { previous: linkTo(guides[index - 1]), next: linkTo(guides[index + 1]) }
          : undefined,
      homeUrl: `${root}index.html`,
    };
  });
  const notFound: NotFoundView = {
    page: '404.html',
    title: 'Page not found',
    root: base,
    project: model.project,
    search: false,
    nav: navFor(base),
  };
  return {
    home,
    templates,
    guides: guideViews,
    versions: versions.versions,
    compares: versions.compares,
    changelogs: versions.changelogs,
    notFound,
  };
}

function buildTemplateView(
  model: SiteModel,
  template: SiteTemplate,
  markdown: MarkdownRenderer,
  nav: NavView,
  versions: TemplateVersionsLinks,
): TemplateView {
  const root = relativeRoot(template.page);
  const body = renderSectionTree(template.preamble.markdown, template.sections, markdown);
  const toView = ({ section, headingHtml, bodyHtml, children }: RenderedSection): SectionView => ({
    anchor: section.anchor,
    title: section.title,
    headingHtml,
    bodyHtml,
    blame: toBlameView(section.blame, template.pack),
    status: section.status,
    diffHtml: section.diff ? renderDiffHtml(section.diff) : undefined,
    children: children.map(toView),
  });
  const sections = body.sections.map(toView);
  const { sections: _s, preamble, removed, example, ...rest } = template;
  return {
    page: template.page,
    title: `${template.ref}: ${model.project} templates`,
    root,
    project: model.project,
    search: false,
    nav,
    template: rest,
    useIt: `specforge plan <spec> --template ${template.ref}`,
    preamble: { html: body.preambleHtml, blame: toBlameView(preamble.blame, template.pack) },
    sections,
    removed: removed.map((section) => ({
      path: section.path,
      title: section.title,
      diffHtml: renderDiffHtml(
        section.text.split('\n').map((text): DiffLine => ({ op: '-', text })),
      ),
    })),
    changedCount: countChanged(template.sections) + removed.length,
    exampleSpec: model.exampleSpec,
    example: example.ok
      ? { ok: true, html: markdown.render(example.markdown, { topHeadingLevel: 3 }) }
      : example,
    homeUrl: `${root}index.html`,
    ...versions,
  };
}

function toBlameView(blame: SiteBlame, pack: string): BlameView {
  return {
    layer: `${blame.pack}@${blame.version}`,
    location: `${blame.file}:${blame.line}`,
    own: blame.pack === pack,
    changes: blame.changes.map((change) => ({
      op: change.op,
      layer: `${change.pack}@${change.version}`,
      location: `${change.file}:${change.line}`,
    })),
  };
}

function countChanged(sections: readonly SiteSection[]): number {
  return sections.reduce(
    (n, s) => n + (s.status === 'unchanged' ? 0 : 1) + countChanged(s.children),
    0,
  );
}
