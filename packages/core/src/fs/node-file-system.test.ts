import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from './input-limits.js';
import { nodeFileSystem } from './node-file-system.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specforge-fs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('nodeFileSystem.writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const file = join(dir, 'plan.md');
    await writeFile(file, 'old');
    await nodeFileSystem.writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['plan.md']);
  });

  it('keeps the old file and cleans up when the rename fails', async () => {
    // Renaming a file over a non-empty directory fails after the temporary file was written.
    const target = join(dir, 'taken');
    await nodeFileSystem.mkdirp(join(target, 'inner'));
    await expect(nodeFileSystem.writeFileAtomic(target, 'data')).rejects.toMatchObject({
      code: expect.any(String),
    });
    expect((await readdir(dir)).sort()).toEqual(['taken']);
  });
});

describe('nodeFileSystem.readFile', () => {
  it('reads a regular file whole, even past the document bound', async () => {
    const file = join(dir, 'big.md');
    await writeFile(file, Buffer.alloc(MAX_DOCUMENT_BYTES + 10, 'x'));
    expect((await nodeFileSystem.readFile(file)).length).toBe(MAX_DOCUMENT_BYTES + 10);
  });

  // Read whole, /dev/zero never ends: `specforge spec inspect /dev/zero` hung, filling memory.
  it.runIf(existsSync('/dev/zero'))(
    'stops one byte past the document bound on a device that never ends',
    async () => {
      expect((await nodeFileSystem.readFile('/dev/zero')).length).toBe(MAX_DOCUMENT_BYTES + 1);
    },
    10_000,
  );

  it('rejects with the platform error for a directory', async () => {
    await expect(nodeFileSystem.readFile(dir)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('nodeFileSystem.kind', () => {
  it('tells files, directories and missing paths apart', async () => {
    await writeFile(join(dir, 'f'), '');
    expect(await nodeFileSystem.kind(join(dir, 'f'))).toBe('file');
    expect(await nodeFileSystem.kind(dir)).toBe('directory');
    expect(await nodeFileSystem.kind(join(dir, 'missing'))).toBeUndefined();
    expect(await nodeFileSystem.kind(join(dir, 'f', 'below-a-file'))).toBeUndefined();
  });
});
