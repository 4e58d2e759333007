import { basename, dirname, join, resolve } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { assertDocumentSize } from '../fs/input-limits.js';
import { decodeUtf8 } from '../text/decode-utf8.js';
import { parseProjectConfig } from './load-config.js';
import type { Project } from './project.js';

/** Config file names, in the order they are looked for in each directory. */
export const CONFIG_FILE_NAMES = [
  'specforge.config.yaml',
  'specforge.config.yml',
  'specforge.config.json',
];

/** Options for {@link findProject}. */
export interface FindProjectOptions {
  /** Directory to start from; the search goes upward. */
  cwd: string;
  /** The file system to look in. */
  fs: FileSystem;
}

/**
 * Finds the project that `cwd` belongs to: the nearest directory upward holding a specforge
 * config file, else the nearest holding `.git`, else `cwd` itself. Paths recorded in generated
 * files are relative to this root, so they are the same wherever a command is run from.
 */
export async function findProject({ cwd, fs }: FindProjectOptions): Promise<Project> {
  const start = resolve(cwd);
  let gitRoot: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = join(dir, name);
      if ((await fs.kind(file)) === 'file') return loadProjectAt(dir, file, fs);
    }
    if (gitRoot === undefined && (await fs.kind(join(dir, '.git'))) !== undefined) gitRoot = dir;
    if (dirname(dir) === dir) break;
  }
  return loadProjectAt(gitRoot ?? start, undefined, fs);
}

async function loadProjectAt(
  root: string,
  configFile: string | undefined,
  fs: FileSystem,
): Promise<Project> {
  const bytes = configFile ? await fs.readFile(configFile) : undefined;
  if (bytes && configFile) assertDocumentSize(bytes.length, configFile);
  const config =
    bytes && configFile
      ? parseProjectConfig(decodeUtf8(bytes).text, configFile)
      : { vars: {}, plan: {}, spec: {}, tasks: {}, packs: [] };
  return {
    root,
    configFile,
    config,
    name: config.name ?? (await packageName(root, fs)) ?? basename(root),
  };
}

async function packageName(root: string, fs: FileSystem): Promise<string | undefined> {
  const file = join(root, 'package.json');
  if ((await fs.kind(file)) !== 'file') return undefined;
  try {
    const name = (JSON.parse(decodeUtf8(await fs.readFile(file)).text) as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    // Not ours to validate: a broken package.json only costs the project its name.
    return undefined;
  }
}
