import { dirname, resolve } from 'node:path';
import {
  type Diagnostic,
  type FileSystem,
  findProject,
  nodeFileSystem,
  type Project,
  planSpec,
  type RenderEnvironment,
  readProvenance,
  SpecforgeError,
  type TemplateSource,
  toProjectPath,
  writeGeneratedFile,
} from '@specforge/core';
import { createTwoFilesPatch } from 'diff';
import { findConflictMarker, normalizeText } from '../merge/_text.js';
import type { MergeConflict, MergeLabels } from '../merge/types.js';
import type { FileHistory } from './file-history.js';
import { findPlanBase, type PlanBaseSource } from './find-plan-base.js';
import { REBASE_LABELS, rebasePlan } from './rebase-plan.js';

/** Options for {@link planRebase}: those of `planSpec`, plus where to look for the generated text. */
export interface PlanRebaseOptions {
  /** Path of the spec, relative to `cwd` or absolute. */
  spec: string;
  /** The template to render now (the new render, "theirs"). */
  template: TemplateSource;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** The plan file; defaults to the template's output name beside the spec. */
  out?: string;
  /**
   * Templates that may have generated the plan, to re-render its generated text from the
   * recorded inputs (see {@link findPlanBase}): e.g. every template the registry resolves, and
   * the one at the version the plan records. `template` is always tried too.
   */
  templates?: readonly TemplateSource[];
  /** The clock templates see as `today`. Defaults to now. */
  now?: Date;
  /** Defaults to the machine's file system. */
  fs?: FileSystem;
  /** Defaults to the project found upward from the spec's folder. */
  project?: Project;
  /** Reuse one environment across many plans so templates compile once. */
  environment?: RenderEnvironment;
  /** Earlier versions of the plan and the spec; default git ({@link createGitFileHistory}). */
  history?: FileHistory;
  /** How many versions of each history to read; default 200. */
  historyLimit?: number;
  /** Names for the conflict markers; default {@link REBASE_LABELS}. */
  labels?: MergeLabels;
}

/**
 * What {@link planRebase} decided:
 * - `rebased`: the plan was edited by hand and its inputs changed; the edits were merged onto
 *   the new render cleanly.
 * - `conflict`: as `rebased`, but some edits touch lines the new render changed too; `text`
 *   holds conflict markers (`conflicts` lists them). The CLI exits 3.
 * - `pristine`: the plan was not edited; `text` is the new render, as `specforge plan` writes it.
 * - `up-to-date`: the plan records the current spec and template (edited or not); nothing to do.
 */
export type RebaseStatus = 'rebased' | 'conflict' | 'pristine' | 'up-to-date';

/** The plan for one rebase: computed by {@link planRebase}, written by {@link applyRebase}. */
export interface RebaseChange {
  /** The spec's path relative to the project root. */
  spec: string;
  /** The template's reference, e.g. `speckit/plan`. */
  template: string;
  /** `pack@version#id` of the template. */
  templateId: string;
  /** Absolute path of the plan file. */
  output: string;
  /** What the rebase decided; see {@link RebaseStatus}. */
  status: RebaseStatus;
  /** The full text to write (plan + provenance); for `up-to-date`, the file as it is. */
  text: string;
  /** The plan file's current content. */
  previous: string;
  /** The conflict blocks in `text` (lines are 1-based lines of `text`); empty unless `conflict`. */
  conflicts: MergeConflict[];
  /** Where the generated text the edits started from was found; `undefined` unless merged. */
  base: PlanBaseSource | undefined;
  /** Problems that did not stop the command (e.g. invalid UTF-8 in the spec). */
  warnings: Diagnostic[];
}

/**
 * Plans `specforge plan --rebase`: re-renders a plan edited by hand onto the current template
 * and spec, keeping the edits. Renders the plan now (as `planSpec` does), finds the text the plan
 * was generated as ({@link findPlanBase}: its git history, else a re-render of the recorded
 * inputs), and merges three ways ({@link rebasePlan}): base = that text, ours = the edited
 * plan, theirs = the new render. The result records the new render's provenance, so it stays an
 * edited plan of the current inputs (see {@link rebasePlan}). Writes nothing: pass the result to
 * {@link applyRebase}.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_REBASE_NOT_GENERATED` when the plan does not exist or
 *   has no provenance block; `SPECFORGE_MERGE_UNRESOLVED_CONFLICT` (exit 3) when the edited plan
 *   still holds conflict markers from an earlier rebase; `SPECFORGE_REBASE_BASE_UNKNOWN` when the
 *   generated text cannot be found; and whatever `planSpec` throws (spec not found, render errors).
 *
 * @example
 * ```ts
 * const change = await planRebase({ spec: 'specs/042-checkout/spec.md', template, cwd, templates });
 * await applyRebase(change);
 * if (change.status === 'conflict') process.exitCode = 3;
 * ```
 */
export async function planRebase(options: PlanRebaseOptions): Promise<RebaseChange> {
  const fs = options.fs ?? nodeFileSystem;
  const project =
    options.project ??
    (await findProject({ cwd: dirname(resolve(options.cwd, options.spec)), fs }));
  const render = await planSpec({
    spec: options.spec,
    template: options.template,
    cwd: options.cwd,
    out: options.out,
    force: true,
    now: options.now,
    fs,
    project,
    environment: options.environment,
  });
  const displayName = options.out ?? toProjectPath(options.cwd, render.output);
  const location = { file: displayName };
  const previous = render.previous;
  if (previous === undefined) {
    throw new SpecforgeError(
      'SPECFORGE_REBASE_NOT_GENERATED',
      { file: displayName, reason: 'it does not exist' },
      { location },
    );
  }
  const current = readProvenance(previous);
  if (!current.provenance) {
    const reason = 'it has no provenance block, so what it was generated from is unknown';
    throw new SpecforgeError(
      'SPECFORGE_REBASE_NOT_GENERATED',
      { file: displayName, reason },
      { location },
    );
  }
  const next = readProvenance(render.text);
  const common = {
    spec: render.spec,
    template: render.template,
    templateId: render.templateId,
    output: render.output,
    previous,
    warnings: render.warnings,
    conflicts: [],
    base: undefined,
  };

  if (!current.pristine) {
    // Markers left from an earlier rebase: merging again would nest them.
    const lines = normalizeText(current.content).text.split('\n');
    const marker = findConflictMarker(lines) ?? findRebaseMarker(lines, options.labels);
    if (marker !== undefined) {
      throw new SpecforgeError(
        'SPECFORGE_MERGE_UNRESOLVED_CONFLICT',
        { label: displayName, line: marker },
        { location: { file: displayName, line: marker } },
      );
    }
  }
  const recorded = current.provenance;
  const latest = next.provenance!;
  const sameInputs =
    recorded.template === latest.template &&
    recorded.templateSha256 === latest.templateSha256 &&
    recorded.spec === latest.spec &&
    recorded.specSha256 === latest.specSha256;
  if (sameInputs) return { ...common, status: 'up-to-date', text: previous };
  if (current.pristine) return { ...common, status: 'pristine', text: render.text };

  const base = await findPlanBase({
    plan: render.output,
    provenance: recorded,
    project,
    edited: current.content,
    templates: [...new Set([options.template, ...(options.templates ?? [])])],
    spec: options.spec,
    cwd: options.cwd,
    now: options.now,
    history: options.history,
    historyLimit: options.historyLimit,
    fs,
    environment: options.environment,
  });
  if (!base.found) {
    throw new SpecforgeError(
      'SPECFORGE_REBASE_BASE_UNKNOWN',
      { file: displayName, tried: base.tried },
      { location },
    );
  }
  const result = rebasePlan({
    base: base.content,
    ours: current.content,
    theirs: next.content,
    provenance: latest,
    labels: options.labels,
    file: displayName,
  });
  return {
    ...common,
    status: result.clean ? 'rebased' : 'conflict',
    text: result.text,
    conflicts: result.conflicts,
    base: base.source,
  };
}

/**
 * Writes a {@link RebaseChange} atomically (readers see the old plan or the new one, never a
 * mix), conflict markers included. Writes nothing when the status is `up-to-date` or the text
 * is the file as it is. Returns whether anything was written.
 *
 * @example
 * ```ts
 * const written = await applyRebase(await planRebase(options));
 * ```
 */
export async function applyRebase(
  change: RebaseChange,
  fs: FileSystem = nodeFileSystem,
): Promise<boolean> {
  if (change.status === 'up-to-date' || change.text === change.previous) return false;
  await writeGeneratedFile(change.output, change.text, fs);
  return true;
}

/** A unified diff from the plan as it is to what {@link applyRebase} would write (for `--dry-run`). */
export function diffRebaseChange(change: RebaseChange, displayName = change.output): string {
  if (change.text === change.previous) return '';
  return createTwoFilesPatch(
    displayName,
    displayName,
    change.previous,
    change.text,
    'current',
    'rebased',
  );
}

/**
 * The 1-based line of a conflict marker an earlier rebase wrote, even inside a fenced block: a
 * plan quotes its spec in one, so a conflict in the spec text lands there, where the general
 * marker search (which leaves quoted markers alone) does not look. Only markers carrying the
 * rebase's own labels count, so a spec that quotes git markers is not mistaken for a conflict.
 */
function findRebaseMarker(
  lines: readonly string[],
  labels: MergeLabels | undefined,
): number | undefined {
  const opening = `<<<<<<< ${labels?.ours ?? REBASE_LABELS.ours}`;
  const closing = `>>>>>>> ${labels?.theirs ?? REBASE_LABELS.theirs}`;
  const index = lines.findIndex((line) => line === opening || line === closing);
  return index < 0 ? undefined : index + 1;
}
