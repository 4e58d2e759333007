import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-utils/temp-project.js';
import { loadGuides } from './load-guides.js';

async function guideFolder(files: string[]): Promise<string> {
  const dir = await makeTempDir('docs-site-guides-');
  await mkdir(join(dir, 'api'));
  await writeFile(join(dir, 'api', 'nested.md'), '# Not a guide');
  await writeFile(join(dir, 'notes.txt'), 'Not a guide');
  for (const file of files) await writeFile(join(dir, file), `# ${file}\n`);
  return dir;
}

const extra = [
  { slug: 'cli-reference', title: 'CLI reference', markdown: '# CLI' },
  { slug: 'error-codes', title: 'Error codes', markdown: '# Errors' },
];

describe('loadGuides', () => {
  it('reads the *.md files directly in the folder: README and getting-started first, then by slug, then the extra guides', async () => {
    const dir = await guideFolder([
      'zeta.md',
      'README.md',
      'alpha.md',
      'getting-started.md',
      '.hidden.md',
    ]);
    const guides = await loadGuides({ dir }, extra);
    expect(guides.map(({ slug, file }) => `${slug} ${file}`)).toEqual([
      'readme README.md',
      'getting-started getting-started.md',
      'alpha alpha.md',
      'zeta zeta.md',
      'cli-reference cli-reference.md',
      'error-codes error-codes.md',
    ]);
    expect(guides[0]).toEqual({ slug: 'readme', file: 'README.md', markdown: '# README.md\n' });
    expect(guides[4]).toMatchObject({ markdown: '# CLI', title: 'CLI reference' });
  });

  it('lists the guides named in order first, by slug or file name, ignoring names that match none', async () => {
    const dir = await guideFolder(['zeta.md', 'README.md', 'alpha.md', 'overlays.md']);
    const guides = await loadGuides(
      { dir, order: ['error-codes', 'overlays.md', 'missing', 'zeta'] },
      extra,
    );
    expect(guides.map((guide) => guide.slug)).toEqual([
      'error-codes',
      'overlays',
      'zeta',
      'readme',
      'alpha',
      'cli-reference',
    ]);
  });

  it('keeps a page for each of two names that differ only in case', async () => {
    const dir = await guideFolder(['Notes.md', 'notes.md']);
    const slugs = (await loadGuides({ dir })).map((guide) => guide.slug);
    expect(slugs).toHaveLength(2);
    expect(slugs).toContain('notes');
  });

  it('refuses an extra guide whose slug is taken or invalid, and a folder it cannot read', async () => {
    const dir = await guideFolder(['cli-reference.md']);
    await expect(loadGuides({ dir }, extra)).rejects.toMatchObject({ code: 'SPECFORGE_USAGE' });
    await expect(
      loadGuides(undefined, [{ slug: '../x', title: 'x', markdown: '' }]),
    ).rejects.toMatchObject({ code: 'SPECFORGE_USAGE' });
    await expect(loadGuides({ dir: join(dir, 'missing') })).rejects.toMatchObject({
      code: 'SPECFORGE_USAGE',
      message: expect.stringContaining('missing'),
    });
  });

  it('reads no folder without guides options', async () => {
    expect(await loadGuides(undefined)).toEqual([]);
  });
});
