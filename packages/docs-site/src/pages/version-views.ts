import type { PackVersionOrigin } from '@specforge/template-registry';
import { renderDiffWithContextHtml } from '../render/diff-context.js';
import type { MarkdownRenderer } from '../render/markdown.js';
import { relativeRoot } from '../render/site-urls.js';
import type {
  SiteTemplateVersion,
  SiteTemplateVersions,
  SiteVersionEntry,
  SiteVersions,
} from '../site-model/site-versions.js';
import type { SiteModel, SiteTemplate } from '../site-model/types.js';
import { type RenderedSection, renderSectionTree } from './section-html.js';
import type { NavView, PageView } from './views.js';

/** The compare page's script, relative to the site root. */
export const compareScript = 'assets/compare.js';

/** A template's version switcher, as seen from one page. */
export interface VersionSwitcherView {
  items: VersionItemView[];
  /** The template's compare page, relative to this page; `undefined` without one. */
  compareHref: string | undefined;
  /** True on the compare page itself. */
  compareHere: boolean;
}

/** One version in a {@link VersionSwitcherView}. */
export interface VersionItemView {
  version: string;
  origin: PackVersionOrigin;
  /** The template's page at this version, relative to this page; `undefined` when unavailable. */
  href: string | undefined;
  /** True on this version's own page (`aria-current`). */
  here: boolean;
  /** Why the version has no page. */
  unavailable: string | undefined;
}

/** What a template's current page shows of its versions. */
export interface TemplateVersionsLinks {
  /** `undefined` when the template's pack has a single version. */
  versions: VersionSwitcherView | undefined;
  /** The pack's changelog page, relative to this page. */
  changelogHref: string | undefined;
}

/** A section of a template at an earlier version, with its sub-sections. */
export interface VersionSectionView {
  anchor: string;
  headingHtml: string;
  bodyHtml: string;
  /** True when the current version's text of the section differs. */
  changed: boolean;
  children: VersionSectionView[];
}

/** The page of a template at an earlier version of its pack. */
export interface TemplateVersionView extends PageView {
  ref: string;
  pack: string;
  version: string;
  /** Where the version comes from, in words: `the tag v1.0.0`. */
  source: string;
  currentVersion: string;
  /** The template's current page, relative to this page. */
  currentHref: string;
  homeUrl: string;
  versions: VersionSwitcherView;
  changelogHref: string | undefined;
  /** `2 sections differ in the current version 1.1.0:` */
  changedLead: string;
  changed: { title: string; href: string | undefined; here: boolean }[];
  preambleHtml: string;
  sections: VersionSectionView[];
}

/** The page with every pair of a template's versions. */
export interface CompareView extends PageView {
  ref: string;
  pack: string;
  currentHref: string;
  homeUrl: string;
  versions: VersionSwitcherView;
  /** `''` when the two versions have the same text. */
  pairs: { id: string; from: string; to: string; diffHtml: string }[];
}

/** A pack's changelog page. */
export interface ChangelogView extends PageView {
  pack: string;
  version: string;
  html: string;
  homeUrl: string;
}

/** The views of the version pages, and the links other pages show to them. */
export interface VersionPageViews {
  /** What the current page of `template` shows of its versions. */
  linksFor(template: SiteTemplate): TemplateVersionsLinks;
  /** The pack's changelog page, relative to the site root. */
  changelogOf(pack: string): string | undefined;
  versions: TemplateVersionView[];
  compares: CompareView[];
  changelogs: ChangelogView[];
}

/**
 * Views of the version pages: a page per template at each earlier version, a compare page per
 * template with two or more versions, and a changelog page per pack that has one. Template
 * bodies and changelogs are rendered with `markdown` (without raw HTML).
 */
export function buildVersionViews(
  model: SiteModel,
  versions: SiteVersions,
  markdown: MarkdownRenderer,
  navFor: (root: string) => NavView,
): VersionPageViews {
  const pageView = (page: string, title: string, scripts: string[] = []): PageView => {
    const root = relativeRoot(page);
    return {
      page,
      title,
      root,
      project: model.project,
      search: false,
      nav: navFor(root),
      scripts: scripts.map((script) => `${root}${script}`),
    };
  };
  const changelogOf = (pack: string) => versions.changelogs.get(pack)?.page;
  const byRef = new Map(model.templates.map((template) => [template.ref, template]));

  const pages: TemplateVersionView[] = [];
  const compares: CompareView[] = [];
  for (const [ref, template] of versions.templates) {
    const current = byRef.get(ref)!;
    for (const version of template.pages) {
      const base = pageView(
        version.page,
        `${ref} at ${version.version}: ${model.project} templates`,
      );
      pages.push(versionView(base, current, template, version, markdown, changelogOf));
    }
    if (template.compare) {
      const { page, pairs } = template.compare;
      const base = pageView(page, `${ref}: compare versions: ${model.project} templates`, [
        compareScript,
      ]);
      compares.push({
        ...base,
        ref,
        pack: current.pack,
        currentHref: `${base.root}${current.page}`,
        homeUrl: `${base.root}index.html`,
        versions: switcherView(template, page, base.root),
        pairs: pairs.map((pair) => ({
          id: pair.id,
          from: pair.from,
          to: pair.to,
          diffHtml: renderDiffWithContextHtml(pair.diff),
        })),
      });
    }
  }

  const changelogs = [...versions.changelogs.values()].map((changelog): ChangelogView => {
    const base = pageView(
      changelog.page,
      `${changelog.pack} changelog: ${model.project} templates`,
    );
    return {
      ...base,
      pack: changelog.pack,
      version: changelog.version,
      html: markdown.render(changelog.markdown, { topHeadingLevel: 2 }),
      homeUrl: `${base.root}index.html`,
    };
  });

  return {
    linksFor(template) {
      const root = relativeRoot(template.page);
      const own = versions.templates.get(template.ref);
      const changelog = changelogOf(template.pack);
      return {
        versions: own && switcherView(own, template.page, root),
        changelogHref: changelog && `${root}${changelog}`,
      };
    },
    changelogOf,
    versions: pages,
    compares,
    changelogs,
  };
}

function versionView(
  base: PageView,
  current: SiteTemplate,
  template: SiteTemplateVersions,
  version: SiteTemplateVersion,
  markdown: MarkdownRenderer,
  changelogOf: (pack: string) => string | undefined,
): TemplateVersionView {
  const { root } = base;
  const body = renderSectionTree(version.preamble, version.sections, markdown, {
    headingClass: (section) =>
      version.changedPaths.has(section.path) ? 'version-changed-heading' : undefined,
  });
  const toView = ({
    section,
    headingHtml,
    bodyHtml,
    children,
  }: RenderedSection): VersionSectionView => ({
    anchor: section.anchor,
    headingHtml,
    bodyHtml,
    changed: version.changedPaths.has(section.path),
    children: children.map(toView),
  });
  const count = version.changed.length;
  const changelog = changelogOf(current.pack);
  return {
    ...base,
    ref: template.ref,
    pack: current.pack,
    version: version.version,
    source:
      version.origin === 'tag'
        ? `from the tag ${version.ref}`
        : version.origin === 'installed'
          ? `from the copy installed in ${version.ref}`
          : version.origin === 'npm-cache'
            ? `from ${version.ref} in the npm cache`
            : `from commit ${version.ref.slice(0, 12)} of the project's history`,
    currentVersion: template.currentVersion,
    currentHref: `${root}${current.page}`,
    homeUrl: `${root}index.html`,
    versions: switcherView(template, version.page, root),
    changelogHref: changelog && `${root}${changelog}`,
    changedLead: `${count} section${count === 1 ? '' : 's'} of this version differ${count === 1 ? 's' : ''} in the current version ${template.currentVersion}:`,
    changed: version.changed.map((section) => ({
      title: section.title,
      here: section.here,
      href:
        section.anchor === undefined
          ? undefined
          : section.here
            ? `#${section.anchor}`
            : `${root}${current.page}#${section.anchor}`,
    })),
    preambleHtml: body.preambleHtml,
    sections: body.sections.map(toView),
  };
}

function switcherView(
  template: SiteTemplateVersions,
  page: string,
  root: string,
): VersionSwitcherView {
  const compare = template.compare?.page;
  return {
    items: template.entries.map(
      (entry: SiteVersionEntry): VersionItemView => ({
        version: entry.version,
        origin: entry.origin,
        href: entry.page && `${root}${entry.page}`,
        here: entry.page === page,
        unavailable: entry.unavailable,
      }),
    ),
    compareHref: compare && `${root}${compare}`,
    compareHere: compare === page,
  };
}
