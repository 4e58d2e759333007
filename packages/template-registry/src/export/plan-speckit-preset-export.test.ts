import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePresetManifest } from '../import/_preset-manifest.js';
import { findResolvedPack, openProjectRegistry } from '../resolve/index.js';
import type { ResolvedPack } from '../resolve/resolved-pack.js';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { planSpeckitPresetExport } from './plan-speckit-preset-export.js';
import { parseSpeckitExportRecord } from './speckit-export-record.js';

// The example team's preset, compared byte for byte with __fixtures__/acme-preset/. Refresh it
// after a deliberate change with
//   UPDATE_GOLDENS=1 pnpm --filter @specforge/template-registry test plan-speckit-preset-export
// and review the diff.
const example = fileURLToPath(new URL('../../../../examples/acme-shop', import.meta.url));
const golden = fileURLToPath(new URL('__fixtures__/acme-preset/', import.meta.url));
const update = process.env.UPDATE_GOLDENS === '1';
let acme: ResolvedPack;

beforeAll(async () => {
  const cacheDir = await writeTempTree({});
  acme = findResolvedPack((await openProjectRegistry({ cwd: example, cacheDir })).packs, 'acme');
});
afterEach(removeTempTrees);

describe('planSpeckitPresetExport', () => {
  it("writes the example team's preset as the golden holds it", async () => {
    const plan = await planSpeckitPresetExport({ pack: acme });
    if (update) {
      await rm(golden, { recursive: true, force: true });
      for (const file of plan.files) {
        await mkdir(dirname(join(golden, file.path)), { recursive: true });
        await writeFile(join(golden, file.path), file.content);
      }
    }
    const held = (await readdir(golden, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(golden.length))
      .sort();
    expect(held, 'golden files (UPDATE_GOLDENS=1 refreshes them)').toEqual(
      plan.files.map((file) => file.path),
    );
    for (const file of plan.files) {
      expect(file.content, `${file.path} (UPDATE_GOLDENS=1 refreshes it)`).toBe(
        await readFile(join(golden, file.path), 'utf8'),
      );
    }
  });

  it('lists the templates in workflow order, each a replace entry named <id>-template', async () => {
    const plan = await planSpeckitPresetExport({ pack: acme });
    const manifest = parsePresetManifest(
      plan.files.find((file) => file.path === 'preset.yml')!.content,
      'preset.yml',
    );
    expect(manifest).toMatchObject({ id: 'acme', version: '1.2.0', speckitRequirement: '>=0.6.0' });
    expect(manifest.entries.map((entry) => [entry.name, entry.strategy, entry.replaces])).toEqual([
      ['spec-template', 'replace', 'spec-template'],
      ['plan-template', 'replace', 'plan-template'],
      ['tasks-template', 'replace', 'tasks-template'],
      ['checklist-template', 'replace', 'checklist-template'],
      ['plan-draft-template', 'replace', undefined],
      ['tasks-draft-template', 'replace', undefined],
    ]);
  });

  it('renders templates with expressions for an empty spec, keeping their source in the record', async () => {
    const plan = await planSpeckitPresetExport({ pack: acme });
    expect(plan.warnings).toEqual([]);
    const file = (path: string) => plan.files.find((item) => item.path === path)!.content;
    expect(file('templates/spec-template.md')).toMatch(/^# Feature Specification: \[FEATURE NAME\]\n/);
    for (const template of plan.templates) expect(file(template.file)).not.toContain('{{');
    const record = parseSpeckitExportRecord(file('specforge.yml'), 'specforge.yml');
    const entry = record.templates.find((item) => item.name === 'plan-template')!;
    expect(entry).toMatchObject({ body: 'rendered', meta: { id: 'plan', kind: 'plan', output: 'plan.md' } });
    expect(entry.source).toBe(acme.templates.get('plan')!.template.body);
  });

  it('keeps the source of a template that cannot render without a project, saying where', async () => {
    const source = '---\nid: legacy\nkind: other\n---\n# Legacy\n\nOwner: {{owner}}\n';
    const project = await writeTempTree({
      'specforge.config.yaml': 'packs:\n  - ./packs/team\n',
      'packs/team/package.json': '{"name":"t","version":"1.0.0","specforge":{"name":"team","templates":{"legacy":"legacy.md"}}}\n',
      'packs/team/legacy.md': source,
    });
    const registry = await openProjectRegistry({ cwd: project, cacheDir: join(project, '.cache') });
    const plan = await planSpeckitPresetExport({ pack: findResolvedPack(registry.packs, 'team') });
    expect(plan.templates[0]!.body).toBe('source');
    expect(plan.warnings).toMatchObject([
      {
        code: 'SPECFORGE_EXPORT_EXPRESSIONS_KEPT',
        message:
          'The template team/legacy cannot render without a project, so its Handlebars source is written as it stands (the first expression is {{owner}}); Spec Kit shows it as written.',
        location: { file: join(project, 'packs/team/legacy.md'), line: 7 },
      },
    ]);
  });

  it('takes the preset id and the Spec Kit requirement when given', async () => {
    const plan = await planSpeckitPresetExport({
      pack: acme,
      id: 'acme-shop',
      speckitVersion: '>=0.7,<2',
    });
    expect(plan.preset).toEqual({ id: 'acme-shop', name: 'acme templates', version: '1.2.0' });
    const text = plan.files.find((file) => file.path === 'preset.yml')!.content;
    expect(parsePresetManifest(text, 'preset.yml')).toMatchObject({
      id: 'acme-shop',
      speckitRequirement: '>=0.7,<2',
    });
  });

  it('refuses an id Spec Kit would refuse, suggesting one', async () => {
    expect(
      await failure(() => planSpeckitPresetExport({ pack: { ...acme, name: 'acme.shop_v2' } })),
    ).toEqual({
      code: 'SPECFORGE_EXPORT_ID_INVALID',
      message:
        'The preset id "acme.shop_v2" is not a Spec Kit preset id (lower-case letters, digits and "-").',
      hint: 'Pass --id with such a name, e.g. --id acme-shop-v2.',
      at: undefined,
    });
    expect((await failure(() => planSpeckitPresetExport({ pack: acme, id: 'Acme' }))).code).toBe(
      'SPECFORGE_EXPORT_ID_INVALID',
    );
  });

  it('refuses a Spec Kit requirement that is not a version specifier', async () => {
    expect(
      (await failure(() => planSpeckitPresetExport({ pack: acme, speckitVersion: 'latest' })))
        .message,
    ).toBe('--speckit-version "latest" is not a version specifier such as >=0.6.0.');
  });
});
