import { SpecforgeError } from '@specforge/core';
import { mergeNormalizedTexts } from './_merge-text.js';
import { conflictMarkers } from './_output.js';
import { findConflictMarker, normalizeText } from './_text.js';
import type { MergeResult, MergeTemplateInput } from './types.js';

/**
 * Merges the upstream changes of a template into a copy fork, three-way, without ever losing a
 * change of the fork: section by section, then line by line (see docs/merging.md).
 *
 * - The texts are split into their front matter, preamble and section tree (the headings the
 *   spec parser sees); sections are matched by heading path, and a section renamed on one side
 *   with its text unchanged follows the rename.
 * - A section one side left alone takes the other side's version; a section both changed is
 *   merged line by line with diff3, and overlapping or touching changes become a conflict.
 * - A section added on one side is kept after the section that precedes it on that side; one
 *   removed on one side goes unless the other side changed it, which is a conflict that keeps
 *   the changed text.
 * - The sections follow upstream's order, with the fork's additions placed as above; when only
 *   the fork reordered sections, the fork's order is kept.
 * - Conflicts are written with git's diff3 markers (`<<<<<<< ours`, `||||||| base`, `=======`,
 *   `>>>>>>> theirs`), so editors and git tooling recognise them.
 * - The result has the fork's line breaks and byte-order mark.
 *
 * When one side did not change at all, the result is the other side (in the fork's line
 * breaks). Pure: no file access, and the same input always gives the same result.
 *
 * @param input - The base (what the fork was copied from), ours (the fork), theirs (the new
 *   upstream) and, optionally, labels for the markers.
 * @returns The merged text, whether it is clean, and every conflict block in it.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_MERGE_LABEL_INVALID` when a label holds a line break;
 *   `SPECFORGE_MERGE_UNRESOLVED_CONFLICT` when the fork still holds a conflict marker (outside
 *   fenced code) from an earlier merge.
 *
 * @example
 * ```ts
 * const result = mergeTemplate({ base, ours: forkText, theirs: newUpstreamText });
 * if (result.clean) await writeFile(forkFile, result.text);
 * else for (const c of result.conflicts) console.log(`${forkFile}:${c.line} ${c.kind} in ${c.section || 'preamble'}`);
 * ```
 */
export function mergeTemplate(input: MergeTemplateInput): MergeResult {
  const labels = {
    ours: checkLabel('ours', input.labels?.ours ?? 'ours'),
    base: checkLabel('base', input.labels?.base ?? 'base'),
    theirs: checkLabel('theirs', input.labels?.theirs ?? 'theirs'),
  };
  const base = normalizeText(input.base);
  const ours = normalizeText(input.ours);
  const theirs = normalizeText(input.theirs);

  const marker = findConflictMarker(ours.text.split('\n'));
  if (marker !== undefined) {
    throw new SpecforgeError(
      'SPECFORGE_MERGE_UNRESOLVED_CONFLICT',
      { label: labels.ours, line: marker },
      { location: { file: input.file ?? labels.ours, line: marker } },
    );
  }

  // Upstream did not change, or made exactly the fork's text: the fork stays byte for byte.
  if (input.theirs === input.base || input.ours === input.theirs) {
    return { text: input.ours, clean: true, conflicts: [] };
  }

  // The fork's line break, else upstream's, so a one-line fork does not impose `\n`.
  const lineBreak = ours.lineBreak ?? theirs.lineBreak ?? base.lineBreak ?? '\n';
  const finish = (text: string): string =>
    (ours.bom ? '\uFEFF' : '') + (lineBreak === '\n' ? text : text.replace(/\n/g, lineBreak));

  // One side unchanged: the other side is the answer, without parsing anything.
  if (ours.text === base.text || ours.text === theirs.text) {
    return { text: finish(theirs.text), clean: true, conflicts: [] };
  }
  if (theirs.text === base.text) return { text: finish(ours.text), clean: true, conflicts: [] };

  const merged = mergeNormalizedTexts(base.text, ours.text, theirs.text, conflictMarkers(labels));
  return {
    text: finish(merged.text),
    clean: merged.conflicts.length === 0,
    conflicts: merged.conflicts,
  };
}

function checkLabel(side: 'ours' | 'base' | 'theirs', label: string): string {
  if (/[\r\n]/.test(label)) {
    throw new SpecforgeError('SPECFORGE_MERGE_LABEL_INVALID', { side, label });
  }
  return label;
}
