import { basename, join, relative, sep } from 'node:path';
import {
  addPackToConfig,
  buildTemplateInputs,
  createRenderEnvironment,
  type FileSystem,
  nodeFileSystem,
  parseSpec,
  type Project,
  SpecforgeError,
} from '@specforge/core';
import { parse as parseYaml } from 'yaml';
import { planFork } from '../fork/plan-fork.js';
import { packNamePattern } from '../pack-manifest.js';
import { findResolvedTemplate } from '../resolve/find-resolved-template.js';
import { resolveRegistry } from '../resolve/resolve-registry.js';

/** Options for {@link planInit}. */
export interface PlanInitOptions {
  /** The folder to set up (absolute). */
  root: string;
  /** The project's name (default: the folder's name). */
  name?: string;
  /** The team pack's short name (default: `team`). */
  pack?: string;
  /** Where git sources would be cached (only the built-in packs are resolved here). */
  cacheDir: string;
  /** The clock the example spec's date comes from. */
  now?: Date;
  /** The file system to look at the folder through; Node's by default. */
  fs?: FileSystem;
}

/** One file {@link planInit} would write, with its absolute path. */
export interface InitFile {
  /** The file's absolute path. */
  path: string;
  /** The file's full text. */
  content: string;
}

/** What `specforge init` would write. */
export interface InitPlan {
  /** The project's name, written to `specforge.config.yaml`. */
  name: string;
  /** The team pack's short name. */
  pack: string;
  /** The team pack's folder (absolute); inside a pnpm workspace's package folders when there is one. */
  packDir: string;
  /** True when the pack is placed as a workspace package. */
  workspacePackage: boolean;
  /** Every file to write: the pack's files, the config and the example spec. */
  files: InitFile[];
}

/**
 * Plans setting up specforge in a folder: `specforge.config.yaml` naming the project, a team pack
 * that extends the built-in `speckit` pack (an empty overlay of its plan, to edit), and an example
 * spec rendered from the team's spec template. Inside a pnpm workspace the pack goes where the
 * workspace's first `<dir>/*` package glob points, so it is a workspace package of its own.
 * Refuses, writing nothing, when any of these files exists.
 */
export async function planInit(options: PlanInitOptions): Promise<InitPlan> {
  const fs = options.fs ?? nodeFileSystem;
  const name = options.name ?? basename(options.root);
  const packName = options.pack ?? 'team';
  // A fork also takes npm package names; the team pack of init is named by its short name only.
  if (!packNamePattern.test(packName)) {
    throw new SpecforgeError('SPECFORGE_USAGE', {
      reason: `"${packName}" is not a pack name; use lower-case letters and digits, with "-", "_" or "." inside, e.g. team.`,
    });
  }
  const workspaceDir = await workspacePackagesDir(options.root, fs);
  const packDir = workspaceDir
    ? join(options.root, workspaceDir, `${packName}-templates`)
    : join(options.root, 'packs', packName);

  const { packs } = await resolveRegistry({ projectRoot: options.root, packs: [], cacheDir: options.cacheDir });
  const fork = planFork({ packs, from: 'speckit/plan', as: packName, dir: packDir });
  const files: InitFile[] = fork.files.map((file) => ({ path: join(packDir, ...file.path.split('/')), content: file.content }));

  const source = `./${relative(options.root, packDir).split(sep).join('/')}`;
  const config = addPackToConfig(`name: ${JSON.stringify(name)}\nplan:\n  template: ${packName}/plan\n`, source);
  files.push({ path: join(options.root, 'specforge.config.yaml'), content: `# specforge settings: see docs/configuration.md\n${config}` });

  // The example spec is the team's own spec template, rendered for an empty spec.
  const specTemplate = findResolvedTemplate(packs, 'speckit/spec').template;
  const project: Project = { root: options.root, name, configFile: undefined, config: { vars: {}, plan: {}, spec: {}, tasks: {}, packs: [source] } };
  const inputs = buildTemplateInputs({ specText: '', spec: parseSpec(''), project, template: specTemplate, now: options.now ?? new Date() });
  files.push({
    path: join(options.root, 'specs', '001-example', 'spec.md'),
    content: createRenderEnvironment().render(specTemplate, inputs),
  });

  const existing: string[] = [];
  for (const file of files) if ((await fs.kind(file.path)) !== undefined) existing.push(file.path);
  if (existing.length > 0) {
    const shown = relative(options.root, existing[0]!).split(sep).join('/');
    throw new SpecforgeError('SPECFORGE_FILE_EXISTS', { file: shown }, {
      location: { file: existing[0]! },
      hint: `specforge init never overwrites: ${existing.length} of the files it writes exist already. Run it in a folder without them, or pass --pack with another name.`,
    });
  }
  return { name, pack: packName, packDir, workspacePackage: workspaceDir !== undefined, files };
}

/** Writes an {@link InitPlan}: every file in one atomic change, parent folders created. */
export async function applyInit(plan: InitPlan, fs: FileSystem = nodeFileSystem): Promise<string[]> {
  // One change: a crash leaves the project as it was or fully set up.
  await fs.writeFilesAtomic(plan.files.map((file) => ({ path: file.path, data: file.content })));
  return plan.files.map((file) => file.path);
}

// The folder of the first `<dir>/*` glob in pnpm-workspace.yaml, if the root is a pnpm workspace.
async function workspacePackagesDir(root: string, fs: FileSystem): Promise<string | undefined> {
  const file = join(root, 'pnpm-workspace.yaml');
  if ((await fs.kind(file)) !== 'file') return undefined;
  let data: unknown;
  try {
    data = parseYaml(new TextDecoder().decode(await fs.readFile(file)), { maxAliasCount: 10 });
  } catch {
    return undefined;
  }
  const globs = (data as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(globs)) return undefined;
  for (const glob of globs) {
    const match = typeof glob === 'string' ? /^([A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*)\/\*$/.exec(glob) : null;
    if (match) return match[1];
  }
  return undefined;
}
