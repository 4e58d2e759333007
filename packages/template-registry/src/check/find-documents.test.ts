import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDocuments } from './find-documents.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tree(files: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'specforge-find-documents-'));
  made.push(root);
  for (const file of files) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), '# x\n');
  }
  return root;
}

describe('findDocuments', () => {
  it('searches a folder for specs, plans and task lists, skipping node_modules and dot folders', async () => {
    const root = await tree([
      'specs/b/spec.md',
      'specs/b/plan.md',
      'specs/b/tasks.md',
      'specs/b/research.md',
      'specs/a/spec.md',
      'node_modules/x/spec.md',
      '.specify/spec.md',
      'packs/acme/plan.md',
      'packs/acme/package.json',
    ]);
    await writeFile(
      join(root, 'packs/acme/package.json'),
      '{"name":"acme","version":"1.0.0","specforge":{"templates":{"plan":"plan.md"}}}',
    );
    const found = await findDocuments(['.'], root);
    expect(found.map((file) => relative(root, file))).toEqual([
      'specs/a/spec.md',
      'specs/b/plan.md',
      'specs/b/spec.md',
      'specs/b/tasks.md',
    ]);
  });

  it('takes files as given and globs as patterns, each file once', async () => {
    const root = await tree(['specs/a/spec.md', 'docs/notes.md', 'docs/other.md']);
    const found = await findDocuments(['docs/notes.md', 'docs/*.md', 'specs'], root);
    expect(found.map((file) => relative(root, file))).toEqual([
      'docs/notes.md',
      'docs/other.md',
      'specs/a/spec.md',
    ]);
  });

  it('fails with SPECFORGE_CHECK_PATH_NOT_FOUND for a path or glob that names nothing', async () => {
    const root = await tree(['specs/a/spec.md']);
    await expect(findDocuments(['missing.md'], root)).rejects.toMatchObject({
      code: 'SPECFORGE_CHECK_PATH_NOT_FOUND',
    });
    await expect(findDocuments(['nothing/*.md'], root)).rejects.toMatchObject({
      code: 'SPECFORGE_CHECK_PATH_NOT_FOUND',
    });
    // An empty folder is not an error: there is simply nothing to check in it.
    await mkdir(join(root, 'empty'));
    expect(await findDocuments(['empty'], root)).toEqual([]);
  });
});
