import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isOverlayText, loadPack } from './load-pack.js';
import {
  failure,
  manifest,
  removeTempTrees,
  templateFile,
  writeTempTree,
} from './test-utils/temp-tree.js';

afterEach(removeTempTrees);

const webManifest = (templates: Record<string, unknown>) =>
  manifest({
    name: '@acme/templates-web',
    version: '2.0.0',
    specforge: { name: 'web', templates },
  });

describe('loadPack', () => {
  it('loads every template the manifest lists, in manifest order', async () => {
    const root = await writeTempTree({
      'package.json': webManifest({ tasks: 'tasks.md', plan: 'plans/plan.md' }),
      'tasks.md': templateFile('tasks'),
      'plans/plan.md':
        '---\nid: plan\nkind: plan\noutput: plan.md\n---\n# Plan for {{spec.title}}\n',
      'README.md': '# not a template\n',
    });
    const pack = await loadPack(root);
    expect({ ...pack, templates: [...pack.templates.keys()] }).toEqual({
      name: 'web',
      version: '2.0.0',
      packageName: '@acme/templates-web',
      dir: root,
      manifestFile: join(root, 'package.json'),
      templates: ['tasks', 'plan'],
      overlays: new Map(),
      extends: undefined,
      extendsLocation: undefined,
      copiedFrom: undefined,
    });
    expect(pack.templates.get('plan')).toEqual({
      meta: {
        id: 'plan',
        kind: 'plan',
        description: '',
        inputs: {},
        output: 'plan.md',
        requiredSections: [],
        placeholders: [],
        idPatterns: {},
        traces: [],
      },
      body: '# Plan for {{spec.title}}\n',
      file: join(root, 'plans/plan.md'),
      bodyLine: 6,
      pack: { name: 'web', version: '2.0.0' },
    });
  });

  it('loads a pack that has no templates yet', async () => {
    const root = await writeTempTree({ 'package.json': webManifest({}) });
    expect((await loadPack(root)).templates.size).toBe(0);
  });

  it('reports a folder that does not exist', async () => {
    const root = await writeTempTree({});
    expect(await failure(() => loadPack(join(root, 'missing')), root)).toEqual({
      code: 'SPECFORGE_PACK_NOT_FOUND',
      message: 'The template pack <root>/missing cannot be found.',
      hint: 'Check the path; a pack is a folder with a package.json that has a "specforge" key.',
      at: '<root>/missing',
    });
  });

  it('reports a folder without a package.json', async () => {
    const root = await writeTempTree({ 'plan.md': templateFile('plan') });
    expect(await failure(() => loadPack(root), root)).toEqual({
      code: 'SPECFORGE_PACK_NOT_FOUND',
      message: 'The template pack <root> cannot be found.',
      hint: '<root> has no package.json; a pack is a folder with a package.json that has a "specforge" key.',
      at: '<root>/package.json',
    });
  });

  it('reports a file given instead of the pack folder', async () => {
    const root = await writeTempTree({ 'package.json': webManifest({}) });
    const file = join(root, 'package.json');
    expect(await failure(() => loadPack(file), root)).toMatchObject({
      code: 'SPECFORGE_PACK_NOT_FOUND',
      hint: "<root>/package.json is a file; pass the pack's folder, the one holding its package.json.",
    });
  });

  it('reports an invalid manifest with its file and line', async () => {
    const root = await writeTempTree({ 'package.json': webManifest({ plan: '../plan.md' }) });
    expect(await failure(() => loadPack(root), root)).toEqual({
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      message:
        'The pack manifest is invalid: the template "plan" maps to "../plan.md": the path leaves the pack folder; template files must live inside it.',
      hint: 'See docs/templates.md for the manifest format.',
      at: '<root>/package.json:7:15',
    });
  });

  it('reports a template file that does not exist at the manifest entry', async () => {
    const root = await writeTempTree({ 'package.json': webManifest({ plan: 'plan.md' }) });
    expect(await failure(() => loadPack(root), root)).toMatchObject({
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      message:
        'The pack manifest is invalid: the template "plan" maps to "plan.md", which does not exist in <root>.',
      at: '<root>/package.json:7:7',
    });
  });

  it('reports a template path that is a folder', async () => {
    const root = await writeTempTree({
      'package.json': webManifest({ plan: 'plans' }),
      'plans/x.md': '',
    });
    expect(await failure(() => loadPack(root), root)).toMatchObject({
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      message:
        'The pack manifest is invalid: the template "plan" maps to "plans", which cannot be read (it is a folder).',
    });
  });

  it('reports a template whose front matter names another id', async () => {
    const root = await writeTempTree({
      'package.json': webManifest({ plan: 'plan.md' }),
      'plan.md': templateFile('planning'),
    });
    expect(await failure(() => loadPack(root), root)).toMatchObject({
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      message:
        'The pack manifest is invalid: the template "plan" maps to "plan.md", whose front matter says "id: planning"; make the two ids the same.',
      at: '<root>/package.json:7:7',
    });
  });

  it('reports invalid template metadata at the template file', async () => {
    const root = await writeTempTree({
      'package.json': webManifest({ plan: 'plan.md' }),
      'plan.md': '---\nid: plan\nkind: plan\nouptut: plan.md\n---\n',
    });
    expect(await failure(() => loadPack(root), root)).toMatchObject({
      code: 'SPECFORGE_TEMPLATE_META_INVALID',
      message:
        'The template metadata is invalid: the front matter has an unknown key "ouptut". Did you mean "output"?',
      at: '<root>/plan.md:4:1',
    });
  });

  it('reports the first broken template in manifest order when several are broken', async () => {
    const root = await writeTempTree({
      'package.json': webManifest({ spec: 'spec.md', plan: 'plan.md', tasks: 'tasks.md' }),
      'spec.md': templateFile('spec'),
      'tasks.md': '---\nid: tasks\n---\n',
    });
    expect((await failure(() => loadPack(root), root)).message).toContain(
      '"plan" maps to "plan.md"',
    );
  });

  it('rejects a template file that links outside the pack folder', async () => {
    const root = await writeTempTree({
      'outside/plan.md': templateFile('plan'),
      'pack/package.json': webManifest({ plan: 'plan.md' }),
    });
    await symlink(join(root, 'outside/plan.md'), join(root, 'pack/plan.md'));
    expect(await failure(() => loadPack(join(root, 'pack')), root)).toMatchObject({
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      message:
        'The pack manifest is invalid: the template "plan" maps to "plan.md", a link to <root>/outside/plan.md, outside the pack folder; template files must live inside it.',
    });
  });

  it('follows links inside the pack folder, and a pack folder that is itself a link', async () => {
    const root = await writeTempTree({
      'real/package.json': webManifest({ plan: 'plan.md' }),
      'real/shared/plan.md': templateFile('plan'),
    });
    await symlink(join(root, 'real/shared/plan.md'), join(root, 'real/plan.md'));
    await mkdir(join(root, 'node_modules'));
    await symlink(join(root, 'real'), join(root, 'node_modules/pack'));
    const pack = await loadPack(join(root, 'node_modules/pack'));
    expect(pack.templates.get('plan')?.file).toBe(join(root, 'node_modules/pack/plan.md'));
  });

  it('names template files relative to a relative pack folder', async () => {
    const root = await writeTempTree({
      'packs/web/package.json': webManifest({ plan: 'plan.md' }),
      'packs/web/plan.md': templateFile('plan'),
    });
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const pack = await loadPack('packs/web');
      expect(pack.templates.get('plan')?.file).toBe(join('packs/web', 'plan.md'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('reports a package.json that is a folder as a missing manifest', async () => {
    const root = await writeTempTree({});
    await mkdir(join(root, 'package.json'));
    await writeFile(join(root, 'plan.md'), templateFile('plan'));
    expect(await failure(() => loadPack(root), root)).toMatchObject({
      code: 'SPECFORGE_PACK_NOT_FOUND',
    });
  });
});

describe('isOverlayText', () => {
  it.each([
    ['---\nextends: speckit/plan\n---\nbody', true],
    ['---  \nextends: speckit/plan\n--- \nbody', true],
    ['---\nid: plan\n---  \nextends: after the front matter\n', false],
    ['\uFEFF---\r\nid: plan\r\nextends: speckit/plan\r\n---\r\n', true],
    ['---\nid: plan\n---\nextends: not front matter\n', false],
    ['---\ndescription: |\n  extends: inside a block scalar\n---\n', false],
    ['# no front matter\nextends: x\n', false],
  ])('tells whether %j is an overlay', (text, expected) => {
    expect(isOverlayText(text)).toBe(expected);
  });
});

describe('loadPack with overlays', () => {
  const overlay = '---\nextends: speckit/plan\n---\n<!-- specforge: remove deployment -->\n';

  it('keeps overlay files apart from full templates when the pack extends a base', async () => {
    const root = await writeTempTree({
      'package.json': manifest({
        name: '@acme/templates',
        version: '0.1.0',
        specforge: { name: 'acme', extends: '@specforge/templates-speckit@^1.0.0', templates: { plan: 'plan.md', tasks: 'tasks.md' } },
      }),
      'plan.md': overlay,
      'tasks.md': templateFile('tasks'),
    });
    const pack = await loadPack(root);
    expect(pack.extends).toBe('@specforge/templates-speckit@^1.0.0');
    expect([...pack.templates.keys()]).toEqual(['tasks']);
    expect(pack.overlays.get('plan')).toEqual({ id: 'plan', file: join(root, 'plan.md'), text: overlay });
  });

  it('rejects an overlay in a pack that extends nothing', async () => {
    const root = await writeTempTree({ 'package.json': webManifest({ plan: 'plan.md' }), 'plan.md': overlay });
    expect(await failure(() => loadPack(root))).toMatchObject({
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      message: expect.stringContaining('is an overlay (its front matter has "extends"), but the pack extends no base pack'),
    });
  });
});
