import { type FileSystem, findProject, MemoryFileSystem } from '@specforge/core';
import { describe, expect, it } from 'vitest';
import { createProjectLocator } from './project-locator.js';

const files = {
  '/mono/.git/HEAD': 'ref',
  '/mono/specforge.config.yaml': 'name: Mono\n',
  '/mono/specs/001/spec.md': '# a',
  '/mono/packages/shop/specforge.config.yaml': 'name: Shop\n',
  '/mono/packages/shop/specs/002/spec.md': '# b',
  '/mono/packages/shop/vendor/.git/HEAD': 'ref',
  '/solo/.git/HEAD': 'ref',
  '/solo/specs/003/spec.md': '# c',
  '/loose/specs/004/spec.md': '# d',
};

const dirs = [
  '/mono/specs/001',
  '/mono/packages/shop/specs/002',
  '/mono/packages/shop/vendor',
  '/solo/specs/003',
  '/loose/specs/004',
];

/** A file system that counts how often each path is looked at. */
function counting(fs: FileSystem): { fs: FileSystem; looks: Map<string, number> } {
  const looks = new Map<string, number>();
  return {
    looks,
    fs: {
      readFile: (path) => fs.readFile(path),
      mkdirp: (path) => fs.mkdirp(path),
      writeFileAtomic: (path, data) => fs.writeFileAtomic(path, data),
      writeFilesAtomic: (changes) => fs.writeFilesAtomic(changes),
      kind: (path) => {
        looks.set(path, (looks.get(path) ?? 0) + 1);
        return fs.kind(path);
      },
    },
  };
}

describe('createProjectLocator', () => {
  it('finds the same project as findProject for every folder', async () => {
    const fs = new MemoryFileSystem(files);
    const locate = createProjectLocator(fs);
    for (const dir of dirs) expect(await locate(dir)).toEqual(await findProject({ cwd: dir, fs }));
  });

  it('looks at each path once and loads each project once, however many folders share it', async () => {
    const specs = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`/mono/specs/${i}/spec.md`, '# x']),
    );
    const { fs, looks } = counting(new MemoryFileSystem({ ...files, ...specs }));
    const locate = createProjectLocator(fs);
    const projects = await Promise.all(
      Array.from({ length: 50 }, (_, i) => locate(`/mono/specs/${i}`)),
    );
    expect(new Set(projects).size).toBe(1);
    expect(projects[0]?.name).toBe('Mono');
    // The config is looked at twice: by the locator, and by findProject loading the project.
    expect(Math.max(...looks.values())).toBeLessThanOrEqual(2);
  });
});
