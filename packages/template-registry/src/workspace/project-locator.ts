import { dirname, join, resolve } from 'node:path';
import {
  CONFIG_FILE_NAMES,
  type FileSystem,
  findProject,
  nodeFileSystem,
  type Project,
} from '@specforge/core';

/** Finds the project a directory belongs to; see {@link createProjectLocator}. */
export type ProjectLocator = (dir: string) => Promise<Project>;

/**
 * Returns a function that gives, for any directory, the same project as `findProject` from
 * `@specforge/core` (the nearest folder upward with a specforge config, else the nearest with
 * `.git`, else the directory itself), but looks at each folder only once and loads each project
 * once: ten thousand specs under one root cost one walk, not ten thousand.
 *
 * @example
 * ```ts
 * const locate = createProjectLocator();
 * const project = await locate('/repo/specs/001-login');
 * ```
 */
export function createProjectLocator(fs: FileSystem = nodeFileSystem): ProjectLocator {
  const nearestConfigDir = memoizedNearest(async (dir) => {
    for (const name of CONFIG_FILE_NAMES)
      if ((await fs.kind(join(dir, name))) === 'file') return true;
    return false;
  });
  const nearestGitDir = memoizedNearest(
    async (dir) => (await fs.kind(join(dir, '.git'))) !== undefined,
  );
  const projects = new Map<string, Promise<Project>>();

  return async (dir) => {
    const start = resolve(dir);
    const root = (await nearestConfigDir(start)) ?? (await nearestGitDir(start)) ?? start;
    let project = projects.get(root);
    if (!project) {
      // From its own root, findProject stops at once and reads the config a single time.
      project = findProject({ cwd: root, fs });
      projects.set(root, project);
    }
    return project;
  };
}

/** The nearest folder from `dir` upward for which `test` holds, remembered per folder. */
function memoizedNearest(
  test: (dir: string) => Promise<boolean>,
): (dir: string) => Promise<string | undefined> {
  const cache = new Map<string, Promise<string | undefined>>();
  const nearest = (dir: string): Promise<string | undefined> => {
    let answer = cache.get(dir);
    if (!answer) {
      answer = test(dir).then((hit) => {
        if (hit) return dir;
        const parent = dirname(dir);
        return parent === dir ? undefined : nearest(parent);
      });
      cache.set(dir, answer);
    }
    return answer;
  };
  return nearest;
}
