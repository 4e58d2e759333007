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
  /** The pack's short name, e.g. `speckit`. */
  name: string;
  /** The pack's version. */
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
  /** The pack whose layer introduced the section. */
  pack: string;
  /** That pack's version. */
  version: string;
  /** The template or overlay file, relative to its pack folder. */
  file: string;
  /** 1-based line of the section's heading in `file`. */
  line: number;
  /** Later operations on the section (append, prepend, rename …), oldest first. */
  changes: {
    /** The operation, e.g. `append` or `rename`. */
    op: string;
    /** The pack whose overlay applied it. */
    pack: string;
    /** That pack's version. */
    version: string;
    /** The overlay file, relative to its pack folder. */
    file: string;
    /** 1-based line of the directive in `file`. */
    line: number;
  }[];
}

/** How a section compares with the template's upstream (as `specforge template diff` compares them). */
export type SiteSectionStatus = 'unchanged' | 'modified' | 'added';

/** One section of an effective template, with its sub-sections. */
export interface SiteSection {
  /** The heading path, e.g. `technical-approach/architecture`. */
  path: string;
  /** The heading text (inline Markdown and Handlebars kept). */
  title: string;
  /** Heading level, 1–6. */
  level: number;
  /** The `id` of the section on its page; unique on the page. */
  anchor: string;
  /** The section's own Markdown below its heading, up to its first sub-section. */
  body: string;
  /** Which layer introduced the section and which changed it. */
  blame: SiteBlame;
  /** How the section compares with the upstream; `unchanged` when the template has none. */
  status: SiteSectionStatus;
  /** For `modified` and `added` sections: the upstream text against the effective text, line by line. */
  diff: DiffLine[] | undefined;
  /** Sub-sections, in document order. */
  children: SiteSection[];
}

/** A section the template's upstream has and the template does not. */
export interface RemovedSection {
  /** The section's heading path in the upstream. */
  path: string;
  /** The upstream heading text. */
  title: string;
  /** The upstream text of the section (heading and own body). */
  text: string;
}

/** The rules `specforge check` applies to documents made from a template. */
export interface SiteCheckRules {
  /** Heading paths a document made from the template must keep. */
  requiredSections: string[];
  /** Text the author must replace; left in a document, it is reported. */
  placeholders: string[];
  /** The shape each kind of id must have, by prefix. */
  idPatterns: {
    /** The id's leading letters, e.g. `FR`. */
    prefix: string;
    /** The regular expression a whole id must match, e.g. `FR-\d{3}`. */
    pattern: string;
  }[];
  /** What of the spec a document must reference. */
  traces: {
    /** The spec items that must each be referenced: `requirements`, `criteria` or `stories`. */
    from: string;
    /** The heading path they must be referenced in; `undefined` for anywhere in the document. */
    in: string | undefined;
  }[];
}

/** An example plan, or why there is none. */
export type SiteExample =
  | {
      /** The template rendered. */
      ok: true;
      /** The example plan's Markdown. */
      markdown: string;
    }
  | {
      /** The template did not render. */
      ok: false;
      /** Why: the render error's message. */
      message: string;
    };

/** One resolved template, ready for its page. */
export interface SiteTemplate {
  /** `pack/id`, the ref users pass to `--template`. */
  ref: string;
  /** The pack's short name. */
  pack: string;
  /** The template id within the pack, e.g. `plan`. */
  id: string;
  /** What the template produces. */
  kind: TemplateKind;
  /** The template's description, `''` when it declares none. */
  description: string;
  /** The output file name, e.g. `plan.md`. */
  output: string;
  /** The page's path in the site, `templates/<pack>/<id>/index.html`. */
  page: string;
  /** Every layer that shaped the template, the root template first. */
  layers: {
    /** The pack that holds the layer. */
    pack: string;
    /** That pack's version. */
    version: string;
    /** The template or overlay file, relative to its pack folder. */
    file: string;
    /** `template` for the root template, `overlay` for a section-level layer. */
    kind: 'template' | 'overlay';
  }[];
  /** `pack@version#id` of the upstream the sections are compared with, when the pack forks one. */
  upstream: string | undefined;
  /** The text before the first section (usually the title), with its blame. */
  preamble: {
    /** The Markdown before the first heading. */
    markdown: string;
    /** Which layer introduced it and which changed it. */
    blame: SiteBlame;
  };
  /** The top-level sections, each with its sub-sections. */
  sections: SiteSection[];
  /** The upstream's sections that the template removed. */
  removed: RemovedSection[];
  /** The inputs the template declares, beyond the ones every template gets. */
  inputs: {
    /** The input's name, as templates use it. */
    name: string;
    /** Whether rendering fails without it. */
    required: boolean;
    /** What the input is for, `''` when not given. */
    description: string;
  }[];
  /** The rules `specforge check` applies to documents made from the template. */
  rules: SiteCheckRules;
  /** The template rendered with the example spec, or why it did not render. */
  example: SiteExample;
}
