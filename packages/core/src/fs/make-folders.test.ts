import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFolders } from './make-folders.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specforge-folders-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makeFolders', () => {
  it('creates the missing folders and returns the outermost one it made', async () => {
    expect(await makeFolders(join(dir, 'a/b/c'))).toBe(join(dir, 'a'));
    expect((await stat(join(dir, 'a/b/c'))).isDirectory()).toBe(true);
  });

  it('returns undefined when the folder exists already', async () => {
    expect(await makeFolders(dir)).toBeUndefined();
  });

  it('succeeds for every caller when several make the same folders at once', async () => {
    const made = await Promise.all(
      Array.from({ length: 8 }, () => makeFolders(join(dir, 'x/y/z'))),
    );
    expect(made.filter((first) => first !== undefined).length).toBeLessThanOrEqual(1);
    expect((await stat(join(dir, 'x/y/z'))).isDirectory()).toBe(true);
  });

  it('rejects with EEXIST when the path is a file, ENOTDIR when a parent is', async () => {
    await writeFile(join(dir, 'file'), '');
    await expect(makeFolders(join(dir, 'file'))).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(makeFolders(join(dir, 'file/a/b'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  // Node's `mkdir(…, { recursive: true })` spins forever here: /proc answers ENOENT for a new
  // folder although its parent exists.
  it.runIf(existsSync('/proc/self'))(
    'rejects at once under /proc, where a recursive mkdir never settles',
    async () => {
      await expect(makeFolders('/proc/specforge-nope/a/b')).rejects.toMatchObject({
        code: expect.stringMatching(/^E[A-Z]+$/),
      });
      expect(existsSync('/proc/specforge-nope')).toBe(false);
    },
    5_000,
  );
});
