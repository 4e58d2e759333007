import { resolve } from 'node:path';
import {
  decodeUtf8,
  type FileSystem,
  hashGeneratedText,
  hashTemplate,
  nodeFileSystem,
  type Project,
  type Provenance,
  type RenderEnvironment,
  readProvenance,
  sha256Hex,
  type TemplateSource,
  templateProvenanceId,
  toProjectPath,
} from '@specforge/core';
import { renderPlanContent } from './_render-plan.js';
import { createGitFileHistory, type FileHistory } from './file-history.js';

/** How many versions of a file's history {@link findPlanBase} reads by default. */
export const DEFAULT_HISTORY_LIMIT = 200;

// At most this many dates are tried as `today` when re-rendering.
const MAX_DATES = 8;

/** Options for {@link findPlanBase}. */
export interface FindPlanBaseOptions {
  /** The plan file (absolute path). */
  plan: string;
  /** The provenance the plan carries now: its `output-sha256` names the text to find. */
  provenance: Provenance;
  /** The plan's project: provenance paths are relative to its root, its settings are template inputs. */
  project: Project;
  /**
   * The plan's current (edited) content; every `YYYY-MM-DD` date in it is tried as `today` when
   * re-rendering, since provenance does not record the date.
   */
  edited?: string;
  /**
   * Templates that may have generated the plan, e.g. every template the registry resolves, plus
   * the one at the version the plan records. Only those whose `hashTemplate` equals the recorded
   * `template-sha256` are rendered.
   */
  templates?: readonly TemplateSource[];
  /** The spec as the user names it (relative to `cwd`, or absolute); the recorded path is tried too. */
  spec?: string;
  /** The folder `spec` is relative to; default the project root. */
  cwd?: string;
  /** The clock; its date is the first one tried as `today`. Default now. */
  now?: Date;
  /** Where earlier versions of the plan and the spec come from; default {@link createGitFileHistory}. */
  history?: FileHistory;
  /** How many versions of each history to read; default {@link DEFAULT_HISTORY_LIMIT}. */
  historyLimit?: number;
  /** Reads the current spec; default the machine's file system. */
  fs?: FileSystem;
  /** The render environment for re-renders; reuse one so templates compile once. */
  environment?: RenderEnvironment;
}

/**
 * Where {@link findPlanBase} found the generated text: a version of the plan in its history
 * (`revision` is a commit, or `index` for the staged version), or a render of the recorded
 * inputs (the template's `pack@version#id`, the `today` it rendered with, and the spec's
 * revision when the spec came from its history).
 */
export type PlanBaseSource =
  | {
      /** Found in the plan's history. */
      kind: 'history';
      /** The commit that holds it, or `index` for the staged version. */
      revision: string;
    }
  | {
      /** Rendered again from the recorded inputs. */
      kind: 'render';
      /** `pack@version#id` of the template that rendered it. */
      template: string;
      /** The `YYYY-MM-DD` date the template saw as `today`. */
      today: string;
      /** The revision the spec was read at, or `undefined` for the spec file as it is now. */
      specRevision: string | undefined;
    };

/**
 * The outcome of {@link findPlanBase}: the generated text and where it came from, or, when it
 * cannot be found, one sentence per source saying why.
 */
export type PlanBase =
  | {
      /** The generated text was found. */
      found: true;
      /** The plan's generated text, without provenance. */
      content: string;
      /** Where it was found. */
      source: PlanBaseSource;
    }
  | {
      /** The generated text was not found. */
      found: false;
      /** One sentence per source tried, saying why it did not give the text. */
      tried: string[];
    };

/**
 * Finds the text a plan was generated as, before its hand edits: the `base` of a rebase
 * ({@link rebasePlan}). The text is identified by the `output-sha256` of the plan's provenance;
 * a candidate is accepted only when it hashes to it, so a wrong guess is never used. Sources,
 * in order:
 *
 * 1. **The plan's history** ({@link FileHistory}; git by default): the staged version, then the
 *    last `historyLimit` commits that changed the plan, newest first. Finds the plan in a project
 *    that commits plans as generated before editing them. Renames are not followed.
 * 2. **A re-render of the recorded inputs**: the spec bytes with the recorded `spec-sha256` (the
 *    spec file now, else a version from the spec's history) through a template of `templates`
 *    with the recorded `template-sha256`. Provenance does not record the date, so `today` is
 *    tried as the date of `now` and as each date written in the edited plan; project settings
 *    (`vars`, name) must be what they were.
 *
 * A source that cannot be read (no git, not a repository) is skipped and said so in `tried`.
 *
 * @returns `{ found: true, content, source }` or `{ found: false, tried }`; the caller turns the
 *   latter into `SPECFORGE_REBASE_BASE_UNKNOWN`.
 *
 * @example
 * ```ts
 * const { content, provenance } = readProvenance(planText);
 * const base = await findPlanBase({ plan: '/repo/specs/042/plan.md', provenance: provenance!, project, edited: content, templates });
 * if (base.found) rebasePlan({ base: base.content, ours: content, theirs, provenance: next });
 * ```
 */
export async function findPlanBase(options: FindPlanBaseOptions): Promise<PlanBase> {
  const history = options.history ?? createGitFileHistory();
  const limit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const want = options.provenance.outputSha256;
  const planName = toProjectPath(options.project.root, options.plan);
  const tried: string[] = [];

  const listing = await history.revisions(options.plan, limit);
  if (listing.available) {
    for (const revision of listing.revisions) {
      const bytes = await history.read(options.plan, revision);
      if (!bytes) continue;
      const { content } = readProvenance(decodeUtf8(bytes).text);
      if (hashGeneratedText(content) === want)
        return { found: true, content, source: { kind: 'history', revision } };
    }
    const count = listing.revisions.length;
    tried.push(
      `the history of ${planName}: none of the ${count} version${count === 1 ? '' : 's'} read is the text as generated (output-sha256 ${short(want)})`,
    );
  } else {
    tried.push(`the history of ${planName}: ${listing.reason}`);
  }

  const rendered = await findByRendering(options, history, limit);
  if ('content' in rendered)
    return { found: true, content: rendered.content, source: rendered.source };
  tried.push(`re-rendering the recorded inputs: ${rendered.reason}`);
  return { found: false, tried };
}

type RenderOutcome = { content: string; source: PlanBaseSource } | { reason: string };

async function findByRendering(
  options: FindPlanBaseOptions,
  history: FileHistory,
  limit: number,
): Promise<RenderOutcome> {
  const { provenance, project } = options;
  const recorded = provenance.template;
  // The template recorded by name first: its identity (pack, version) is a template input too.
  const templates = (options.templates ?? [])
    .filter((template) => hashTemplate(template) === provenance.templateSha256)
    .sort(
      (a, b) =>
        Number(templateProvenanceId(b) === recorded) - Number(templateProvenanceId(a) === recorded),
    );
  if (templates.length === 0) {
    return {
      reason: `no template at hand has the recorded template-sha256 ${short(provenance.templateSha256)} (${recorded})`,
    };
  }

  const cwd = options.cwd ?? project.root;
  // The spec's name is a template input (`spec.file`): as the user names it now, and as recorded.
  const specArgs = uniqueBy(
    [
      ...(options.spec === undefined ? [] : [{ specArg: options.spec, cwd }]),
      { specArg: provenance.spec, cwd: project.root },
    ],
    (arg) => `${arg.specArg}\0${resolve(arg.cwd, arg.specArg)}`,
  );
  const spec = await findSpecBytes(
    options,
    specArgs.map((arg) => resolve(arg.cwd, arg.specArg)),
    history,
    limit,
  );
  if ('reason' in spec) return spec;

  const dates = candidateDates(options.now ?? new Date(), options.edited ?? '');
  let failure: string | undefined;
  for (const template of templates) {
    for (const { specArg, cwd: argCwd } of specArgs) {
      for (const today of dates) {
        let content: string;
        try {
          content = await renderPlanContent({
            specArg,
            cwd: argCwd,
            specBytes: spec.bytes,
            template,
            project,
            today,
            out: options.plan,
            environment: options.environment,
          });
        } catch (error) {
          failure ??= error instanceof Error ? error.message : String(error);
          continue;
        }
        if (hashGeneratedText(content) === provenance.outputSha256) {
          const source = {
            kind: 'render' as const,
            template: templateProvenanceId(template),
            today,
            specRevision: spec.revision,
          };
          return { content, source };
        }
      }
    }
  }
  const ids = [...new Set(templates.map(templateProvenanceId))].join(', ');
  return {
    reason: failure
      ? `rendering ${ids} failed (${failure.replace(/\.$/, '')})`
      : `${ids} on the recorded spec renders other text with today = ${dates.join(', ')} (the plan was generated on another date, or with other project settings)`,
  };
}

type SpecBytes = { bytes: Uint8Array; revision: string | undefined } | { reason: string };

// The spec's bytes with the recorded spec-sha256: the file as it is, else a version in its history.
async function findSpecBytes(
  options: FindPlanBaseOptions,
  paths: readonly string[],
  history: FileHistory,
  limit: number,
): Promise<SpecBytes> {
  const fs = options.fs ?? nodeFileSystem;
  const want = options.provenance.specSha256;
  const unique = [...new Set(paths)];
  for (const path of unique) {
    if ((await fs.kind(path)) !== 'file') continue;
    const bytes = await fs.readFile(path);
    if (sha256Hex(bytes) === want) return { bytes, revision: undefined };
  }
  const reasons: string[] = [];
  for (const path of unique) {
    const listing = await history.revisions(path, limit);
    if (!listing.available) {
      reasons.push(listing.reason);
      continue;
    }
    for (const revision of listing.revisions) {
      const bytes = await history.read(path, revision);
      if (bytes && sha256Hex(bytes) === want) return { bytes, revision };
    }
  }
  const where =
    reasons.length > 0
      ? `its history cannot be read (${[...new Set(reasons)].join('; ')})`
      : 'nor does a version in its history';
  return {
    reason: `the spec ${options.provenance.spec} no longer has the bytes the plan was generated from (spec-sha256 ${short(want)}), and ${where}`,
  };
}

// The date of `now`, then every date written in the edited plan, in order, at most MAX_DATES.
function candidateDates(now: Date, edited: string): string[] {
  const dates = [now.toISOString().slice(0, 10)];
  for (const match of edited.matchAll(/(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])/g)) {
    const date = match[1]!;
    if (dates.length >= MAX_DATES) break;
    const parsed = new Date(`${date}T12:00:00Z`);
    if (
      !Number.isNaN(parsed.getTime()) &&
      parsed.toISOString().slice(0, 10) === date &&
      !dates.includes(date)
    )
      dates.push(date);
  }
  return dates;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
