/** Where {@link buildSite} finds hand-written guides. */
export interface GuidesOptions {
  /** A folder of Markdown files, relative to `cwd` or absolute: each `*.md` directly in it is a guide. */
  dir: string;
  /**
   * Guides to list first, in this order, by slug or file name (`getting-started` or
   * `getting-started.md`); names that match no guide are ignored. The other guides follow:
   * `README.md` and `getting-started.md` first, then the rest by slug, then the extra guides in
   * the order given.
   */
  order?: string[];
}

/** A guide made by code rather than read from the guides folder (a generated reference). */
export interface ExtraGuide {
  /** The page's slug (`cli-reference` → `guides/cli-reference/index.html`): lower-case letters, digits, `-`, `_`. */
  slug: string;
  /** The page's title; a first `#` heading of `markdown` is left out of the page in its favour. */
  title: string;
  /** The guide's Markdown; it links to other guides as if it were `<slug>.md` in the guides folder. */
  markdown: string;
}

/** A guide to render: read from the guides folder or given as an {@link ExtraGuide}. */
export interface GuideSource {
  slug: string;
  /** The file name other guides link to it by (`overlays.md`). */
  file: string;
  markdown: string;
  /** The title, when given rather than taken from the first `#` heading. */
  title?: string;
}

/** An entry of a guide's outline: a heading of the page, with the headings under it. */
export interface GuideOutlineItem {
  id: string;
  /** The heading's text, without markup. */
  text: string;
  children: GuideOutlineItem[];
}

/** A guide rendered for the site. */
export interface RenderedGuide {
  slug: string;
  /** The page's path in the site: `guides/<slug>/index.html`. */
  page: string;
  /** The title, without markup. */
  title: string;
  /** The title as HTML (inline Markdown of the first heading, escaped). */
  titleHtml: string;
  /** The `id` of the page's `<h1>`, when the title came from a heading. */
  titleId: string | undefined;
  /** The first paragraph's text, shortened, for lists of guides; `''` when there is none. */
  summary: string;
  /** The body, without the title heading, as HTML rendered without raw HTML. */
  html: string;
  /** The body's `<h2>` headings, each with its `<h3>` headings. */
  outline: GuideOutlineItem[];
}
