import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findResolvedPack, openProjectRegistry } from '../resolve/index.js';
import type { ResolvedPack } from '../resolve/resolved-pack.js';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import {
  applySpeckitPresetExport,
  checkPresetExportTarget,
} from './apply-speckit-preset-export.js';
import {
  planSpeckitPresetExport,
  type SpeckitPresetExportPlan,
} from './plan-speckit-preset-export.js';

const example = fileURLToPath(new URL('../../../../examples/acme-shop', import.meta.url));
let pack: ResolvedPack;
let plan: SpeckitPresetExportPlan;

beforeAll(async () => {
  const cacheDir = await writeTempTree({});
  pack = findResolvedPack((await openProjectRegistry({ cwd: example, cacheDir })).packs, 'acme');
  plan = await planSpeckitPresetExport({ pack });
});
afterEach(removeTempTrees);

async function listTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Object.fromEntries(
    await Promise.all(
      files.map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return [path.slice(dir.length + 1), await readFile(path, 'utf8')] as const;
      }),
    ),
  );
}

/** A preset folder as an export wrote it. */
async function exported(): Promise<string> {
  const dir = join(await writeTempTree({}), 'preset');
  await applySpeckitPresetExport(plan, dir);
  return dir;
}

const actions = (targets: { path: string; action: string }[]) =>
  Object.fromEntries(targets.map((target) => [target.path, target.action]));

describe('applySpeckitPresetExport', () => {
  it('creates the folder with every planned file', async () => {
    const dir = await exported();
    expect(await listTree(dir)).toEqual(
      Object.fromEntries(plan.files.map((file) => [file.path, file.content])),
    );
  });

  it('changes nothing when exported again unchanged', async () => {
    const dir = await exported();
    const targets = await applySpeckitPresetExport(plan, dir);
    expect(new Set(targets.map((target) => target.action))).toEqual(new Set(['unchanged']));
  });

  it('rewrites what the last export wrote when the pack moved, and deletes templates it lost', async () => {
    const dir = await exported();
    const fewer = await planSpeckitPresetExport({
      pack: { ...pack, version: '1.3.0', templates: new Map([...pack.templates].slice(0, 2)) },
    });
    const targets = actions(await applySpeckitPresetExport(fewer, dir));
    expect(targets).toMatchObject({
      'preset.yml': 'update',
      'README.md': 'update',
      'specforge.yml': 'update',
      'templates/spec-template.md': 'unchanged',
      'templates/tasks-template.md': 'delete',
      'templates/checklist-template.md': 'delete',
    });
    expect(Object.keys(await listTree(dir)).sort()).toEqual(fewer.files.map((file) => file.path));
  });

  it('keeps a lost template that was edited since', async () => {
    const dir = await exported();
    await writeFile(join(dir, 'templates/tasks-template.md'), '# our tasks\n');
    const fewer = await planSpeckitPresetExport({
      pack: { ...pack, templates: new Map([...pack.templates].slice(0, 2)) },
    });
    expect(actions(await applySpeckitPresetExport(fewer, dir))).toMatchObject({
      'templates/tasks-template.md': 'keep',
    });
    expect(await readFile(join(dir, 'templates/tasks-template.md'), 'utf8')).toBe('# our tasks\n');
  });

  it('refuses to replace edited files without force, writing nothing, and replaces them with it', async () => {
    const dir = await exported();
    await writeFile(join(dir, 'templates/plan-template.md'), '# edited in Spec Kit\n');
    await writeFile(join(dir, 'preset.yml'), 'schema_version: "1.0"\n# edited\n');
    const before = await listTree(dir);
    const moved = await planSpeckitPresetExport({ pack: { ...pack, version: '9.0.0' } });
    expect(await failure(() => applySpeckitPresetExport(moved, dir), dir)).toEqual({
      code: 'SPECFORGE_EXPORT_FILES_EXIST',
      message:
        '<root> holds preset.yml, templates/plan-template.md, which the last export did not write or which were edited since; nothing was written.',
      hint: 'Pass --force to replace them (other files in the folder are left alone), or --out to export into another folder.',
      at: '<root>',
    });
    expect(await listTree(dir)).toEqual(before);

    const targets = actions(await applySpeckitPresetExport(moved, dir, { force: true }));
    expect(targets).toMatchObject({
      'preset.yml': 'replace',
      'templates/plan-template.md': 'replace',
    });
    expect(await readFile(join(dir, 'preset.yml'), 'utf8')).toContain('version: "9.0.0"');
  });

  it('treats every file as not its own when the folder has no record', async () => {
    const dir = await writeTempTree({ 'README.md': '# Our preset\n', 'notes.txt': 'keep me\n' });
    expect((await failure(() => checkPresetExportTarget(plan, dir))).code).toBe(
      'SPECFORGE_EXPORT_FILES_EXIST',
    );
    await applySpeckitPresetExport(plan, dir, { force: true });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('keep me\n');
  });

  it('refuses a file as the output folder, and a folder where a file goes even with force', async () => {
    const root = await writeTempTree({ 'file.txt': 'x' });
    expect(
      await failure(() => applySpeckitPresetExport(plan, join(root, 'file.txt')), root),
    ).toMatchObject({
      code: 'SPECFORGE_EXPORT_OUT_NOT_DIRECTORY',
      message: 'The output <root>/file.txt is a file, not a folder; nothing was written.',
    });
    await mkdir(join(root, 'out', 'preset.yml'), { recursive: true });
    const error = await failure(
      () => applySpeckitPresetExport(plan, join(root, 'out'), { force: true }),
      root,
    );
    expect(error.code).toBe('SPECFORGE_EXPORT_FILES_EXIST');
    expect(error.hint).toBe(
      'Remove or move <root>/out/preset.yml (a folder where the preset needs a file), or pass --out to export into another folder.',
    );
  });
});
