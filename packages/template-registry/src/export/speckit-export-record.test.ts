import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planSpeckitImport } from '../import/plan-speckit-import.js';
import { findResolvedPack, openProjectRegistry } from '../resolve/index.js';
import { failure, manifest, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { applySpeckitPresetExport } from './apply-speckit-preset-export.js';
import { planSpeckitPresetExport } from './plan-speckit-preset-export.js';
import {
  formatSpeckitExportRecord,
  parseSpeckitExportRecord,
  SPECKIT_EXPORT_RECORD_FORMAT,
  type SpeckitExportRecord,
} from './speckit-export-record.js';

afterEach(removeTempTrees);

const hash = 'a'.repeat(64);
const record: SpeckitExportRecord = {
  format: SPECKIT_EXPORT_RECORD_FORMAT,
  pack: { name: 'team', version: '1.0.0' },
  generated: { 'preset.yml': hash, 'README.md': 'b'.repeat(64) },
  templates: [
    {
      name: 'notes-template',
      file: 'templates/notes-template.md',
      sha256: hash,
      body: 'text',
      meta: { id: 'notes', kind: 'other', description: '', inputs: {}, output: 'notes.md' },
      line: 0,
    },
  ],
};

describe('the export record', () => {
  it('reads back what it writes, with each entry’s line', () => {
    const text = formatSpeckitExportRecord(record);
    const read = parseSpeckitExportRecord(text, 'specforge.yml');
    expect(read).toEqual({
      ...record,
      templates: [
        { ...record.templates[0], line: text.split('\n').indexOf('  - name: notes-template') + 1 },
      ],
    });
  });

  it.each([
    [
      'format: 2\npack: {name: a, version: 1.0.0}\ntemplates: []\n',
      'it has format 2, written by a newer specforge',
      1,
    ],
    ['format: 1\ntemplates: []\n', '"pack" must hold a name and a version (strings)', 1],
    [
      'format: 1\npack: {name: a, version: 1.0.0}\ntemplates: {}\n',
      '"templates" must be a list',
      3,
    ],
    [
      'format: 1\npack: {name: a, version: 1.0.0}\ntemplates:\n  - {name: x, file: x.md, sha256: abc, body: text, meta: {}}\n',
      'the sha256 of x is not 64 hex digits',
      4,
    ],
    [
      `format: 1\npack: {name: a, version: 1.0.0}\ntemplates:\n  - {name: x, file: x.md, sha256: ${hash}, body: html, meta: {}}\n`,
      'the body of x is "html", not "text", "rendered" or "source"',
      4,
    ],
    [
      `format: 1\npack: {name: a, version: 1.0.0}\ngenerated: {preset.yml: 12}\ntemplates: []\n`,
      'each entry of "generated" must be a file path and 64 hex digits',
      3,
    ],
    ['format: 1\nformat: 1\n', 'it is not valid YAML', 2],
    [
      `format: 1\npack: {name: a, version: 1.0.0}\ntemplates:\n  - {name: x, file: x.md, sha256: ${hash}, body: rendered, meta: {}}\n`,
      'the rendered template x has no "source" (a string)',
      4,
    ],
  ])('refuses %j: %s', async (text, reason, line) => {
    const error = await failure(() => parseSpeckitExportRecord(text, 'specforge.yml'));
    expect(error.code).toBe('SPECFORGE_IMPORT_PRESET_INVALID');
    expect(error.message).toContain(`specforge.yml: ${reason}`);
    expect(error.at).toBe(`specforge.yml:${line}`);
  });

  it('refuses an alias bomb in the metadata with a coded error', async () => {
    const bomb = [
      'format: 1',
      'pack: {name: a, version: 1.0.0}',
      'templates:',
      `  - name: x`,
      '    file: x.md',
      `    sha256: ${hash}`,
      '    body: text',
      '    meta:',
      '      a: &a [x, x, x, x, x, x, x, x, x]',
      '      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      '      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      '      d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '',
    ].join('\n');
    expect((await failure(() => parseSpeckitExportRecord(bomb, 'r.yml'))).code).toBe(
      'SPECFORGE_IMPORT_PRESET_INVALID',
    );
  });

  it('keeps a "__proto__" path a plain entry', () => {
    const text = `format: 1\npack: {name: a, version: 1.0.0}\ngenerated: {__proto__: ${hash}}\ntemplates: []\n`;
    const read = parseSpeckitExportRecord(text, 'r.yml');
    expect(Object.keys(read.generated)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(read.generated)).toBe(Object.prototype);
  });
});

/** A preset exported from a small pack, in a temp folder. */
async function exportedPreset(): Promise<string> {
  const project = await writeTempTree({
    'specforge.config.yaml': 'packs:\n  - ./packs/team\n',
    'packs/team/package.json': manifest({
      name: 'team-templates',
      version: '1.0.0',
      specforge: { name: 'team', templates: { notes: 'notes.md' } },
    }),
    'packs/team/notes.md': '---\nid: notes\nkind: other\noutput: notes.md\n---\n# Notes \\{{x}}\n',
  });
  const registry = await openProjectRegistry({ cwd: project, cacheDir: join(project, '.cache') });
  const plan = await planSpeckitPresetExport({ pack: findResolvedPack(registry.packs, 'team') });
  const dir = join(project, 'preset');
  await applySpeckitPresetExport(plan, dir);
  return dir;
}

describe('importing an exported preset', () => {
  it('imports a template edited since the export as edited, with a warning', async () => {
    const dir = await exportedPreset();
    await writeFile(join(dir, 'templates/notes-template.md'), '# Notes {{x}} and more\n');
    const plan = await planSpeckitImport({ path: dir });
    expect(plan.warnings.map((warning) => warning.message)).toEqual([
      'templates/notes-template.md was changed on import: it was edited since specforge exported it (its hash is not the one specforge.yml records), so the template holds the edited text.',
    ]);
    const file = plan.files.find((item) => item.path === 'notes.md')!.content;
    expect(file).toBe(
      '---\nid: notes\nkind: other\ndescription: ""\ninputs: {}\noutput: notes.md\n---\n# Notes \\{{x}} and more\n',
    );
  });

  it('refuses metadata that no template file may hold, at the entry’s line', async () => {
    const dir = await exportedPreset();
    const path = join(dir, 'specforge.yml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('kind: other', 'kind: poem'));
    const error = await failure(() => planSpeckitImport({ path: dir }), dir);
    expect(error.code).toBe('SPECFORGE_IMPORT_PRESET_INVALID');
    expect(error.message).toContain(
      '<root>/specforge.yml: the metadata of notes-template is not a template',
    );
    expect(error.at).toMatch(/^<root>\/specforge\.yml:\d+$/);
  });

  it('refuses metadata naming another id than the Spec Kit name', async () => {
    const dir = await exportedPreset();
    const path = join(dir, 'specforge.yml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('id: notes', 'id: other'));
    expect((await failure(() => planSpeckitImport({ path: dir }))).message).toContain(
      'the metadata of notes-template names the id "other", not "notes"',
    );
  });

  it('imports the preset as Spec Kit wrote it when the record is gone', async () => {
    const dir = await exportedPreset();
    await writeFile(join(dir, 'specforge.yml'), '');
    await expect(planSpeckitImport({ path: dir })).rejects.toMatchObject({
      code: 'SPECFORGE_IMPORT_PRESET_INVALID',
    });
    await rm(join(dir, 'specforge.yml'));
    const plan = await planSpeckitImport({ path: dir });
    // Without the record, a Spec Kit template is an overlay on the Spec Kit base, as for any preset.
    expect(plan.extends).toBeDefined();
  });
});
