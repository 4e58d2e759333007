import type { TemplateMeta } from '@specforge/core';

/**
 * How an overlay changes its base: `sections` (the default) applies its directives section by
 * section; `replace`, `prepend`, `append` and `wrap` are Spec Kit's whole-file strategies.
 */
export type OverlayStrategy = 'sections' | 'replace' | 'prepend' | 'append' | 'wrap';

/** The whole-file strategies an overlay's front matter may name in `strategy:`, as Spec Kit spells them. */
export const overlayStrategies: readonly Exclude<OverlayStrategy, 'sections'>[] = [
  'replace',
  'prepend',
  'append',
  'wrap',
];

/** The operations a `<!-- specforge: … -->` directive may name. */
export const overlayOperationNames = [
  'replace',
  'append',
  'prepend',
  'insert',
  'remove',
  'rename',
] as const;

/** An operation a directive names. */
export type OverlayOperationName = (typeof overlayOperationNames)[number];

/** A heading in a directive's content, with the text up to the next heading. */
export interface OverlayContentSection {
  /** The heading text as the spec parser reports it. */
  title: string;
  /** The heading's slug. */
  slug: string;
  /** Heading level, 1–6. */
  level: number;
  /** The raw heading line(s), with their line breaks. */
  heading: string;
  /** The text after the heading up to the next heading of any level; the last one has no final line break. */
  body: string;
  /** 1-based line of the heading in the overlay file. */
  line: number;
}

/** The content of a directive: the lines after it up to the next directive or the end of the file. */
export interface OverlayContent {
  /**
   * The content with `\n` line breaks, without trailing blank lines or a final line break, and
   * without leading blank lines — except for `append`, where leading blank lines are kept: they
   * start a new block instead of continuing the last one.
   */
  text: string;
  /** 1-based line of the overlay file on which {@link OverlayContent.text} starts. */
  line: number;
  /** The text before the content's first heading (all of it when it has none). */
  lead: string;
  /** The content's headings in document order, flat; each one's level says where it nests. */
  sections: OverlayContentSection[];
}

/** What every directive has. */
export interface OverlayOperationBase {
  /** The heading path the directive targets, e.g. `technical-approach/technology-stack`. */
  target: string;
  /** `true` when the directive ends with `optional`: a missing target is skipped, not an error. */
  optional: boolean;
  /** 1-based line of the directive in the overlay file. */
  line: number;
}

/** `replace <path>`: the section and its sub-sections give way to the content, one section with its heading. */
export interface ReplaceOperation extends OverlayOperationBase {
  /** The operation. */
  op: 'replace';
  /** The replacement: one section, heading included. */
  content: OverlayContent;
}

/** `insert before|after <path>`: the content, one or more sections at the target's level, goes next to the target. */
export interface InsertOperation extends OverlayOperationBase {
  /** The operation. */
  op: 'insert';
  /** Whether the content goes before the target section or after it (and its sub-sections). */
  position: 'before' | 'after';
  /** The sections to insert, headings included. */
  content: OverlayContent;
}

/**
 * `append <path>`: the content goes right after the last line of the section, its sub-sections
 * included; `prepend <path>`: right after the heading, before the section's own text.
 */
export interface AppendPrependOperation extends OverlayOperationBase {
  /** The operation. */
  op: 'append' | 'prepend';
  /** The text to add to the section. */
  content: OverlayContent;
}

/** `remove <path>`: the section and its sub-sections go. */
export interface RemoveOperation extends OverlayOperationBase {
  /** The operation. */
  op: 'remove';
}

/** `rename <path> "New Title"`: the heading text changes; the level, the text and the sub-sections stay. */
export interface RenameOperation extends OverlayOperationBase {
  /** The operation. */
  op: 'rename';
  /** The new heading text, as written between the quotes (escapes resolved). */
  title: string;
}

/** One directive of an overlay. */
export type OverlayOperation =
  | ReplaceOperation
  | InsertOperation
  | AppendPrependOperation
  | RemoveOperation
  | RenameOperation;

/** Metadata an overlay overrides; only the keys its front matter sets are present. */
export type OverlayMeta = Partial<TemplateMeta>;

/**
 * A parsed overlay file: a template that changes a base template (`extends`) section by
 * section, or as a whole with a Spec Kit strategy. Plain data, produced by {@link parseOverlay}.
 */
export interface Overlay {
  /** The overlay file, for errors and blame. */
  file: string;
  /** The template this overlay changes, as a template ref: `speckit/plan`. */
  extends: string;
  /** How the overlay applies; `sections` unless the front matter names a whole-file strategy. */
  strategy: OverlayStrategy;
  /** Metadata the overlay overrides (`description`, `requiredSections`, `inputs`, `output`, …). */
  meta: OverlayMeta;
  /** The directives, in file order; empty for a whole-file strategy. */
  operations: OverlayOperation[];
  /** The text after the front matter (`\n` line breaks): the content of a whole-file strategy. */
  body: string;
  /** 1-based line of the file on which {@link Overlay.body} starts. */
  bodyLine: number;
}
