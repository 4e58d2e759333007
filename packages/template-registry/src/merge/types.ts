/**
 * The public types of the three-way template merge ({@link mergeTemplate}): what goes in, what
 * comes out, and how a conflict is described. See docs/merging.md.
 */

/** The names written after the conflict markers; each defaults to the key's own name. */
export interface MergeLabels {
  /** After `<<<<<<<`; default `ours` (the fork). */
  ours?: string;
  /** After `|||||||`; default `base` (the upstream text the fork was copied from). */
  base?: string;
  /** After `>>>>>>>`; default `theirs` (the new upstream text). */
  theirs?: string;
}

/** The three texts of a copy-fork merge, for {@link mergeTemplate}. */
export interface MergeTemplateInput {
  /** The upstream template text the fork was copied from (the common ancestor). */
  base: string;
  /** The fork's current text; its line breaks and byte-order mark are kept in the result. */
  ours: string;
  /** The new upstream text. */
  theirs: string;
  /** Names for the conflict markers; see {@link MergeLabels}. A label may not hold a line break. */
  labels?: MergeLabels;
  /**
   * The fork's template file, used only as the location of an error about `ours` (for example
   * leftover conflict markers). Defaults to the `ours` label.
   */
  file?: string;
}

/**
 * Why a part of the merge could not be decided:
 * - `content`: both sides changed the same or adjacent lines of a section (or of the front
 *   matter or the preamble) differently.
 * - `heading`: both sides changed a section's heading differently (two renames).
 * - `removed-and-edited`: one side removed a section that the other side changed; the changed
 *   section, sub-sections included, sits inside the markers.
 * - `added-twice`: both sides added a section with the same heading path but different text.
 */
export type MergeConflictKind = 'content' | 'heading' | 'removed-and-edited' | 'added-twice';

/** One conflict block in {@link MergeResult.text}. */
export interface MergeConflict {
  /**
   * The section the conflict is in, as a heading path of the base (`technical-approach/technology-stack`),
   * so a section renamed on one side is still named as both sides knew it. A section added on
   * both sides is named by its parent's base path and its own slug. `''` is the text before the
   * first heading: the front matter and the preamble (title and introduction).
   */
  section: string;
  /** 1-based line of the `<<<<<<<` marker in {@link MergeResult.text}. */
  line: number;
  /** 1-based line of the closing `>>>>>>>` marker. */
  endLine: number;
  /** What kind of disagreement it is; see {@link MergeConflictKind}. */
  kind: MergeConflictKind;
}

/** The outcome of {@link mergeTemplate}. */
export interface MergeResult {
  /** The merged text, with git-style diff3 conflict markers where the merge could not decide. */
  text: string;
  /** True when there are no conflicts: `text` is the finished template. */
  clean: boolean;
  /** Every conflict block in `text`, in document order. */
  conflicts: MergeConflict[];
}
