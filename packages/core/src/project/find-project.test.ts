import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { findProject } from './find-project.js';

describe('findProject', () => {
  it('takes the nearest directory with a config file as the root', async () => {
    const fs = new MemoryFileSystem({
      '/repo/.git/HEAD': 'ref',
      '/repo/apps/shop/specforge.config.yaml': 'name: Shop\nvars:\n  owner: a\n',
      '/repo/apps/shop/specs/1/spec.md': '# x',
    });
    expect(await findProject({ cwd: '/repo/apps/shop/specs/1', fs })).toEqual({
      root: '/repo/apps/shop',
      name: 'Shop',
      configFile: '/repo/apps/shop/specforge.config.yaml',
      config: { name: 'Shop', vars: { owner: 'a' }, plan: {}, spec: {}, tasks: {}, packs: [] },
    });
  });

  it('falls back to the git root and the package name', async () => {
    const fs = new MemoryFileSystem({
      '/repo/.git/HEAD': 'ref',
      '/repo/package.json': '{"name":"@acme/repo"}',
      '/repo/a/b.md': 'x',
    });
    expect(await findProject({ cwd: '/repo/a', fs })).toMatchObject({
      root: '/repo',
      name: '@acme/repo',
      configFile: undefined,
    });
  });

  it('uses the starting directory and its name when there is neither config nor git', async () => {
    const fs = new MemoryFileSystem({
      '/work/notes/spec.md': 'x',
      '/work/notes/package.json': '{ broken',
    });
    expect(await findProject({ cwd: '/work/notes', fs })).toMatchObject({
      root: '/work/notes',
      name: 'notes',
    });
  });

  it('prefers the config file over a nearer git root', async () => {
    const fs = new MemoryFileSystem({
      '/mono/specforge.config.json': '{"name":"Mono"}',
      '/mono/pkg/.git/HEAD': 'x',
    });
    expect(await findProject({ cwd: '/mono/pkg', fs })).toMatchObject({
      root: '/mono',
      name: 'Mono',
    });
  });
});
