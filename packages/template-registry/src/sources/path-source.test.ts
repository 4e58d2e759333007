import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, manifest, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { resolveSource } from './resolve-source.js';
import { parseSourceSpec } from './source-spec.js';

afterEach(removeTempTrees);

const pack = (version: string) =>
  manifest({ name: '@acme/templates-team', version, specforge: { templates: {} } });

async function resolveIn(projectRoot: string, spec: string) {
  return resolveSource(parseSourceSpec(spec), {
    projectRoot,
    cacheDir: join(projectRoot, '.cache'),
  });
}

describe('resolveSource (path)', () => {
  it('finds the folder relative to the project root when the path is relative', async () => {
    const root = await writeTempTree({ 'packs/team/package.json': pack('1.2.0') });
    expect(await resolveIn(root, './packs/team')).toEqual({
      kind: 'path',
      dir: join(root, 'packs/team'),
      version: '1.2.0',
      source: 'path:packs/team',
    });
  });

  it('gives the same canonical source when the path is written another way', async () => {
    const root = await writeTempTree({ 'packs/team/package.json': pack('1.2.0') });
    const sources = await Promise.all(
      [
        'path:packs/team',
        './packs/team/',
        join(root, 'packs/team'),
        './packs/../packs/team@^1',
      ].map(async (spec) => (await resolveIn(root, spec)).source),
    );
    expect(new Set(sources)).toEqual(new Set(['path:packs/team']));
  });

  it('keeps the path relative when the folder is outside the project', async () => {
    const root = await writeTempTree({
      'shared/pack/package.json': pack('1.0.0'),
      'app/.keep': '',
    });
    expect((await resolveIn(join(root, 'app'), '../shared/pack')).source).toBe(
      'path:../shared/pack',
    );
  });

  it('writes the project root as "path:." when the pack is the project itself', async () => {
    const root = await writeTempTree({ 'package.json': pack('3.0.0') });
    expect((await resolveIn(root, '.')).source).toBe('path:.');
  });

  it('keeps an @ in the folder name readable when the folder name looks like a range', async () => {
    const root = await writeTempTree({ 'packs/v@1/package.json': pack('1.0.0') });
    const resolved = await resolveIn(root, './packs/v@1/');
    expect(resolved.source).toBe('path:packs/v@1/');
    expect((await resolveIn(root, resolved.source)).dir).toBe(resolved.dir);
  });

  it('checks the version when the path has a range', async () => {
    const root = await writeTempTree({ 'packs/team/package.json': pack('1.2.0') });
    expect((await resolveIn(root, './packs/team@~1.2')).version).toBe('1.2.0');
    expect(
      await failure(() => resolveIn(root, './packs/team@^2.0.0'), root),
    ).toMatchInlineSnapshot(`
      {
        "at": undefined,
        "code": "SPECFORGE_SOURCE_VERSION_MISMATCH",
        "hint": "Update the pack in <root>/packs/team to a version inside the range, or change the range.",
        "message": "The pack source ./packs/team@^2.0.0 resolved to version 1.2.0, which does not satisfy the range ^2.0.0.",
      }
    `);
  });

  it.each([
    ['./packs/missing', 'the folder <root>/packs/missing does not exist.'],
    ['./packs/file.md', '<root>/packs/file.md is a file, not a pack folder.'],
    ['./packs/empty', '<root>/packs/empty has no package.json, so it is not a template pack.'],
  ])('reports %s as not found when it is not a pack folder', async (spec, reason) => {
    const root = await writeTempTree({ 'packs/file.md': '# x\n', 'packs/empty/README.md': '' });
    expect(await failure(() => resolveIn(root, spec), root)).toMatchObject({
      code: 'SPECFORGE_SOURCE_NOT_FOUND',
      message: `The pack source ${spec} cannot be found: ${reason}`,
    });
  });
});
