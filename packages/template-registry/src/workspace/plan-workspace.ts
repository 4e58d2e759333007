import {
  type FileSystem,
  nodeFileSystem,
  type PlanChange,
  type PlanStatus,
  type Project,
  type RenderEnvironment,
  type SpecforgeError,
} from '@specforge/core';
import { windowFor } from '../threads/window-for.js';
import { mapOrdered } from './_map-ordered.js';
import type { SpecWorkspace, WorkspaceSpec } from './open-spec-workspace.js';
import { type PlanJobResult, type PlanJobSettings, planOneSpec } from './plan-one-spec.js';
import { type PlanThreads, startPlanThreads } from './plan-threads.js';

/** Specs worked on at once by default: enough to keep the disk busy, few enough to stay small. */
export const DEFAULT_WORKSPACE_CONCURRENCY = 16;

/** Options for {@link planWorkspace}. */
export interface PlanWorkspaceOptions {
  /** Write each `create` or `update` as soon as it is planned. Default: plan only, write nothing. */
  write?: boolean;
  /** Re-render and replace outputs even when up to date, edited by hand or not made by specforge. */
  force?: boolean;
  /** The clock templates see as `today`. Defaults to now. */
  now?: Date;
  /** Defaults to the machine's file system. */
  fs?: FileSystem;
  /** How many specs are planned at once; results still come in order. Default: {@link DEFAULT_WORKSPACE_CONCURRENCY}. */
  concurrency?: number;
  /** The environment templates render in (e.g. one with a compile cache); default: planSpec's own. */
  environment?: RenderEnvironment;
  /**
   * Plan on this many worker threads besides this one, which plans too (e.g.
   * {@link recommendedThreads}); 0 or none: in this thread only. Threads use Node's file system
   * (`fs` must be left out) and an environment of their own, with
   * {@link PlanWorkspaceOptions.compileCacheDir} as its compile cache.
   */
  threads?: number;
  /**
   * The script threads run: by default this package's `threads/thread.js`. A bundle that holds this
   * package names its own copy of that module.
   */
  threadScript?: string | URL;
  /** With threads: the folder of compiled templates they share (see `createTemplateCompileCache`). */
  compileCacheDir?: string;
}

/** What every {@link WorkspacePlanResult} says. */
interface WorkspacePlanResultBase {
  /** Absolute path of the spec. */
  spec: string;
  /** The project the spec belongs to. */
  project: Project;
  /** Absolute path of the output file (where it would be, for a spec that failed). */
  output: string;
  /** `pack@version#id` of the template. */
  template: string;
}

/** A spec that was planned: its change, and whether it was written. */
export interface PlannedSpec extends WorkspacePlanResultBase {
  /** What `planSpec` (in `@specforge/core`) decided for the output; see {@link PlanStatus}. */
  status: PlanStatus;
  /** The planned change; holds the whole text, so keep it no longer than needed. */
  change: PlanChange;
  /** True when the output file was (re)written. */
  written: boolean;
}

/** A spec that could not be planned or written (bad front matter, a template error …). */
export interface FailedSpec extends WorkspacePlanResultBase {
  /** The spec could not be planned or written. */
  status: 'failed';
  /** Why: the coded error, with its message, hint and location. */
  error: SpecforgeError;
}

/** The outcome for one spec of {@link planWorkspace}. */
export type WorkspacePlanResult = PlannedSpec | FailedSpec;

/**
 * Plans every spec of a workspace with the same rules as `planSpec` for one: the project's
 * template, provenance deciding between create, update and up to date, plans edited by hand
 * (or not made by specforge) refused unless `force`. With `write`, each change is written as
 * soon as it is planned.
 *
 * Results come one spec at a time, in the workspace's order, so that a caller can report
 * progress; a few specs are planned ahead, and memory stays flat however many there are. A spec that fails with a coded
 * error is a `failed` result and the others go on; any other error is a bug and ends the run.
 * Locks are not written: save them with `writeProjectLock` once the run is over.
 *
 * @example
 * ```ts
 * const workspace = await openSpecWorkspace({ specs: await findSpecs({ cwd }), cwd, cacheDir });
 * for await (const result of planWorkspace(workspace, { write: true })) {
 *   console.log(result.status, result.output);
 * }
 * ```
 */
export async function* planWorkspace(
  workspace: SpecWorkspace,
  options: PlanWorkspaceOptions = {},
): AsyncGenerator<WorkspacePlanResult, void, undefined> {
  const settings: PlanJobSettings = {
    cwd: workspace.cwd,
    now: options.now ?? new Date(),
    write: Boolean(options.write),
    force: Boolean(options.force),
    fs: options.fs ?? nodeFileSystem,
    environment: options.environment,
  };
  const count = options.threads ?? 0;
  if (count > 0 && options.fs) {
    throw new TypeError('planWorkspace: threads use the machine file system; leave out `fs`.');
  }
  const threads: PlanThreads | undefined =
    count > 0
      ? startPlanThreads({
          count,
          script: options.threadScript ?? new URL('../threads/thread.js', import.meta.url),
          settings: {
            cwd: settings.cwd,
            now: settings.now.getTime(),
            write: settings.write,
            force: settings.force,
            compileCacheDir: options.compileCacheDir,
          },
          local: settings,
        })
      : undefined;
  const concurrency = windowFor(options.concurrency ?? DEFAULT_WORKSPACE_CONCURRENCY, count);
  const planOne = async (spec: WorkspaceSpec): Promise<WorkspacePlanResult> => {
    const result: PlanJobResult = threads
      ? await threads.plan(spec)
      : await planOneSpec(
          {
            spec: spec.path,
            project: spec.project.registry.project,
            template: spec.project.template,
          },
          settings,
        );
    return { spec: spec.path, project: spec.project.registry.project, ...result };
  };
  try {
    yield* mapOrdered(workspace.specs, concurrency, planOne);
  } finally {
    await threads?.close();
  }
}
