import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStagingFolder, SITE_MARKER_FILE } from './site-folder.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specforge-site-folder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makeStagingFolder', () => {
  it('makes the missing parents of the site and a marked folder beside it', async () => {
    const staging = await makeStagingFolder(join(dir, 'a/b/site'));
    expect(await readdir(join(dir, 'a/b'))).toEqual([staging.slice(join(dir, 'a/b/').length)]);
    expect(await readdir(staging)).toEqual([SITE_MARKER_FILE]);
  });

  it('rejects with the platform error when a parent of the site is a file', async () => {
    await writeFile(join(dir, 'file'), '');
    await expect(makeStagingFolder(join(dir, 'file/site'))).rejects.toMatchObject({
      code: 'EEXIST',
    });
  });

  // A recursive mkdir never settles under /proc (see makeFolders in @specforge/core).
  it.runIf(existsSync('/proc/self'))(
    'rejects at once when the site would go under /proc',
    async () => {
      await expect(makeStagingFolder('/proc/specforge-nope/site')).rejects.toMatchObject({
        code: expect.stringMatching(/^E[A-Z]+$/),
      });
    },
    5_000,
  );
});
