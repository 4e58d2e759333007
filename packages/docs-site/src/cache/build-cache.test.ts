import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-utils/temp-project.js';
import { hashContent, hashParts, openBuildCache, pruneCache } from './build-cache.js';

const key = (name: string) => hashParts([name]);

describe('openBuildCache', () => {
  it('reads back what it wrote, from another handle too, and leaves no temporary file', async () => {
    const dir = join(await makeTempDir(), 'docs-site');
    const cache = openBuildCache({ dir });
    expect(cache.read('pages', key('a'))).toBeUndefined();
    cache.write('pages', key('a'), '<p>é</p>');
    cache.write('examples', key('b'), Buffer.from('# Plan\n'));
    await cache.close();
    const again = openBuildCache({ dir });
    expect(again.read('pages', key('a'))).toEqual({
      content: Buffer.from('<p>é</p>'),
      hash: hashContent('<p>é</p>'),
    });
    expect(again.read('examples', key('b'))?.content.toString()).toBe('# Plan\n');
    expect(await readdir(join(dir, 'pages'))).toEqual([key('a')]);
  });

  it('ignores an entry that is truncated, altered, empty, stored under another key, a folder or a FIFO', async () => {
    const dir = join(await makeTempDir(), 'docs-site');
    const cache = openBuildCache({ dir });
    cache.write('pages', key('whole'), 'the whole page');
    await cache.close();
    const whole = await readFile(join(dir, 'pages', key('whole')));
    const variants: [string, (path: string) => Promise<unknown>][] = [
      ['truncated', (path) => writeFile(path, whole.subarray(0, -1))],
      [
        'altered',
        (path) => writeFile(path, Buffer.from(whole.toString().replace('whole', 'w0ole'))),
      ],
      ['empty', (path) => writeFile(path, '')],
      ['another key', (path) => writeFile(path, whole)],
      ['a folder', (path) => mkdir(path)],
      ['a FIFO', async (path) => execFileSync('mkfifo', [path])],
    ];
    for (const [name, make] of variants) {
      await make(join(dir, 'pages', key(name)));
      expect(cache.read('pages', key(name)), name).toBeUndefined();
    }
    expect(cache.read('pages', 'not-a-key')).toBeUndefined();
    expect(cache.read('pages', key('whole'))?.content.toString()).toBe('the whole page');
  });

  it('replaces a corrupt entry, and ignores a write it cannot make', async () => {
    const dir = join(await makeTempDir(), 'docs-site');
    await mkdir(join(dir, 'pages'), { recursive: true });
    await writeFile(join(dir, 'pages', key('a')), 'garbage');
    await mkdir(join(dir, 'pages', key('b')));
    const cache = openBuildCache({ dir });
    cache.write('pages', key('a'), 'page a');
    cache.write('pages', key('b'), 'page b');
    await cache.close();
    expect(cache.read('pages', key('a'))?.content.toString()).toBe('page a');
    expect(cache.read('pages', key('b'))).toBeUndefined();
    expect((await readdir(join(dir, 'pages'))).sort()).toEqual([key('a'), key('b')].sort());
  });

  it('prunes when it wrote entries, not when it only read', async () => {
    const dir = join(await makeTempDir(), 'docs-site');
    const first = openBuildCache({ dir, maxBytes: 0 });
    first.write('pages', key('a'), 'page a');
    await first.close({ prune: false });
    const reader = openBuildCache({ dir, maxBytes: 0 });
    expect(reader.read('pages', key('a'))).toBeDefined();
    await reader.close();
    expect(await readdir(join(dir, 'pages'))).toEqual([key('a')]);
    const writer = openBuildCache({ dir, maxBytes: 0 });
    writer.write('pages', key('b'), 'page b');
    await writer.close();
    expect(await readdir(join(dir, 'pages'))).toEqual([]);
  });
});

describe('pruneCache', () => {
  it('removes the least recently used entries until the cache fits, and old temporary files', async () => {
    const dir = join(await makeTempDir(), 'docs-site');
    const cache = openBuildCache({ dir });
    for (const name of ['old', 'used', 'new']) cache.write('pages', key(name), 'x'.repeat(100));
    await cache.close({ prune: false });
    const size = (await stat(join(dir, 'pages', key('old')))).size;
    const hourAgo = new Date(Date.now() - 3_600_000);
    const dayAgo = new Date(Date.now() - 86_400_000);
    await utimes(join(dir, 'pages', key('old')), dayAgo, dayAgo);
    await utimes(join(dir, 'pages', key('used')), dayAgo, dayAgo);
    await utimes(join(dir, 'pages', key('new')), hourAgo, hourAgo);
    await writeFile(join(dir, 'pages', '.tmp-1-dead'), 'left by a crash');
    await utimes(join(dir, 'pages', '.tmp-1-dead'), dayAgo, dayAgo);
    await writeFile(join(dir, 'pages', '.tmp-2-live'), 'being written');
    // A hit makes an entry recently used.
    expect(openBuildCache({ dir }).read('pages', key('used'))).toBeDefined();
    pruneCache(dir, 2 * size);
    expect((await readdir(join(dir, 'pages'))).sort()).toEqual(
      ['.tmp-2-live', key('new'), key('used')].sort(),
    );
    pruneCache(dir, size);
    expect((await readdir(join(dir, 'pages'))).sort()).toEqual(['.tmp-2-live', key('used')].sort());
  });
});
