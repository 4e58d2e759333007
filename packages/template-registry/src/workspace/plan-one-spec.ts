import { dirname, isAbsolute, join, relative } from 'node:path';
import type { PlanChange, PlanStatus } from '@specforge/core';
import {
  applyPlanChange,
  type FileSystem,
  isSpecforgeError,
  type Project,
  planSpec,
  type RenderEnvironment,
  type SpecforgeError,
  type TemplateSource,
  templateProvenanceId,
} from '@specforge/core';

/** What {@link planOneSpec} plans: a spec, its project and the template it is planned with. */
export interface PlanJob {
  /** Absolute path of the spec. */
  spec: string;
  project: Project;
  template: TemplateSource;
}

/** How every spec of a run is planned. */
export interface PlanJobSettings {
  /** Directory relative spec names are made against (messages name specs as the user sees them). */
  cwd: string;
  now: Date;
  write: boolean;
  force: boolean;
  fs: FileSystem;
  environment: RenderEnvironment | undefined;
}

/** The outcome of one spec, without its project (which the caller already has). */
export type PlanJobResult =
  | {
      status: PlanStatus;
      output: string;
      template: string;
      change: PlanChange;
      written: boolean;
    }
  | { status: 'failed'; output: string; template: string; error: SpecforgeError };

/**
 * Plans one spec as `plan <spec>` would and, with `write`, writes the change. A coded error is a
 * `failed` result; any other error is a bug and is thrown.
 */
export async function planOneSpec(job: PlanJob, settings: PlanJobSettings): Promise<PlanJobResult> {
  const { template, project } = job;
  const base = {
    output: join(dirname(job.spec), template.meta.output),
    template: templateProvenanceId(template),
  };
  try {
    const change = await planSpec({
      spec: nameFor(job.spec, settings.cwd),
      template,
      cwd: settings.cwd,
      project,
      force: settings.force,
      now: settings.now,
      fs: settings.fs,
      environment: settings.environment,
    });
    const written =
      settings.write && !change.refusal ? await applyPlanChange(change, settings.fs) : false;
    return { ...base, output: change.output, status: change.status, change, written };
  } catch (error) {
    if (!isSpecforgeError(error)) throw error;
    return { ...base, status: 'failed', error };
  }
}

// Relative to cwd where possible: messages and locations name the spec as the user sees it.
function nameFor(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
