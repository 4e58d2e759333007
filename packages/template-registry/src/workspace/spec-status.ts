import { dirname, join } from 'node:path';
import {
  decodeUtf8,
  type FileSystem,
  hashTemplate,
  nodeFileSystem,
  type Project,
  type ProvenanceRead,
  parseTemplateProvenanceId,
  readProvenance,
  SpecforgeError,
  sha256Hex,
  type TemplateSource,
  templateProvenanceId,
  toProjectPath,
} from '@specforge/core';
import { loadTemplateFile } from '../template-file.js';
import { mapOrdered } from './_map-ordered.js';
import type { SpecWorkspace, WorkspaceProject, WorkspaceSpec } from './open-spec-workspace.js';
import { DEFAULT_WORKSPACE_CONCURRENCY } from './plan-workspace.js';

/** The task list looked for beside each spec. */
export const TASKS_FILE_NAME = 'tasks.md';

/**
 * Where a generated file stands:
 * - `missing`: there is no such file;
 * - `up-to-date`: made from the spec's current bytes with the template as it is now;
 * - `stale`: made by specforge, untouched since, but the spec or the template changed;
 * - `edited`: made by specforge, then edited by hand (`specforge plan` refuses it without --force);
 * - `unmanaged`: the file exists but carries no specforge provenance;
 * - `template-unknown`: the template its provenance names is not among the project's packs.
 */
export type GeneratedFileState =
  | 'missing'
  | 'up-to-date'
  | 'stale'
  | 'edited'
  | 'unmanaged'
  | 'template-unknown';

/** What changed since a file was generated. */
export type StaleReason = 'spec' | 'template' | 'both';

/** Where one generated file of a spec stands; see {@link GeneratedFileState}. */
export interface GeneratedFileStatus {
  /** Absolute path of the file. */
  file: string;
  /** Where the file stands; see {@link GeneratedFileState}. */
  state: GeneratedFileState;
  /**
   * What changed since the file was generated: set for `stale`, and for `edited` and
   * `template-unknown` files whose spec (or template) changed as well.
   */
  stale: StaleReason | undefined;
  /** `pack@version#id` from the file's provenance, when it has one. */
  template: string | undefined;
}

/** Where a spec's plan and task list stand. */
export interface SpecStatus {
  /** Absolute path of the spec. */
  spec: string;
  /** The project the spec belongs to. */
  project: Project;
  /** The output of the project's plan template (`plan.md`) beside the spec. */
  plan: GeneratedFileStatus;
  /** {@link TASKS_FILE_NAME} beside the spec. */
  tasks: GeneratedFileStatus;
}

/** What {@link judgeGeneratedFile} compares a file's provenance with. */
export interface JudgeGeneratedFileOptions {
  /** SHA-256 (hex) of the spec file's bytes as they are now. */
  specSha256: string;
  /** The spec's path relative to its project root, as provenance records it. */
  specPath: string;
  /**
   * The template the provenance names, as the project's packs have it now; `undefined` when
   * they have no such template.
   */
  template: TemplateSource | undefined;
}

/**
 * Decides where a generated file stands from its provenance (`undefined`: there is no file).
 * Pure: compares what the provenance recorded with the spec and template of today, the way
 * `planSpec` decides whether a plan is up to date.
 *
 * @example
 * ```ts
 * judgeGeneratedFile(readProvenance(planText), { specSha256, specPath: 'specs/a/spec.md', template });
 * // { state: 'stale', stale: 'spec', template: 'speckit@1.0.0#plan' }
 * ```
 */
export function judgeGeneratedFile(
  read: ProvenanceRead | undefined,
  options: JudgeGeneratedFileOptions,
): Omit<GeneratedFileStatus, 'file'> {
  if (!read) return { state: 'missing', stale: undefined, template: undefined };
  const { provenance } = read;
  if (!provenance) return { state: 'unmanaged', stale: undefined, template: undefined };
  const { template } = options;
  const specChanged =
    provenance.spec !== options.specPath || provenance.specSha256 !== options.specSha256;
  const templateChanged =
    template !== undefined &&
    (templateProvenanceId(template) !== provenance.template ||
      hashOf(template) !== provenance.templateSha256);
  const stale = staleReason(specChanged, templateChanged);
  let state: GeneratedFileState = stale ? 'stale' : 'up-to-date';
  if (!template) state = 'template-unknown';
  if (!read.pristine) state = 'edited';
  return { state, stale, template: provenance.template };
}

function staleReason(specChanged: boolean, templateChanged: boolean): StaleReason | undefined {
  if (specChanged && templateChanged) return 'both';
  if (specChanged) return 'spec';
  return templateChanged ? 'template' : undefined;
}

/** Options for {@link readWorkspaceStatus}. */
export interface ReadWorkspaceStatusOptions {
  /** Defaults to the machine's file system. */
  fs?: FileSystem;
  /** How many specs are read at once; results still come in order. Default: {@link DEFAULT_WORKSPACE_CONCURRENCY}. */
  concurrency?: number;
}

/**
 * Tells, for every spec of a workspace, where its plan and its task list stand (see
 * {@link GeneratedFileState}). Each file's template is the one its provenance names
 * (`pack@version#id`), looked up as `pack/id` in the spec's project, so a newer version of the
 * pack, or a team overlay changed since, makes the file stale. Reads only, and yields one
 * spec at a time, in the workspace's order.
 *
 * @example
 * ```ts
 * const workspace = await openSpecWorkspace({ specs: await findSpecs({ cwd }), cwd, cacheDir });
 * for await (const status of readWorkspaceStatus(workspace)) console.log(status.plan.state);
 * ```
 */
export async function* readWorkspaceStatus(
  workspace: SpecWorkspace,
  options: ReadWorkspaceStatusOptions = {},
): AsyncGenerator<SpecStatus, void, undefined> {
  const fs = options.fs ?? nodeFileSystem;
  const findTemplate = createTemplateLookup();
  const concurrency = options.concurrency ?? DEFAULT_WORKSPACE_CONCURRENCY;
  yield* mapOrdered(workspace.specs, concurrency, (spec) => readSpecStatus(spec, fs, findTemplate));
}

async function readSpecStatus(
  spec: WorkspaceSpec,
  fs: FileSystem,
  findTemplate: TemplateLookup,
): Promise<SpecStatus> {
  const { project } = spec.project.registry;
  const specSha256 = sha256Hex(await readSpecBytes(fs, spec.path));
  const specPath = toProjectPath(project.root, spec.path);
  const judge = async (file: string): Promise<GeneratedFileStatus> => {
    const text = await readTextIfAny(fs, file);
    const read = text === undefined ? undefined : readProvenance(text);
    const template = read?.provenance
      ? await findTemplate(spec.project, read.provenance.template)
      : undefined;
    return { file, ...judgeGeneratedFile(read, { specSha256, specPath, template }) };
  };
  const dir = dirname(spec.path);
  const [plan, tasks] = await Promise.all([
    judge(join(dir, spec.project.template.meta.output)),
    judge(join(dir, TASKS_FILE_NAME)),
  ]);
  return { spec: spec.path, project, plan, tasks };
}

type TemplateLookup = (
  project: WorkspaceProject,
  id: string,
) => Promise<TemplateSource | undefined>;

/** Finds the template a provenance names in a project, once per project and name. */
function createTemplateLookup(): TemplateLookup {
  const cache = new Map<string, Promise<TemplateSource | undefined>>();
  return (project, id) => {
    const root = project.registry.project.root;
    const key = `${root}\n${id}`;
    let found = cache.get(key);
    if (!found) {
      found = lookUpTemplate(project, id);
      cache.set(key, found);
    }
    return found;
  };
}

async function lookUpTemplate(
  project: WorkspaceProject,
  id: string,
): Promise<TemplateSource | undefined> {
  // `pack@version#id`; the version is the one the file was made with, not necessarily today's.
  const parsed = parseTemplateProvenanceId(id);
  if (!parsed) return undefined;
  const { pack, template: templateId } = parsed;
  if (pack.startsWith('file:')) {
    // A template file is named relative to where `plan` ran; the project root is the best guess.
    return loadTemplateFile(pack.slice('file:'.length), {
      cwd: project.registry.project.root,
    }).catch(() => undefined);
  }
  return project.registry.packs
    .find((candidate) => candidate.name === pack)
    ?.templates.get(templateId)?.template;
}

const templateHashes = new WeakMap<TemplateSource, string>();

// Hashing a template means serializing it: once per template, not once per file.
function hashOf(template: TemplateSource): string {
  let hash = templateHashes.get(template);
  if (hash === undefined) {
    hash = hashTemplate(template);
    templateHashes.set(template, hash);
  }
  return hash;
}

/** The file's text; `undefined` when nothing is there, empty when it is not a file (a folder). */
async function readTextIfAny(fs: FileSystem, file: string): Promise<string | undefined> {
  try {
    return decodeUtf8(await fs.readFile(file)).text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'EISDIR') return '';
    throw error;
  }
}

async function readSpecBytes(fs: FileSystem, path: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(path);
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new SpecforgeError(
      'SPECFORGE_SPEC_UNREADABLE',
      { file: path, reason },
      { location: { file: path }, cause },
    );
  }
}
