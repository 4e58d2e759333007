import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { realpathInPack, relativeToPack } from './pack-paths.js';
import { fuzzParameters } from './test-utils/fuzz.js';
import { removeTempTrees, writeTempTree } from './test-utils/temp-tree.js';

const segment = fc.constantFrom('a', 'b', '.', '..', '', 'plan.md', '..plan', 'x y');
const path = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 4 }))
  .map(([absolute, parts]) => `${absolute ? '/' : ''}${parts.join('/')}`);

describe('relativeToPack', () => {
  it('is path.relative', () => {
    fc.assert(
      fc.property(path, path, (dir, file) => {
        expect(relativeToPack(dir, file)).toBe(relative(dir, file));
        expect(relativeToPack(dir, join(dir, file))).toBe(relative(dir, join(dir, file)));
      }),
      fuzzParameters(500),
    );
  });
});

describe('realpathInPack', () => {
  afterEach(removeTempTrees);

  it('is realpath for plain files, links, folders, nested and missing paths', async () => {
    const root = await writeTempTree({
      'outside.md': 'x',
      'pack/plan.md': 'x',
      'pack/sub/tasks.md': 'x',
    });
    const dir = join(root, 'pack');
    symlinkSync(join(root, 'outside.md'), join(dir, 'link.md'));
    symlinkSync(dir, join(root, 'linked-pack'));
    mkdirSync(join(root, 'other'));
    for (const packDir of [dir, join(root, 'other', '..', 'pack'), join(root, 'linked-pack')]) {
      const realDir = realpathSync.native(packDir);
      for (const name of ['plan.md', 'link.md', 'sub', 'sub/tasks.md', 'tasks.md']) {
        const file = join(packDir, name);
        const outcome = (read: () => string) => {
          try {
            return read();
          } catch (error) {
            return (error as Error).message;
          }
        };
        expect(outcome(() => realpathInPack(packDir, realDir, file))).toBe(
          outcome(() => realpathSync.native(file)),
        );
      }
    }
  });
});
