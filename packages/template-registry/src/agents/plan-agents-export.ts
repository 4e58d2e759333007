import { isAbsolute, join, relative } from 'node:path';
import { decodeUtf8, type FileSystem, nodeFileSystem, SpecforgeError } from '@specforge/core';
import type { ProjectRegistry } from '../resolve/open-project-registry.js';
import { type AgentFormat, type AgentName, findAgentFormat } from './agent-formats.js';
import {
  AGENTS_MANIFEST_PATH,
  type AgentsManifest,
  emptyAgentsManifest,
  formatAgentsManifest,
  hashAgentFile,
  parseAgentsManifest,
} from './agents-manifest.js';
import { type AgentFile, renderAgentFiles } from './render-agent-file.js';
import type { WorkflowCommandName } from './workflow-commands.js';
import { readWorkflowTemplates } from './workflow-templates.js';

/**
 * What an export does to one file:
 * - `create`: nothing is there (a new command, or a file deleted since the last export);
 * - `update`: the file is as the last export wrote it, and the new text differs;
 * - `unchanged`: the file already holds the new text;
 * - `skip`: the file was edited since the last export (`reason: 'edited'`) or was not written by
 *   specforge (`'unmanaged'`), and differs: it is left alone;
 * - `overwrite`: the same, with `force`: it is replaced;
 * - `remove`: the last export wrote it, this one does not, and it was not edited: it is deleted;
 * - `forget`: the last export wrote it, this one does not, and it was edited (or lies outside
 *   the agent's folder): it is left alone and no longer tracked.
 */
export type AgentFileAction =
  | 'create'
  | 'update'
  | 'unchanged'
  | 'skip'
  | 'overwrite'
  | 'remove'
  | 'forget';

/** One file of an {@link AgentsExportPlan}. */
export interface AgentFileChange {
  /** Relative to the export root, with `/` separators. */
  path: string;
  /** The workflow command the file holds; `undefined` for files the export no longer writes. */
  command: WorkflowCommandName | undefined;
  /** What the export does to the file (see {@link AgentFileAction}). */
  action: AgentFileAction;
  /** For `skip`, `overwrite` and `forget`: why the file is not the export's to replace. */
  reason: 'edited' | 'unmanaged' | undefined;
  /** The text to write, for `create`, `update` and `overwrite`. */
  text: string | undefined;
}

/** What exporting one agent's commands would do: a change set, applied by {@link applyAgentsExport}. */
export interface AgentsExportPlan {
  /** The agent exported for. */
  agent: AgentName;
  /** The export root (absolute). */
  root: string;
  /** The agent's folder, relative to the root. */
  dir: string;
  /** The files, the exported ones in workflow order, then those the export no longer writes. */
  files: AgentFileChange[];
  /** The paths left alone because they were edited or not written by specforge (`skip`). */
  kept: string[];
  /** The manifest of the export root, {@link AGENTS_MANIFEST_PATH}, as the export leaves it. */
  manifest: {
    /** {@link AGENTS_MANIFEST_PATH}, relative to the root. */
    path: string;
    /** The new manifest text, or `undefined` when the manifest stays as it is. */
    text: string | undefined;
  };
}

/** Options for {@link planAgentFiles}. */
export interface PlanAgentFilesOptions {
  /** The export root (absolute): the agent's folder and the manifest go under it. */
  root: string;
  /** The agent's folder and file shape. */
  format: AgentFormat;
  /** The files to export, e.g. from {@link renderAgentFiles}. */
  files: readonly AgentFile[];
  /** Replace files that were edited since the last export or not written by specforge. */
  force?: boolean;
  /** Where to read the files and the manifest; the machine's file system by default. */
  fs?: FileSystem;
}

/** Options for {@link planAgentsExport}. */
export interface PlanAgentsExportOptions extends Omit<PlanAgentFilesOptions, 'format' | 'files'> {
  /** The project whose templates the commands describe. */
  registry: ProjectRegistry;
  /** The agent's name, one of {@link AGENT_NAMES}. */
  agent: string;
}

/**
 * Plans exporting the workflow commands (`plan`, `tasks`, `check`) of a project's templates for
 * one agent, in the agent's folder and format under `root`; writes nothing. Exporting again with
 * nothing changed plans only `unchanged` files, and files edited since the last export (told by
 * the hashes in {@link AGENTS_MANIFEST_PATH}) or not written by specforge are `skip`ped unless
 * `force` is set.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_AGENT_UNKNOWN` for an agent not in
 *   {@link AGENT_NAMES}; `SPECFORGE_AGENT_DIR_NOT_DIRECTORY` when `root` is a file;
 *   `SPECFORGE_AGENT_MANIFEST_INVALID`; `SPECFORGE_OUTPUT_IS_DIRECTORY` when a folder stands
 *   where a file goes; `SPECFORGE_TEMPLATE_NOT_FOUND` when the config names a template the project
 *   does not have.
 *
 * @example
 * ```ts
 * const registry = await openProjectRegistry({ cwd, cacheDir });
 * const plan = await planAgentsExport({ registry, agent: 'claude', root: registry.project.root });
 * await applyAgentsExport(plan);
 * plan.kept; // files left alone: edited since the last export
 * ```
 */
export async function planAgentsExport(
  options: PlanAgentsExportOptions,
): Promise<AgentsExportPlan> {
  const format = findAgentFormat(options.agent);
  const templates = await readWorkflowTemplates(options.registry);
  return planAgentFiles({ ...options, format, files: renderAgentFiles(format, templates) });
}

/**
 * Decides what happens to each file of an agent export, from the files on disk under `root` and
 * the manifest of the last export (see {@link AgentFileAction}); writes nothing.
 */
export async function planAgentFiles(options: PlanAgentFilesOptions): Promise<AgentsExportPlan> {
  const fs = options.fs ?? nodeFileSystem;
  const { root, format } = options;
  const rootKind = await fs.kind(root);
  if (rootKind !== undefined && rootKind !== 'directory')
    throw new SpecforgeError(
      'SPECFORGE_AGENT_DIR_NOT_DIRECTORY',
      { dir: root },
      { location: { file: root } },
    );

  const manifestFile = insideRoot(root, AGENTS_MANIFEST_PATH)!;
  const previousText = await readManifestText(manifestFile, fs);
  const manifest =
    previousText === undefined
      ? emptyAgentsManifest()
      : parseAgentsManifest(previousText, manifestFile);
  const recorded = manifest.agents[format.name] ?? {};
  const next: Record<string, string> = {};

  const changes: AgentFileChange[] = [];
  const exported = new Set<string>();
  for (const file of options.files) {
    const full = insideRoot(root, file.path);
    if (!full || !file.path.startsWith(`${format.dir}/`))
      throw new Error(`${file.path} is not inside ${format.dir}: the agent format table is wrong`);
    exported.add(file.path);
    const change = await planFile(file, full, recorded[file.path], options.force ?? false, fs);
    changes.push(change);
    // A skipped file keeps the hash of the last export, so it still reads as edited next time;
    // one that specforge never wrote stays untracked.
    const hash = change.action === 'skip' ? recorded[file.path] : hashAgentFile(file.text);
    if (hash !== undefined) next[file.path] = hash;
  }

  for (const path of Object.keys(recorded).sort()) {
    if (exported.has(path)) continue;
    const change = await planDropped(path, recorded[path]!, root, format, fs);
    if (change) changes.push(change);
  }

  const after: AgentsManifest = {
    ...manifest,
    agents: { ...manifest.agents, [format.name]: next },
  };
  const text = formatAgentsManifest(after);
  const empty = Object.values(after.agents).every((files) => Object.keys(files).length === 0);
  // No manifest is started for an export that recorded nothing.
  const write = previousText === undefined ? !empty : previousText !== text;
  return {
    agent: format.name,
    root,
    dir: format.dir,
    files: changes,
    kept: changes.filter((change) => change.action === 'skip').map((change) => change.path),
    manifest: { path: AGENTS_MANIFEST_PATH, text: write ? text : undefined },
  };
}

async function planFile(
  file: AgentFile,
  full: string,
  recorded: string | undefined,
  force: boolean,
  fs: FileSystem,
): Promise<AgentFileChange> {
  const change = (action: AgentFileAction, reason?: 'edited' | 'unmanaged'): AgentFileChange => ({
    path: file.path,
    command: file.command,
    action,
    reason,
    text:
      action === 'create' || action === 'update' || action === 'overwrite' ? file.text : undefined,
  });
  const onDisk = await readHash(full, fs);
  if (onDisk === undefined) return change('create');
  if (onDisk === hashAgentFile(file.text)) return change('unchanged');
  if (recorded !== undefined && onDisk === recorded) return change('update');
  const reason = recorded === undefined ? 'unmanaged' : 'edited';
  return change(force ? 'overwrite' : 'skip', reason);
}

/** A file the last export wrote and this one does not: removed when untouched, else forgotten. */
async function planDropped(
  path: string,
  recorded: string,
  root: string,
  format: AgentFormat,
  fs: FileSystem,
): Promise<AgentFileChange | undefined> {
  const change = (action: AgentFileAction, reason?: 'edited'): AgentFileChange => ({
    path,
    command: undefined,
    action,
    reason,
    text: undefined,
  });
  const full = insideRoot(root, path);
  // Only files in the agent's own folder are ever deleted, whatever the manifest says.
  if (!full || !path.startsWith(`${format.dir}/`)) return change('forget');
  const kind = await fs.kind(full);
  if (kind === undefined) return undefined;
  if (kind !== 'file') return change('forget');
  return (await readHash(full, fs)) === recorded ? change('remove') : change('forget', 'edited');
}

async function readHash(full: string, fs: FileSystem): Promise<string | undefined> {
  const kind = await fs.kind(full);
  if (kind === undefined) return undefined;
  if (kind !== 'file')
    throw new SpecforgeError(
      'SPECFORGE_OUTPUT_IS_DIRECTORY',
      { file: full },
      {
        location: { file: full },
        hint: 'The export writes a file there: move the folder away, then export again; nothing was written.',
      },
    );
  return hashAgentFile(decodeUtf8(await fs.readFile(full)).text);
}

async function readManifestText(file: string, fs: FileSystem): Promise<string | undefined> {
  const kind = await fs.kind(file);
  if (kind === undefined) return undefined;
  if (kind !== 'file')
    throw new SpecforgeError(
      'SPECFORGE_AGENT_MANIFEST_INVALID',
      { file, reason: 'it is not a file' },
      { location: { file } },
    );
  return decodeUtf8(await fs.readFile(file)).text;
}

/**
 * The absolute path of `path` (relative, `/` separators) under `root`, or `undefined` when it is
 * absolute or climbs out of `root`: the export writes nowhere else.
 */
export function insideRoot(root: string, path: string): string | undefined {
  const parts = path.split('/');
  const unsafe = (part: string) =>
    part === '' || part === '.' || part === '..' || part.includes('\\');
  if (isAbsolute(path) || parts.some(unsafe)) return undefined;
  const full = join(root, ...parts);
  const rel = relative(root, full);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : full;
}
