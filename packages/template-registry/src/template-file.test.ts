import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSpecforgeError } from '@specforge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from './builtin-packs.js';
import { isTemplateFileRef, resolveTemplate } from './template-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specforge-template-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const templateText = '---\nid: plan\nkind: plan\ndescription: Ours.\n---\n# Our plan\n';

describe('isTemplateFileRef', () => {
  it.each([
    ['./plan.md', true],
    ['../shared/plan.md', true],
    ['/abs/plan.md', true],
    ['templates/plan.md', true],
    ['speckit/plan', false],
    ['acme/plan', false],
  ])('classifies %j as a file: %j', (ref, expected) => {
    expect(isTemplateFileRef(ref)).toBe(expected);
  });
});

describe('resolveTemplate', () => {
  it('loads a standalone template file relative to cwd with a file: pack', async () => {
    await mkdir(join(dir, 'templates'));
    await writeFile(join(dir, 'templates/plan.md'), templateText);
    const template = await resolveTemplate('./templates/plan.md', { cwd: dir, packs: [] });
    expect(template).toMatchObject({
      file: 'templates/plan.md',
      bodyLine: 6,
      body: '# Our plan\n',
      pack: { name: 'file:templates/plan.md', version: '0.0.0' },
      meta: { id: 'plan', kind: 'plan', output: 'plan.md' },
    });
  });

  it('finds a pack template by reference', async () => {
    const template = await resolveTemplate('speckit/tasks', { cwd: dir, packs: await loadBuiltinPacks() });
    expect(template.meta.id).toBe('tasks');
  });

  it('says a missing template file is not found, with its path', async () => {
    const error = await resolveTemplate('./nope.md', { cwd: dir, packs: [] }).catch((e: unknown) => e);
    expect(isSpecforgeError(error, 'SPECFORGE_TEMPLATE_NOT_FOUND')).toBe(true);
    expect(error).toMatchObject({ location: { file: 'nope.md' }, hint: 'Check the path; nope.md cannot be read (ENOENT).' });
  });
});
