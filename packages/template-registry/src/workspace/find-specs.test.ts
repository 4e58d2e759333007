import { mkdir, symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { classifySpecPath, findSpecs } from './find-specs.js';

afterEach(removeTempTrees);

const spec = '# Feature Specification: x\n';

/** A project with specs in several places, some of which are never searched. */
const tree = {
  '.git/HEAD': 'ref',
  'specs/002-search/spec.md': spec,
  'specs/001-login/spec.md': spec,
  'specs/001-login/plan.md': '# Plan\n',
  'specs/003-notes/feature.md': spec,
  'specs/node_modules/pkg/spec.md': spec,
  'specs/.drafts/spec.md': spec,
  'apps/shop/specs/010-cart/spec.md': spec,
};

async function found(root: string, paths: string[] | undefined, cwd = root): Promise<string[]> {
  return (await findSpecs({ cwd, paths })).map((file) => relative(root, file));
}

describe('findSpecs', () => {
  it('plans specs/**/spec.md of the project when no path is given, from any folder inside it', async () => {
    const root = await writeTempTree(tree);
    const expected = ['specs/001-login/spec.md', 'specs/002-search/spec.md'];
    expect(await found(root, undefined)).toEqual(expected);
    expect(await found(root, [], join(root, 'specs/002-search'))).toEqual(expected);
  });

  it('searches a folder for spec.md files, skipping node_modules and dot folders', async () => {
    const root = await writeTempTree(tree);
    expect(await found(root, ['.'])).toEqual([
      'apps/shop/specs/010-cart/spec.md',
      'specs/001-login/spec.md',
      'specs/002-search/spec.md',
    ]);
  });

  it('takes a file as it is, whatever its name', async () => {
    const root = await writeTempTree(tree);
    expect(await found(root, ['specs/003-notes/feature.md'])).toEqual([
      'specs/003-notes/feature.md',
    ]);
  });

  it('expands globs from the current folder, and lists each spec once, sorted', async () => {
    const root = await writeTempTree(tree);
    const paths = [
      'specs/00[12]-*/spec.md',
      '**/010-*/spec.md',
      'specs/001-login',
      join(root, 'specs/001-login/spec.md'),
    ];
    expect(await found(root, paths)).toEqual([
      'apps/shop/specs/010-cart/spec.md',
      'specs/001-login/spec.md',
      'specs/002-search/spec.md',
    ]);
  });

  it('searches the folders a glob matches, as the shell would have expanded it', async () => {
    const root = await writeTempTree(tree);
    expect(await found(root, ['specs/*', 'apps/*/specs/01?-*'])).toEqual([
      'apps/shop/specs/010-cart/spec.md',
      'specs/001-login/spec.md',
      'specs/002-search/spec.md',
    ]);
  });

  it('does not follow symbolic links to folders while searching', async () => {
    const root = await writeTempTree(tree);
    await mkdir(join(root, 'links'));
    await symlink(join(root, 'specs'), join(root, 'links/specs'));
    await symlink(root, join(root, 'specs/loop'));
    expect(await found(root, ['.'])).toEqual([
      'apps/shop/specs/010-cart/spec.md',
      'specs/001-login/spec.md',
      'specs/002-search/spec.md',
    ]);
  });

  it('fails with the path as given when a plain path does not exist', async () => {
    const root = await writeTempTree(tree);
    expect(
      await failure(() =>
        findSpecs({ cwd: root, paths: ['specs/001-login/spec.md', 'specs/nope.md'] }),
      ),
    ).toEqual({
      code: 'SPECFORGE_SPEC_NOT_FOUND',
      message: 'The spec file specs/nope.md does not exist.',
      hint: 'Check the path; it is resolved from the current directory.',
      at: 'specs/nope.md',
    });
  });

  it.each([
    ['a glob that matches nothing', ['specs/*/missing.md'], 'specs/*/missing.md'],
    ['a folder without a spec.md', ['specs/003-notes'], 'specs/003-notes'],
  ])('fails with SPECFORGE_SPECS_NOT_FOUND for %s', async (_name, paths, shown) => {
    const root = await writeTempTree(tree);
    const error = await failure(() => findSpecs({ cwd: root, paths }));
    expect(error.code).toBe('SPECFORGE_SPECS_NOT_FOUND');
    expect(error.message).toBe(`No spec matches ${shown}; nothing was done.`);
    expect(error.at).toBe(shown);
  });

  it('fails with SPECFORGE_SPECS_NOT_FOUND when the project has no specs/**/spec.md', async () => {
    const root = await writeTempTree({ '.git/HEAD': 'ref', 'spec.md': spec });
    const error = await failure(() => findSpecs({ cwd: root }));
    expect(error).toMatchObject({
      message: 'No spec matches specs/**/spec.md; nothing was done.',
      at: undefined,
    });
  });
});

describe('classifySpecPath', () => {
  it('prefers what exists over reading the path as a glob', async () => {
    const root = await writeTempTree({ ...tree, '[id]/spec.md': spec });
    const kinds = await Promise.all(
      ['specs/001-login/spec.md', 'specs', '[id]', 'specs/*/spec.md', 'specs/none.md'].map((path) =>
        classifySpecPath(path, { cwd: root }),
      ),
    );
    expect(kinds).toEqual(['file', 'directory', 'directory', 'pattern', 'missing']);
  });
});
