import { sha256Hex } from '@specforge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { hashPackDir, integrityOf } from './hash-pack-dir.js';

afterEach(removeTempTrees);

const files = ['package.json', 'plan.md', 'review/security.md'];
const tree = {
  'package.json': '{"version":"1.0.0"}\n',
  'plan.md': '# Plan\n\nBody\n',
  'review/security.md': '# S\n',
};

describe('hashPackDir', () => {
  it('gives a fixed sha256 integrity when the files are the same', async () => {
    const dir = await writeTempTree(tree);
    // A literal (checked against an independent implementation), so that any change to the
    // hashing scheme, which would invalidate every lock, fails here.
    expect(await hashPackDir(dir, files)).toBe(
      'sha256-AvM5p1GOKRFcOJ1YvUbF/CiSrZKFuWXF4ZPm+2y1Gt0=',
    );
  });

  it('gives the same hash when the files are listed in another order or twice', async () => {
    const dir = await writeTempTree(tree);
    const reference = await hashPackDir(dir, files);
    expect(await hashPackDir(dir, [...files].reverse())).toBe(reference);
    expect(await hashPackDir(dir, [...files, 'plan.md', './review/../plan.md'])).toBe(reference);
  });

  it('gives the same hash when line endings are CRLF or CR', async () => {
    const lf = await writeTempTree(tree);
    const crlf = await writeTempTree(
      Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, v.replaceAll('\n', '\r\n')])),
    );
    const cr = await writeTempTree(
      Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, v.replaceAll('\n', '\r')])),
    );
    const reference = await hashPackDir(lf, files);
    expect(await hashPackDir(crlf, files)).toBe(reference);
    expect(await hashPackDir(cr, files)).toBe(reference);
  });

  it.each([
    ['a file changes', { ...tree, 'plan.md': '# Plan\n\nBody!\n' }, files],
    [
      'a file is renamed',
      { ...tree, 'plan2.md': tree['plan.md'] },
      ['package.json', 'plan2.md', 'review/security.md'],
    ],
    [
      'content moves between files',
      { ...tree, 'plan.md': '# Plan\n\n', 'review/security.md': `Body\n# S\n` },
      files,
    ],
    ['a file is left out', tree, ['package.json', 'plan.md']],
  ])('gives another hash when %s', async (_, changed, changedFiles) => {
    const reference = await hashPackDir(await writeTempTree(tree), files);
    expect(await hashPackDir(await writeTempTree(changed), changedFiles)).not.toBe(reference);
  });

  it('hashes bytes that are not UTF-8 exactly when a file is binary', async () => {
    const dir = await writeTempTree({});
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dir}/a.bin`, Buffer.from([0xff, 0x0d, 0x0a, 0xfe]));
    const first = await hashPackDir(dir, ['a.bin']);
    await writeFile(`${dir}/a.bin`, Buffer.from([0xff, 0x0a, 0xfe]));
    expect(await hashPackDir(dir, ['a.bin'])).toBe(first);
    await writeFile(`${dir}/a.bin`, Buffer.from([0xfe, 0x0a, 0xfe]));
    expect(await hashPackDir(dir, ['a.bin'])).not.toBe(first);
  });

  it.each([['../outside.md'], ['/etc/passwd'], ['.']])(
    'refuses %s when the path is not inside the pack',
    async (file) => {
      const dir = await writeTempTree(tree);
      expect((await failure(() => hashPackDir(dir, [file]), dir)).code).toBe(
        'SPECFORGE_PACK_MANIFEST_INVALID',
      );
    },
  );

  it('reports the file when a listed file is missing', async () => {
    const dir = await writeTempTree(tree);
    expect((await failure(() => hashPackDir(dir, ['gone.md']), dir)).message).toBe(
      'The pack manifest is invalid: the pack file "gone.md" cannot be read (ENOENT).',
    );
  });
});

describe('integrityOf', () => {
  it('gives the sha256-<base64> of a text, the form hashPackDir and the lock use', () => {
    expect(integrityOf('')).toBe('sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(integrityOf('héllo')).toBe(`sha256-${Buffer.from(sha256Hex('héllo'), 'hex').toString('base64')}`);
  });
});
