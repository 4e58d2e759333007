import type { TemplateKind } from '@specforge/core';
import type { DiffLine } from '../render/diff-html.js';

/** Everything the docs site shows, independent of HTML. Built by {@link buildSiteModel}. */
export interface SiteModel {
  /** The project's name. */
  project: string;
  /** Every pack of the registry: the built-in ones and the project's. */
  packs: SitePack[];
  /** Every resolved template of every pack, sorted by ref. */
  templates: SiteTemplate[];
  /** The spec the example plans are rendered from. */
  exampleSpec: ExampleSpecInfo;
}

/** Where the example spec comes from. */
export interface ExampleSpecInfo {
  /** The spec's path relative to the project root, or `example/spec.md` for the built-in one. */
  file: string;
  /** True when the project has no `specs/**\/spec.md` and the site's own example is used. */
  builtIn: boolean;
}

/** A pack as the home page lists it. */
export interface SitePack {
  name: string;
  version: string;
  /** The pack it extends, by short name. */
  base: string | undefined;
  /** For a copy fork: `pack@version` it was copied from. */
  copiedFrom: string | undefined;
  /** From the pack's `package.json`, `''` when it has none. */
  description: string;
  /** The canonical source, as in the lock (`path:packs/acme`, `npm:@specforge/templates-speckit@1.0.0`). */
  source: string;
  /** Refs of its templates, sorted. */
  templates: string[];
}

/** Who introduced a section, and who changed it since. */
export interface SiteBlame {
  pack: string;
  version: string;
  /** The template or overlay file, relative to its pack folder. */
  file: string;
  line: number;
  /** Later operations on the section (append, prepend, rename …), oldest first. */
  changes: { op: string; pack: string; version: string; file: string; line: number }[];
}

/** How a section compares with the template's upstream (as `specforge template diff` compares them). */
export type SiteSectionStatus = 'unchanged' | 'modified' | 'added';

/** One section of an effective template, with its sub-sections. */
export interface SiteSection {
  /** The heading path, e.g. `technical-approach/architecture`. */
  path: string;
  /** The heading text (inline Markdown and Handlebars kept). */
  title: string;
  level: number;
  /** The `id` of the section on its page; unique on the page. */
  anchor: string;
  /** The section's own Markdown below its heading, up to its first sub-section. */
  body: string;
  blame: SiteBlame;
  status: SiteSectionStatus;
  /** For `modified` and `added` sections: the upstream text against the effective text, line by line. */
  diff: DiffLine[] | undefined;
  children: SiteSection[];
}

/** A section the template's upstream has and the template does not. */
export interface RemovedSection {
  path: string;
  title: string;
  /** The upstream text of the section (heading and own body). */
  text: string;
}

/** The rules `specforge check` applies to documents made from a template. */
export interface SiteCheckRules {
  requiredSections: string[];
  placeholders: string[];
  idPatterns: { prefix: string; pattern: string }[];
  traces: { from: string; in: string | undefined }[];
}

/** An example plan, or why there is none. */
export type SiteExample = { ok: true; markdown: string } | { ok: false; message: string };

/** One resolved template, ready for its page. */
export interface SiteTemplate {
  /** `pack/id`, the ref users pass to `--template`. */
  ref: string;
  pack: string;
  id: string;
  kind: TemplateKind;
  description: string;
  /** The output file name, e.g. `plan.md`. */
  output: string;
  /** The page's path in the site, `templates/<pack>/<id>/index.html`. */
  page: string;
  /** Every layer that shaped the template, the root template first. */
  layers: { pack: string; version: string; file: string; kind: 'template' | 'overlay' }[];
  /** `pack@version#id` of the upstream the sections are compared with, when the pack forks one. */
  upstream: string | undefined;
  /** The text before the first section (usually the title), with its blame. */
  preamble: { markdown: string; blame: SiteBlame };
  sections: SiteSection[];
  removed: RemovedSection[];
  inputs: { name: string; required: boolean; description: string }[];
  rules: SiteCheckRules;
  example: SiteExample;
}
