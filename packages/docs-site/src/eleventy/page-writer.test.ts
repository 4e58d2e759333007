import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPageWriter } from './page-writer.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'specforge-page-writer-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('createPageWriter', () => {
  it('writes every page, creating folders, and lists them in the order given', async () => {
    const writer = createPageWriter(out, 2);
    const pages = Array.from({ length: 25 }, (_, i) => `templates/p/t${i}/index.html`);
    for (const [i, page] of pages.entries()) writer.write(page, `<p>${i}</p>`);
    writer.write('index.html', '<p>home</p>');
    expect(await writer.finish()).toEqual([...pages, 'index.html']);
    expect(await readFile(join(out, 'templates/p/t7/index.html'), 'utf8')).toBe('<p>7</p>');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('<p>home</p>');
  });

  it('refuses a page outside the site folder before writing anything', async () => {
    const writer = createPageWriter(out);
    expect(() => writer.write('../escape.html', 'x')).toThrow(/not inside the site folder/);
    expect(() => writer.write('/etc/x.html', 'x')).toThrow(/not inside the site folder/);
    expect(await writer.finish()).toEqual([]);
  });

  it('rejects finish() with the first failed write', async () => {
    // A file where a folder must go makes the write fail.
    await writeFile(join(out, 'blocked'), 'a file');
    const writer = createPageWriter(out);
    writer.write('blocked/index.html', 'x');
    await expect(writer.finish()).rejects.toMatchObject({
      code: expect.stringMatching(/ENOTDIR|EEXIST/),
    });
  });
});
