import { diff3Merge } from 'node-diff3';
import type { MergeOutput } from './_output.js';
import { sameLines } from './_text.js';
import type { MergeConflictKind } from './types.js';

/**
 * Three-way merges one run of lines (a section's text, the preamble, the front matter) into
 * `output`: a side that did not change it yields to the other; when both changed it, diff3
 * takes every change that does not overlap or touch a change of the other side, and writes a
 * conflict block (kind `content`) for those that do. Identical changes on both sides are one
 * change, not a conflict.
 */
export function mergeLines(
  output: MergeOutput,
  section: string,
  ours: readonly string[],
  base: readonly string[],
  theirs: readonly string[],
): void {
  if (sameLines(ours, base)) output.push(theirs);
  else if (sameLines(theirs, base) || sameLines(ours, theirs)) output.push(ours);
  else mergeChangedLines(output, section, ours, base, theirs);
}

function mergeChangedLines(
  output: MergeOutput,
  section: string,
  ours: readonly string[],
  base: readonly string[],
  theirs: readonly string[],
): void {
  // node-diff3 copies what it needs; it never changes its inputs.
  const regions = diff3Merge(ours as string[], base as string[], theirs as string[], {
    excludeFalseConflicts: true,
  });
  for (const region of regions) {
    if (region.ok) output.push(region.ok);
    else if (region.conflict) {
      const { a, o, b } = region.conflict;
      output.pushConflict('content', section, a, o, b);
    }
  }
}

/**
 * Three-way merges a unit that is taken or left whole (a heading): a side that did not change it
 * yields to the other, equal changes agree, and two different changes are a conflict of `kind`.
 */
export function mergeWhole(
  output: MergeOutput,
  kind: MergeConflictKind,
  section: string,
  ours: readonly string[],
  base: readonly string[],
  theirs: readonly string[],
): void {
  if (sameLines(ours, base)) output.push(theirs);
  else if (sameLines(theirs, base) || sameLines(ours, theirs)) output.push(ours);
  else output.pushConflict(kind, section, ours, base, theirs);
}

/**
 * Picks the blank lines that end a section: the other side's when ours kept the base's, else
 * ours. They are only blank lines, so ours winning a disagreement loses nothing, and it keeps
 * the fork's layout.
 */
export function pickTail(
  ours: readonly string[],
  base: readonly string[],
  theirs: readonly string[],
): readonly string[] {
  return sameLines(ours, base) ? theirs : ours;
}
