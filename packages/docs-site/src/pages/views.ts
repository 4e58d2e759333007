import { type DiffLine, renderDiffHtml } from '../render/diff-html.js';
import { escapeHtml } from '../render/escape-html.js';
import { type HeadingLevels, nextHeadingLevel } from '../render/heading-levels.js';
import type { MarkdownRenderer } from '../render/markdown.js';
import { relativeRoot } from '../render/site-urls.js';
import type { SiteBlame, SiteModel, SiteSection, SiteTemplate } from '../site-model/types.js';

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
}

/** The home page's view. */
export interface HomeView extends PageView {
  packs: (SiteModel['packs'][number] & { links: { ref: string; href: string }[] })[];
  templates: { ref: string; href: string; kind: string; description: string }[];
  exampleSpec: SiteModel['exampleSpec'];
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
export interface TemplateView extends PageView {
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

/**
 * Views of every page of the site, with the HTML of each template's Markdown rendered by
 * `markdown` (which must not pass raw HTML through).
 */
export function buildPageViews(
  model: SiteModel,
  markdown: MarkdownRenderer,
  base: string,
): { home: HomeView; templates: TemplateView[]; notFound: NotFoundView } {
  const urlOf = new Map(model.templates.map((template) => [template.ref, template.page]));
  const home: HomeView = {
    page: 'index.html',
    title: `${model.project}: templates`,
    root: '',
    project: model.project,
    search: true,
    packs: model.packs.map((pack) => ({
      ...pack,
      links: pack.templates.map((ref) => ({ ref, href: urlOf.get(ref) ?? '' })),
    })),
    templates: model.templates.map((template) => ({
      ref: template.ref,
      href: template.page,
      kind: template.kind,
      description: template.description,
    })),
    exampleSpec: model.exampleSpec,
  };
  const templates = model.templates.map((template) => buildTemplateView(model, template, markdown));
  const notFound: NotFoundView = {
    page: '404.html',
    title: 'Page not found',
    root: base,
    project: model.project,
    search: false,
  };
  return { home, templates, notFound };
}

function buildTemplateView(
  model: SiteModel,
  template: SiteTemplate,
  markdown: MarkdownRenderer,
): TemplateView {
  const root = relativeRoot(template.page);
  // The template's shallowest heading becomes <h3>, under the page's <h1> and the <h2>
  // "Template"; headings are rendered in document order so that none skips a level.
  const own = collectLevels(template.sections);
  const preambleLevel = markdown.minHeadingLevel(template.preamble.markdown);
  if (preambleLevel !== undefined) own.push(preambleLevel);
  const levels: HeadingLevels = { shift: own.length > 0 ? 3 - Math.min(...own) : 0, previous: 2 };
  const preambleHtml = markdown.render(template.preamble.markdown, { levels });
  const toView = (section: SiteSection): SectionView => {
    const level = nextHeadingLevel(levels, section.level);
    const headingHtml = `<h${level} id="${escapeHtml(section.anchor)}">${markdown.renderInline(section.title)}</h${level}>`;
    const bodyHtml = markdown.render(section.body, { levels });
    const children = section.children.map(toView);
    return {
      anchor: section.anchor,
      title: section.title,
      headingHtml,
      bodyHtml,
      blame: toBlameView(section.blame, template.pack),
      status: section.status,
      diffHtml: section.diff ? renderDiffHtml(section.diff) : undefined,
      children,
    };
  };
  const sections = template.sections.map(toView);
  const { sections: _s, preamble, removed, example, ...rest } = template;
  return {
    page: template.page,
    title: `${template.ref}: ${model.project} templates`,
    root,
    project: model.project,
    search: false,
    template: rest,
    useIt: `specforge plan <spec> --template ${template.ref}`,
    preamble: { html: preambleHtml, blame: toBlameView(preamble.blame, template.pack) },
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

function collectLevels(sections: readonly SiteSection[]): number[] {
  return sections.flatMap((section) => [section.level, ...collectLevels(section.children)]);
}

function countChanged(sections: readonly SiteSection[]): number {
  return sections.reduce(
    (n, s) => n + (s.status === 'unchanged' ? 0 : 1) + countChanged(s.children),
    0,
  );
}
