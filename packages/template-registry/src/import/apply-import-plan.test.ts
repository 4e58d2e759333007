import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { MemoryFileSystem } from '@specforge/core';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack } from '../load-pack.js';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { applyImportPlan, checkImportTarget } from './apply-import-plan.js';
import type { ImportPlan } from './import-types.js';
import { planSpeckitImport } from './plan-speckit-import.js';

afterEach(removeTempTrees);

async function plan(): Promise<ImportPlan> {
  const root = await writeTempTree({
    'pyproject.toml': '[project]\nname = "specify-cli"\nversion = "1.0.1"\n',
    'templates/spec-template.md': '# Feature Specification: [FEATURE NAME]\n',
    'templates/plan-template.md': '# Implementation Plan: [FEATURE]\n',
  });
  return planSpeckitImport({ path: root });
}

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

describe('applyImportPlan', () => {
  it('writes every file of the plan into a new folder, parents included, and the pack loads', async () => {
    const planned = await plan();
    const out = join(await writeTempTree({}), 'packs', 'speckit');
    const written = await applyImportPlan(planned, out);
    expect(written).toEqual(planned.files.map((file) => join(out, file.path)));
    expect(await listing(out)).toEqual([
      'CHANGELOG.md',
      'README.md',
      'package.json',
      'plan.md',
      'spec.md',
    ]);
    for (const file of planned.files)
      expect(await readFile(join(out, file.path), 'utf8')).toBe(file.content);
    expect([...(await loadPack(out)).templates.keys()]).toEqual(['spec', 'plan']);
  });

  it('refuses existing files without force, lists them, and writes nothing', async () => {
    const out = await writeTempTree({
      'spec.md': 'mine\n',
      'README.md': 'mine\n',
      'notes.txt': 'keep\n',
    });
    expect(await failure(async () => applyImportPlan(await plan(), out), out)).toEqual({
      code: 'SPECFORGE_IMPORT_FILES_EXIST',
      message: '<root> already holds README.md, spec.md; nothing was written.',
      hint: 'Pass --force to overwrite them (files the import does not produce are left alone), or --out to import into another folder.',
      at: '<root>',
    });
    expect(await listing(out)).toEqual(['README.md', 'notes.txt', 'spec.md']);
    expect(await readFile(join(out, 'spec.md'), 'utf8')).toBe('mine\n');
  });

  it('overwrites them with force and leaves other files alone, with no temporary file left', async () => {
    const planned = await plan();
    const out = await writeTempTree({ 'spec.md': 'mine\n', 'notes.txt': 'keep\n' });
    await applyImportPlan(planned, out, { force: true });
    expect(await listing(out)).toEqual([
      'CHANGELOG.md',
      'README.md',
      'notes.txt',
      'package.json',
      'plan.md',
      'spec.md',
    ]);
    expect(await readFile(join(out, 'spec.md'), 'utf8')).toBe(
      planned.files.find((file) => file.path === 'spec.md')!.content,
    );
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('keep\n');
  });

  it('refuses a folder where a file goes, even with force', async () => {
    const out = await writeTempTree({});
    await mkdir(join(out, 'spec.md'));
    const error = await failure(
      async () => applyImportPlan(await plan(), out, { force: true }),
      out,
    );
    expect([error.code, error.message, error.hint]).toEqual([
      'SPECFORGE_IMPORT_FILES_EXIST',
      '<root> already holds spec.md; nothing was written.',
      'Remove or move <root>/spec.md (a folder where the pack needs a file), or pass --out to import into another folder.',
    ]);
    expect(await listing(out)).toEqual(['spec.md']);
  });

  it('refuses an output that is a file', async () => {
    const root = await writeTempTree({});
    const out = join(root, 'pack');
    await writeFile(out, 'not a folder\n');
    expect(await failure(async () => applyImportPlan(await plan(), out), root)).toEqual({
      code: 'SPECFORGE_IMPORT_OUT_NOT_DIRECTORY',
      message: 'The output <root>/pack is a file, not a folder; nothing was written.',
      hint: 'Pass a folder to --out; it is created when missing.',
      at: '<root>/pack',
    });
  });

  it('tells what it would do to each file without writing, for a dry run', async () => {
    const planned = await plan();
    const out = await writeTempTree({ 'spec.md': 'mine\n' });
    const targets = await checkImportTarget(planned, out, { force: true });
    expect(targets.map((file) => `${file.status} ${file.path}`)).toEqual([
      'create CHANGELOG.md',
      'create README.md',
      'create package.json',
      'create plan.md',
      'overwrite spec.md',
    ]);
    expect(targets[0]?.target).toBe(join(out, 'CHANGELOG.md'));
    expect(await listing(out)).toEqual(['spec.md']);
  });

  it('writes through the file system it is given', async () => {
    const planned = await plan();
    const fs = new MemoryFileSystem({ '/packs/speckit/notes.txt': 'keep\n' });
    await applyImportPlan(planned, '/packs/speckit', { fs });
    expect([...fs.files.keys()].sort()).toEqual(
      ['CHANGELOG.md', 'README.md', 'notes.txt', 'package.json', 'plan.md', 'spec.md'].map(
        (name) => `/packs/speckit/${name}`,
      ),
    );
    expect(fs.text('/packs/speckit/spec.md')).toBe(
      planned.files.find((file) => file.path === 'spec.md')!.content,
    );
  });
});
