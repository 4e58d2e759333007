import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import { isDynamicPattern } from 'tinyglobby';
import { globProjectFiles } from '../workspace/find-specs.js';

/** The documents a folder is searched for: specs, plans and task lists. */
export const CHECKED_DOCUMENT_PATTERN = '**/{spec,plan,tasks}.md';

/**
 * Expands the paths given to `specforge check` into the documents to check: absolute paths,
 * sorted, each once. A file is taken as it is, a folder is searched for `spec.md`, `plan.md` and
 * `tasks.md` (skipping `node_modules`, dot folders and template packs, not following symbolic
 * links), and a glob
 * selects the files it matches. A path that names nothing is `SPECFORGE_CHECK_PATH_NOT_FOUND`.
 *
 * @example
 * ```ts
 * await findDocuments(['specs', 'docs/plans/*.md'], process.cwd());
 * ```
 */
export async function findDocuments(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    let files: string[];
    if (info?.isDirectory())
      files = await withoutPackFiles(
        await globProjectFiles(CHECKED_DOCUMENT_PATTERN, absolute),
        absolute,
      );
    else if (info) files = [absolute];
    else if (isDynamicPattern(path)) files = await globProjectFiles(path, cwd);
    else files = [];
    if (files.length === 0 && !info?.isDirectory()) {
      throw new SpecforgeError(
        'SPECFORGE_CHECK_PATH_NOT_FOUND',
        { path },
        { location: { file: path } },
      );
    }
    for (const file of files) found.add(file);
  }
  // Plain code-unit order: the same on every machine, whatever its locale.
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A folder search skips template packs: their `plan.md` or `spec.md` is a template or an
 * overlay, not a document. A pack is a folder whose `package.json` has a `specforge` field.
 */
async function withoutPackFiles(files: string[], root: string): Promise<string[]> {
  const isPack = new Map<string, Promise<boolean>>();
  const packDir = (dir: string): Promise<boolean> => {
    let answer = isPack.get(dir);
    if (!answer) {
      answer = readFile(join(dir, 'package.json'), 'utf8').then(
        (text) => {
          try {
            const manifest = JSON.parse(text) as { specforge?: unknown };
            return (
              typeof manifest === 'object' && manifest !== null && manifest.specforge !== undefined
            );
          } catch {
            return false;
          }
        },
        () => false,
      );
      isPack.set(dir, answer);
    }
    return answer;
  };
  const kept: string[] = [];
  for (const file of files) {
    let inPack = false;
    // Folders from the file's own up to the searched folder, which may itself be a pack.
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      if (await packDir(dir)) {
        inPack = true;
        break;
      }
      if (dir === root || dirname(dir) === dir) break;
    }
    if (!inPack) kept.push(file);
  }
  return kept;
}
