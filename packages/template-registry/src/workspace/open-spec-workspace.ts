import { dirname, resolve } from 'node:path';
import {
  type FileSystem,
  isSpecforgeError,
  nodeFileSystem,
  type TemplateSource,
} from '@specforge/core';
import { findResolvedTemplate } from '../resolve/find-resolved-template.js';
import { openProjectRegistry, type ProjectRegistry } from '../resolve/open-project-registry.js';
import { isTemplateFileRef, loadTemplateFile } from '../template-file.js';
import { createProjectLocator } from './project-locator.js';

/** The template a spec is planned with when neither the caller nor the project config names one. */
export const DEFAULT_PLAN_TEMPLATE = 'speckit/plan';

/** Options for {@link openSpecWorkspace}. */
export interface OpenSpecWorkspaceOptions {
  /** The spec files, absolute or relative to `cwd` (e.g. from {@link findSpecs}). */
  specs: readonly string[];
  /** Directory that relative paths (specs, a template file) are resolved against. */
  cwd: string;
  /** Where git sources are cloned. */
  cacheDir: string;
  /**
   * The template for every spec: `<pack>/<template>`, or a template file relative to `cwd`.
   * Default: each project's `plan.template` (a file path there is relative to the project
   * root), else {@link DEFAULT_PLAN_TEMPLATE}.
   */
  template?: string;
  /** Fail with `SPECFORGE_LOCK_MISMATCH` when a project's packs no longer match its lock. */
  frozen?: boolean;
  /** Use only what is on disk or in the cache (no network). */
  offline?: boolean;
  /** The file system projects are found through; Node's by default. */
  fs?: FileSystem;
}

/** One project of a {@link SpecWorkspace}: its packs, resolved once for all of its specs. */
export interface WorkspaceProject {
  /** The project with its resolved packs and lock (nothing written yet). */
  registry: ProjectRegistry;
  /** The template its specs are planned with. */
  template: TemplateSource;
}

/** One spec of a {@link SpecWorkspace} and the project it belongs to. */
export interface WorkspaceSpec {
  /** Absolute path of the spec file. */
  path: string;
  /** The project the spec belongs to, shared with its other specs. */
  project: WorkspaceProject;
}

/** Specs grouped by project, every project's packs and template resolved: ready to plan. */
export interface SpecWorkspace {
  /** The `cwd` the workspace was opened with: relative spec paths resolved against it. */
  cwd: string;
  /** The specs, in the order given. */
  specs: WorkspaceSpec[];
  /** Each project once, in the order of its first spec. */
  projects: WorkspaceProject[];
}

/**
 * Prepares many specs for planning or a status report: finds each spec's project (specs in a
 * package with its own config belong to that package), resolves each project's packs once, and
 * the template its specs use. Writes nothing (save the locks with `writeProjectLock`).
 *
 * Everything that concerns a whole project fails here, before any spec is planned: an invalid
 * config, a lock mismatch with `frozen`, an unknown template.
 *
 * @example
 * ```ts
 * const specs = await findSpecs({ cwd });
 * const workspace = await openSpecWorkspace({ specs, cwd, cacheDir });
 * for await (const result of planWorkspace(workspace, { write: true })) console.log(result.status);
 * ```
 */
export async function openSpecWorkspace(options: OpenSpecWorkspaceOptions): Promise<SpecWorkspace> {
  const { cwd } = options;
  const fs = options.fs ?? nodeFileSystem;
  const locate = createProjectLocator(fs);
  // A template file named by the caller is the same file for every project: read it once.
  const callerTemplate =
    options.template !== undefined && isTemplateFileRef(options.template)
      ? await loadTemplateFile(options.template, { cwd })
      : undefined;
  const byRoot = new Map<string, WorkspaceProject>();
  const specs: WorkspaceSpec[] = [];
  for (const spec of options.specs) {
    const path = resolve(cwd, spec);
    const project = await locate(dirname(path));
    let entry = byRoot.get(project.root);
    if (!entry) {
      const registry = await openProjectRegistry({
        cwd: project.root,
        cacheDir: options.cacheDir,
        frozen: options.frozen,
        offline: options.offline,
        fs,
      });
      entry = {
        registry,
        template: callerTemplate ?? (await projectTemplate(registry, options.template)),
      };
      byRoot.set(project.root, entry);
    }
    specs.push({ path, project: entry });
  }
  return { cwd, specs, projects: [...byRoot.values()] };
}

async function projectTemplate(
  registry: ProjectRegistry,
  callerRef: string | undefined,
): Promise<TemplateSource> {
  const { project } = registry;
  const configRef = project.config.plan.template;
  const ref = callerRef ?? configRef ?? DEFAULT_PLAN_TEMPLATE;
  try {
    return isTemplateFileRef(ref)
      ? await loadTemplateFile(ref, { cwd: project.root })
      : findResolvedTemplate(registry.packs, ref).template;
  } catch (error) {
    // A template the config names is the config's problem: point there.
    const fromConfig = callerRef === undefined && configRef !== undefined;
    if (fromConfig && project.configFile && isSpecforgeError(error))
      throw error.locatedAt({ file: project.configFile });
    throw error;
  }
}
