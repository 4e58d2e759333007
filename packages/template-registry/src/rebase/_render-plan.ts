import { resolve } from 'node:path';
import {
  MemoryFileSystem,
  type Project,
  planSpec,
  type RenderEnvironment,
  readProvenance,
  type TemplateSource,
} from '@specforge/core';

/** What {@link renderPlanContent} renders: a spec's bytes through a template, on a given day. */
export interface RenderPlanContentOptions {
  /** The spec as it was named to `planSpec` (it is a template input: `spec.file`). */
  specArg: string;
  /** The folder `specArg` is relative to. */
  cwd: string;
  /** The spec's bytes (e.g. an earlier version from git). */
  specBytes: Uint8Array;
  template: TemplateSource;
  project: Project;
  /** `YYYY-MM-DD`, the date the template sees as `today`. */
  today: string;
  /** The plan file (absolute); only its name matters, nothing is read or written. */
  out: string;
  environment?: RenderEnvironment;
}

/**
 * The plan content (without provenance) that `planSpec` generates from these inputs. Renders
 * through `planSpec` itself, so the text is exactly what `specforge plan` would have written, on
 * a file system in memory that holds only the spec: nothing on disk is read or written.
 */
export async function renderPlanContent(options: RenderPlanContentOptions): Promise<string> {
  const fs = new MemoryFileSystem({ [resolve(options.cwd, options.specArg)]: options.specBytes });
  const change = await planSpec({
    spec: options.specArg,
    template: options.template,
    cwd: options.cwd,
    out: options.out,
    force: true,
    // Noon UTC: templates see the UTC date, and noon keeps it whatever the offset.
    now: new Date(`${options.today}T12:00:00Z`),
    fs,
    project: options.project,
    environment: options.environment,
  });
  return readProvenance(change.text).content;
}
