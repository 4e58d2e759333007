import { attachProvenance, type Provenance } from '@specforge/core';
import { mergeTemplate } from '../merge/merge-template.js';
import type { MergeConflict, MergeLabels } from '../merge/types.js';

/** The labels {@link rebasePlan} writes after the conflict markers unless told otherwise. */
export const REBASE_LABELS: Readonly<Required<MergeLabels>> = {
  ours: 'edited',
  base: 'generated',
  theirs: 'regenerated',
};

/** The three texts of a plan rebase, for {@link rebasePlan}. Each is a plan without its provenance block. */
export interface RebasePlanInput {
  /** The text as generated, that the edited plan started from (`readProvenance(…).content`). */
  base: string;
  /** The edited plan's text; its line breaks and byte-order mark are kept. */
  ours: string;
  /** The new render: the current template applied to the current spec. */
  theirs: string;
  /** The inputs of the new render, recorded in the result's provenance block. */
  provenance: Omit<Provenance, 'outputSha256'>;
  /** Names for the conflict markers; default {@link REBASE_LABELS}. */
  labels?: MergeLabels;
  /** The plan file, only for the location of an error about `ours` (leftover markers). */
  file?: string;
}

/** The outcome of {@link rebasePlan}. */
export interface RebaseResult {
  /** The merged plan, ending with a provenance block; conflict markers where the merge could not decide. */
  text: string;
  /** True when there are no conflicts. */
  clean: boolean;
  /** Every conflict block in `text`, in document order (lines count from the top of `text`). */
  conflicts: MergeConflict[];
}

/**
 * Re-applies the hand edits of a plan onto a new render of it: a three-way merge (see
 * {@link mergeTemplate}, section by section then line by line) of `base` (the plan as it was
 * generated), `ours` (the plan as edited) and `theirs` (what the current template and spec
 * generate now). What base → ours changed is the user's edit, what base → theirs changed is the
 * new input's; both are applied, and where they touch the same lines a git-style conflict block
 * (`<<<<<<< edited` … `||||||| generated` … `=======` … `>>>>>>> regenerated`) holds both.
 *
 * The result ends with a fresh provenance block recording `provenance` (the new render's
 * inputs) and, as `output-sha256`, the hash of **`theirs`**, not of the merged text. The plan
 * then reads as "generated from the current inputs, then edited by hand", which is what it is:
 * - a plain `specforge plan` sees the current inputs and an edited text, and leaves it alone
 *   (a hash of the merged text would make the edits look generated, and the next spec change
 *   would silently overwrite them);
 * - staleness checks see the current spec and template, so the plan is not reported stale;
 * - the next rebase takes `theirs` as its base (found again by re-rendering the recorded inputs),
 *   so edits are never merged twice.
 * When nothing was edited (`ours` equals `base`), the result is exactly what `planSpec` writes
 * for the new render. A result with conflicts carries the same block, so once the user resolves
 * the markers the plan is an ordinary edited plan of the current inputs.
 *
 * Pure: no file access; the same input always gives the same result.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_MERGE_UNRESOLVED_CONFLICT` when `ours` still holds a
 *   conflict marker from an earlier rebase; `SPECFORGE_MERGE_LABEL_INVALID` for a label with a
 *   line break.
 *
 * @example
 * ```ts
 * const edited = readProvenance(planFileText);
 * const render = readProvenance((await planSpec({ spec, template, cwd, force: true })).text);
 * const result = rebasePlan({
 *   base: generatedText, // e.g. from findPlanBase
 *   ours: edited.content,
 *   theirs: render.content,
 *   provenance: render.provenance!,
 * });
 * if (!result.clean) console.log(result.conflicts.map((c) => `plan.md:${c.line} ${c.kind}`));
 * ```
 */
export function rebasePlan(input: RebasePlanInput): RebaseResult {
  const merged = mergeTemplate({
    base: input.base,
    ours: input.ours,
    theirs: input.theirs,
    labels: { ...REBASE_LABELS, ...input.labels },
    file: input.file,
  });
  const theirsBody = input.theirs.endsWith('\n') ? input.theirs : `${input.theirs}\n`;
  // attachProvenance hashes what it is given: attach to theirs, then move the block (a blank
  // line and the comment) under the merged text.
  // (A full Provenance may be passed: attachProvenance sets output-sha256 itself.)
  const block = attachProvenance(theirsBody, input.provenance).slice(theirsBody.length);
  const lineBreak = /\r?\n/.exec(merged.text)?.[0] ?? '\n';
  const body =
    merged.text === '' || merged.text.endsWith('\n') ? merged.text : merged.text + lineBreak;
  const text =
    (body === '' ? '\n' : body) + (lineBreak === '\n' ? block : block.replace(/\n/g, lineBreak));
  return { text, clean: merged.clean, conflicts: merged.conflicts };
}
