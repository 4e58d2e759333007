import type { OverlayOperationName } from './overlay-types.js';

/**
 * The layered-template model: a template body split into a preamble and a tree of sections, each
 * section remembering which layer introduced it and which later layers changed it ("section
 * blame"). Types only; {@link splitTemplate} builds a {@link TemplateDocument} and
 * {@link applyOverlay} changes one.
 */

/** One layer of a template chain: a pack at a version, e.g. `{ pack: 'speckit', version: '1.2.0' }`. */
export interface LayerRef {
  /** The pack's short name, as in template refs (`speckit`). */
  pack: string;
  /** The pack version. */
  version: string;
}

/** What a {@link BlameChange} did to a section. */
export type BlameOp =
  | 'append'
  | 'prepend'
  | 'rename'
  // Whole-file strategies that added text to a section of a lower layer.
  | 'strategy-prepend'
  | 'strategy-append'
  | 'strategy-wrap';

/** A later layer's operation on a section it did not introduce. */
export interface BlameChange {
  /** The operation: `append`, `prepend`, `rename`, or a whole-file strategy (`strategy-append` …). */
  op: BlameOp;
  /** The layer whose overlay did it. */
  layer: LayerRef;
  /** The overlay file. */
  file: string;
  /** 1-based line of the directive in {@link BlameChange.file} (for a whole-file strategy, the first added line). */
  line: number;
}

/** Where a section (or the preamble) comes from. */
export interface SectionBlame {
  /** The layer that introduced the section. */
  layer: LayerRef;
  /** The template or overlay file that holds its heading. */
  file: string;
  /** 1-based line of the heading in {@link SectionBlame.file} (for the preamble, its first line). */
  line: number;
  /** Every later operation that touched the section, oldest first. */
  changes: BlameChange[];
}

/**
 * A section of a template: its heading and everything up to the next heading, with its
 * sub-sections as children. `heading` + `body` + the children's text is the section's source,
 * byte for byte.
 */
export interface SectionNode {
  /** The heading text as the spec parser reports it (inline Markdown and Handlebars kept, trimmed). */
  title: string;
  /** The heading's slug (`slugify(title)`), possibly `''`. */
  slug: string;
  /** The heading path: slugs from the root down joined by `/` (`technical-approach/technology-stack`). */
  path: string;
  /** Heading level, 1–6. */
  level: number;
  /** The raw heading line(s) with their line breaks (two or more lines for a setext heading). */
  heading: string;
  /** The section's own content: from the end of the heading to the first child or the next heading. */
  body: string;
  /** Sub-sections, in document order. */
  children: SectionNode[];
  /** Which layer introduced the section and which later layers changed it. */
  blame: SectionBlame;
}

/**
 * A template body split at its headings. {@link renderTemplateDocument} joins it back into the
 * exact text it came from.
 */
export interface TemplateDocument {
  /**
   * The text before the first section heading. It holds the document title when the body has a
   * single H1 that is its first heading (the spec parser's title rule: that H1 is not a section).
   */
  preamble: string;
  /** Where the preamble comes from. */
  preambleBlame: SectionBlame;
  /** Top-level sections, in document order. */
  sections: SectionNode[];
}

/** An `optional` directive whose target was absent, so it did nothing. */
export interface SkippedOperation {
  /** The directive's operation. */
  op: OverlayOperationName;
  /** The heading path it targeted. */
  target: string;
  /** 1-based line of the directive. */
  line: number;
  /** The overlay file. */
  file: string;
  /** The overlay's layer. */
  layer: LayerRef;
}

/** Where a section of the base document went: `to` is its new path, `undefined` when it was removed. */
export interface PathChange {
  /** The section's heading path before the overlay. */
  from: string;
  /** Its heading path after the overlay, or `undefined` when it is gone. */
  to: string | undefined;
}
