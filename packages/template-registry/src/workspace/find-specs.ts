import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findProject, nodeFileSystem, SpecforgeError } from '@specforge/core';

/** What a run with no paths plans: every spec under the project's `specs/` folder. */
export const DEFAULT_SPEC_PATTERN = 'specs/**/spec.md';

/**
 * The glob library, loaded when a search runs: a command given spec files by name (`specforge
 * plan spec.md`) never needs it, and it weighs as much as the rest of the search code.
 */
const loadGlob = () => import('tinyglobby');

/** The pattern a folder argument is searched with. */
const SPEC_IN_FOLDER_PATTERN = '**/spec.md';

/**
 * How every search runs: installed packages are skipped (dot folders are, by the glob itself),
 * and symbolic links are not followed, so that a link back up the tree cannot list specs twice.
 */
const SEARCH = { ignore: ['**/node_modules/**'], followSymbolicLinks: false } as const;

/**
 * How {@link findSpecs} reads one path argument:
 * - `file`: an existing file, taken as a spec whatever its name;
 * - `directory`: an existing folder, searched for `spec.md` files;
 * - `pattern`: a glob (`specs/*\/spec.md`, `specs/00*`) that names no existing path;
 * - `missing`: neither: nothing exists there.
 */
export type SpecPathKind = 'file' | 'directory' | 'pattern' | 'missing';

/** Options for {@link findSpecs}. */
export interface FindSpecsOptions {
  /** Directory that relative paths and patterns are resolved against. */
  cwd: string;
  /**
   * Spec files, folders or glob patterns. Empty or left out: {@link DEFAULT_SPEC_PATTERN} from
   * the root of the project around `cwd`.
   */
  paths?: readonly string[];
}

/**
 * Tells how {@link findSpecs} reads `path`. An existing path wins over a glob reading, so that
 * a folder literally named `[id]` is still that folder.
 *
 * @example
 * ```ts
 * await classifySpecPath('specs/001-login/spec.md', { cwd }); // 'file'
 * await classifySpecPath('specs/*\/spec.md', { cwd });        // 'pattern'
 * ```
 */
export async function classifySpecPath(
  path: string,
  options: { cwd: string },
): Promise<SpecPathKind> {
  const info = await stat(resolve(options.cwd, path)).catch(() => undefined);
  if (info) return info.isDirectory() ? 'directory' : 'file';
  const { isDynamicPattern } = await loadGlob();
  return isDynamicPattern(path) ? 'pattern' : 'missing';
}

/**
 * Expands spec paths into the spec files they name: absolute paths, sorted, each once. A file is
 * taken as it is, a folder is searched for `spec.md` files, and a glob selects the files it
 * matches and searches the folders it matches, as if the shell had expanded it; `node_modules`
 * and folders whose name starts with a dot are never searched.
 *
 * Fails before anything is planned when a path names nothing: `SPECFORGE_SPEC_NOT_FOUND` for a
 * plain path that does not exist, `SPECFORGE_SPECS_NOT_FOUND` for a folder or glob without a
 * spec (and for a project without `specs/**\/spec.md`, when no path is given).
 *
 * @example
 * ```ts
 * await findSpecs({ cwd });                                          // specs/**\/spec.md of the project
 * await findSpecs({ cwd, paths: ['specs/001-login', 'apps/*\/specs/**\/spec.md'] });
 * ```
 */
export async function findSpecs(options: FindSpecsOptions): Promise<string[]> {
  const { cwd } = options;
  const found = new Set<string>();
  if (!options.paths?.length) {
    const { root } = await findProject({ cwd, fs: nodeFileSystem });
    for (const file of await globSpecs(DEFAULT_SPEC_PATTERN, root)) found.add(file);
  }
  for (const path of options.paths ?? []) {
    for (const file of await expandSpecPath(path, cwd)) found.add(file);
  }
  // Plain code-unit order: the same on every machine, whatever its locale.
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function expandSpecPath(path: string, cwd: string): Promise<string[]> {
  switch (await classifySpecPath(path, { cwd })) {
    case 'file':
      return [resolve(cwd, path)];
    case 'directory':
      return globSpecs(SPEC_IN_FOLDER_PATTERN, resolve(cwd, path), path);
    case 'pattern':
      return expandPattern(path, cwd);
    default:
      throw new SpecforgeError(
        'SPECFORGE_SPEC_NOT_FOUND',
        { file: path },
        { location: { file: path } },
      );
  }
}

// A quoted glob means what the shell would have expanded it to: `specs/00*` names folders,
// each searched for its spec.md, just as the unquoted words would be.
async function expandPattern(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await loadGlob();
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    onlyFiles: false,
    expandDirectories: false,
    ...SEARCH,
  });
  const files: string[] = [];
  for (const match of matches) {
    if (match.endsWith('/'))
      files.push(
        ...(await glob(SPEC_IN_FOLDER_PATTERN, { cwd: match, absolute: true, ...SEARCH })),
      );
    else files.push(match);
  }
  if (files.length === 0) throw notFound(pattern);
  return files.map((file) => resolve(file));
}

/** The files `pattern` matches under `cwd`; `asGiven` is the user's argument, if there is one. */
async function globSpecs(pattern: string, cwd: string, asGiven?: string): Promise<string[]> {
  const files = await globProjectFiles(pattern, cwd);
  if (files.length === 0) throw notFound(asGiven);
  return files;
}

/**
 * The files `pattern` matches under `cwd`, as absolute paths, searched the way every specforge
 * command searches a project (see `SEARCH`): no `node_modules`, no dot folders, no symbolic links.
 */
export async function globProjectFiles(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await loadGlob();
  const files = await glob(pattern, { cwd, absolute: true, ...SEARCH });
  return files.map((file) => resolve(file));
}

function notFound(asGiven: string | undefined): SpecforgeError {
  const location = asGiven === undefined ? undefined : { file: asGiven };
  return new SpecforgeError(
    'SPECFORGE_SPECS_NOT_FOUND',
    { path: asGiven ?? DEFAULT_SPEC_PATTERN },
    { location },
  );
}
