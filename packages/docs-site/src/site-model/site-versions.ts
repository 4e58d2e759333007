import type { PackVersionOrigin } from '@specforge/template-registry';
import { splitTemplate } from '@specforge/template-registry';
import type { DiffLine } from '../render/diff-html.js';
import { diffByLine } from './line-diff.js';
import type { PackVersionsModel, TemplateAtVersion } from './pack-versions.js';
import { buildSectionTree } from './section-tree.js';
import type { SiteSection, SiteTemplate } from './types.js';
import { toUrlSegment } from './url-segment.js';

/** One version of a pack as a template's version switcher lists it. */
export interface SiteVersionEntry {
  version: string;
  origin: PackVersionOrigin;
  /** The git tag or commit holding it; `''` for the current version. */
  ref: string;
  /** The page showing the template at this version; `undefined` when it has none. */
  page: string | undefined;
  /** Why there is no page: the version did not compose, or the template is not in it. */
  unavailable: string | undefined;
}

/** A section of an earlier version that differs in the current one, or one only the current has. */
export interface SiteChangedSection {
  path: string;
  title: string;
  /** The section's anchor: on the version's page when `here`, else on the current page. */
  anchor: string | undefined;
  /** Whether the section is in this version (else it was added since). */
  here: boolean;
}

/** A template at an earlier version of its pack: what its page shows. */
export interface SiteTemplateVersion {
  version: string;
  origin: PackVersionOrigin;
  ref: string;
  /** `templates/<pack>/<id>/v/<version>/index.html` */
  page: string;
  /** The text before the first section, as Markdown. */
  preamble: string;
  /** The composed body's sections (blame and status are not meaningful here). */
  sections: SiteSection[];
  /** Paths of the sections that differ from the current version's. */
  changedPaths: ReadonlySet<string>;
  changed: SiteChangedSection[];
}

/** Every pair of versions of a template, as line diffs from the older to the newer. */
export interface SiteTemplateCompare {
  /** `templates/<pack>/<id>/compare/index.html` */
  page: string;
  /** The versions that have the template, newest first. */
  versions: string[];
  /** Newest `to` first, then newest `from`: the first pair is the previous version against the current one. */
  pairs: { id: string; from: string; to: string; diff: DiffLine[] }[];
}

/** The versions of one template of a pack that has more than one. */
export interface SiteTemplateVersions {
  ref: string;
  currentVersion: string;
  /** Every version of the pack, newest first. */
  entries: SiteVersionEntry[];
  /** A page per earlier version that has the template. */
  pages: SiteTemplateVersion[];
  /** `undefined` when fewer than two versions have the template. */
  compare: SiteTemplateCompare | undefined;
}

/** A pack's `CHANGELOG.md` and its page. */
export interface SiteChangelog {
  pack: string;
  version: string;
  /** `packs/<pack>/changelog/index.html` */
  page: string;
  markdown: string;
}

/** What the site shows of versions. Built by {@link buildSiteVersions}. */
export interface SiteVersions {
  /** By template ref; only templates of packs with more than one version. */
  templates: Map<string, SiteTemplateVersions>;
  /** By pack name; only packs with a changelog. */
  changelogs: Map<string, SiteChangelog>;
}

/**
 * The version pages of the site from the packs' versions (see `buildVersionsModel`): for each
 * template of a pack with more than one version, its switcher entries, a page per earlier
 * version with the sections that differ from the current one, and every pair of versions as a
 * line diff; and each pack's changelog page. Reads nothing from disk.
 */
export function buildSiteVersions(
  templates: readonly SiteTemplate[],
  packs: readonly PackVersionsModel[],
): SiteVersions {
  const byRef = new Map(templates.map((template) => [template.ref, template]));
  const result: SiteVersions = { templates: new Map(), changelogs: new Map() };
  for (const pack of packs) {
    const current = pack.versions.find((version) => version.origin === 'current');
    if (pack.changelog !== undefined && current) {
      result.changelogs.set(pack.pack, {
        pack: pack.pack,
        version: current.version,
        page: `packs/${toUrlSegment(pack.pack)}/changelog/index.html`,
        markdown: pack.changelog,
      });
    }
    if (pack.versions.length < 2 || !current) continue;
    for (const [id, atVersions] of pack.templates) {
      const template = byRef.get(`${pack.pack}/${id}`);
      if (template)
        result.templates.set(template.ref, templateVersions(template, pack, atVersions));
    }
  }
  return result;
}

function templateVersions(
  template: SiteTemplate,
  pack: PackVersionsModel,
  atVersions: readonly TemplateAtVersion[],
): SiteTemplateVersions {
  const folder = template.page.replace(/index\.html$/, '');
  const pageOf = (version: string) => `${folder}v/${toUrlSegment(version)}/index.html`;
  const at = new Map(atVersions.map((entry) => [entry.version, entry]));
  const pages: SiteTemplateVersion[] = [];
  const entries = pack.versions.map((version): SiteVersionEntry => {
    const found = at.get(version.version);
    const page =
      version.error !== undefined || !found
        ? undefined
        : version.origin === 'current'
          ? template.page
          : pageOf(version.version);
    if (found && page && version.origin !== 'current') {
      pages.push(versionPage(template, found, version.ref, page));
    }
    return {
      version: version.version,
      origin: version.origin,
      ref: version.ref,
      page,
      unavailable:
        version.error ?? (found ? undefined : `${template.ref} is not in this version of the pack`),
    };
  });
  return {
    ref: template.ref,
    currentVersion: pack.versions.find((version) => version.origin === 'current')!.version,
    entries,
    pages,
    compare:
      atVersions.length < 2 ? undefined : comparePairs(`${folder}compare/index.html`, atVersions),
  };
}

function versionPage(
  template: SiteTemplate,
  at: TemplateAtVersion,
  ref: string,
  page: string,
): SiteTemplateVersion {
  const document = splitTemplate(at.body, {
    file: '',
    bodyLine: 1,
    layer: { pack: template.pack, version: at.version },
  });
  // Without an upstream every section is `unchanged`; the blame is not shown on these pages.
  const tree = buildSectionTree(document, undefined, (file) => file);
  const here = new Map(flatten(tree.sections).map((section) => [section.path, section]));
  const now = new Map(flatten(template.sections).map((section) => [section.path, section]));
  const changed = at.changedSections.map((path): SiteChangedSection => {
    const section = here.get(path) ?? now.get(path);
    return {
      path,
      title: section?.title ?? path,
      anchor: section?.anchor,
      here: here.has(path),
    };
  });
  return {
    version: at.version,
    origin: at.origin,
    ref,
    page,
    preamble: tree.preamble.markdown,
    sections: tree.sections,
    changedPaths: new Set(at.changedSections),
    changed,
  };
}

function comparePairs(page: string, atVersions: readonly TemplateAtVersion[]): SiteTemplateCompare {
  // atVersions is newest first: for each newer version, every older one.
  const pairs: SiteTemplateCompare['pairs'] = [];
  atVersions.forEach((to, index) => {
    for (const from of atVersions.slice(index + 1)) {
      pairs.push({
        id: `from-${toUrlSegment(from.version)}-to-${toUrlSegment(to.version)}`,
        from: from.version,
        to: to.version,
        diff: diffByLine(from.body, to.body),
      });
    }
  });
  return { page, versions: atVersions.map((entry) => entry.version), pairs };
}

function flatten(sections: readonly SiteSection[]): SiteSection[] {
  return sections.flatMap((section) => [section, ...flatten(section.children)]);
}
