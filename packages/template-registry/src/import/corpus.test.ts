import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack } from '../load-pack.js';
import { findResolvedTemplate, resolveRegistry } from '../resolve/index.js';
import { removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { planSpeckitImport } from './plan-speckit-import.js';
import {
  corpusDir,
  corpusPresent,
  renderTemplate,
  warningsOf,
  withoutFrontMatter,
  writePlan,
} from './test-utils/import-helpers.js';

// Spec Kit's real releases live beside the repository (../shared/corpus/spec-kit); without them
// these tests skip, and the fixtures in plan-speckit-import.test.ts still run.
if (!corpusPresent)
  console.warn(`Skipping the Spec Kit corpus import tests: ${corpusDir} does not exist.`);

afterEach(removeTempTrees);

const releases = corpusPresent
  ? readdirSync(corpusDir)
      .filter((name) => /^v\d/.test(name))
      .sort()
  : [];
const presets = corpusPresent
  ? readdirSync(join(corpusDir, 'v1.0.1', 'presets'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

/** The version to state for a release whose pyproject.toml lags behind its tag. */
const statedVersions: Record<string, string> = { 'v0.0.30': '0.0.30' };

describe.skipIf(!corpusPresent)(
  'planSpeckitImport on the Spec Kit releases (../shared/corpus/spec-kit)',
  () => {
    it('finds the five releases', () => {
      expect(releases).toEqual(['v0.0.30', 'v0.1.4', 'v0.4.0', 'v0.8.0', 'v1.0.1']);
    });

    it.each(releases)(
      'imports %s into a pack that loads and renders each template back to the Spec Kit file',
      async (release) => {
        const root = join(corpusDir, release);
        const plan = await planSpeckitImport({ path: root, version: statedVersions[release] });
        const version = release.slice(1);
        expect(plan.pack).toEqual({
          name: 'speckit',
          version,
          packageName: 'specforge-templates-speckit',
        });
        expect(plan.detected).toBe('checkout');
        expect(plan.speckitVersion).toBe(version);
        expect(plan.warnings.map((warning) => warning.code)).toEqual(['SPECFORGE_IMPORT_SKIPPED']);

        const upstream = readdirSync(join(root, 'templates'))
          .filter((name) => name.endsWith('-template.md'))
          .sort();
        const pack = await loadPack(await writePlan(plan));
        expect([...pack.templates.keys()].sort()).toEqual(
          upstream.map((name) => name.replace(/-template\.md$/, '')).sort(),
        );
        for (const name of upstream) {
          const template = pack.templates.get(name.replace(/-template\.md$/, ''))!;
          expect(template.meta.description).toContain(
            `Imported from Spec Kit v${version} templates/${name}`,
          );
          expect(renderTemplate(template), name).toBe(
            withoutFrontMatter(readFileSync(join(root, 'templates', name), 'utf8')),
          );
        }
        // Since v0.1, tasks-template.md has front matter with a description; it joins ours.
        const upstreamDescription =
          release === 'v0.0.30' ? '' : 'Task list template for feature implementation. ';
        expect(pack.templates.get('tasks')?.meta).toMatchObject({
          kind: 'tasks',
          description: `${upstreamDescription}Imported from Spec Kit v${version} templates/tasks-template.md`,
          output: 'tasks.md',
          inputs: {},
        });
      },
    );

    it('takes v0.0.30 as 0.0.3 from its pyproject.toml when no version is stated, and warns', async () => {
      const plan = await planSpeckitImport({ path: join(corpusDir, 'v0.0.30') });
      expect(plan.pack.version).toBe('0.0.3');
      expect(warningsOf(plan)[0]).toBe(
        'SPECFORGE_IMPORT_VERSION_UNCERTAIN: The pack version is 0.0.3, but it comes from pyproject.toml (line 3) while the folder name v0.0.30 says 0.0.30.',
      );
    });

    it.each(presets)(
      'imports the preset %s over the imported v1.0.1 as Spec Kit composes it',
      async (preset) => {
        const root = join(corpusDir, 'v1.0.1', 'presets', preset);
        const base = await planSpeckitImport({ path: join(corpusDir, 'v1.0.1') });
        const plan = await planSpeckitImport({ path: root });
        expect(plan.detected).toBe('preset');
        expect(plan.extends).toMatch(/^path:\.\.\/speckit@>=\d/);

        const files = Object.fromEntries([
          ...base.files.map((file) => [`packs/speckit/${file.path}`, file.content]),
          ...plan.files.map((file) => [`packs/${plan.pack.name}/${file.path}`, file.content]),
        ]);
        const dir = await writeTempTree(files);
        const registry = await resolveRegistry({
          projectRoot: dir,
          packs: ['./packs/speckit', `./packs/${plan.pack.name}`],
          cacheDir: join(dir, '.cache'),
        });
        for (const template of plan.templates) {
          const source = readFileSync(join(root, template.from[0]!), 'utf8');
          const core = () =>
            readFileSync(
              join(corpusDir, 'v1.0.1', 'templates', `${template.id}-template.md`),
              'utf8',
            );
          // Spec Kit's resolve_content, for one preset layer over the core template.
          const expected =
            template.strategy === 'replace' || template.strategy === 'template'
              ? withoutFrontMatter(source)
              : template.strategy === 'prepend'
                ? `${source}\n\n${core()}`
                : template.strategy === 'append'
                  ? `${core()}\n\n${source}`
                  : source.split('{CORE_TEMPLATE}').join(core());
          const resolved = findResolvedTemplate(registry.packs, `${plan.pack.name}/${template.id}`);
          expect(renderTemplate(resolved.template), `${preset}: ${template.id}`).toBe(expected);
        }
      },
    );

    it('imports the scaffold preset: its spec template as a replace overlay, its extension template on its own', async () => {
      const plan = await planSpeckitImport({
        path: join(corpusDir, 'v1.0.1', 'presets', 'scaffold'),
      });
      expect({ pack: plan.pack, templates: plan.templates, warnings: warningsOf(plan) }).toEqual({
        pack: { name: 'my-preset', version: '1.0.0', packageName: 'specforge-templates-my-preset' },
        templates: [
          {
            id: 'spec',
            kind: 'spec',
            path: 'spec.md',
            strategy: 'replace',
            from: ['templates/spec-template.md'],
          },
          {
            id: 'myext',
            kind: 'other',
            path: 'myext.md',
            strategy: 'template',
            from: ['templates/myext-template.md'],
          },
        ],
        warnings: [
          'SPECFORGE_IMPORT_SKIPPED: The command speckit.specify was not imported: it is an agent command prompt, not a document template',
          'SPECFORGE_IMPORT_SKIPPED: The command speckit.myext.myextcmd was not imported: it is an agent command prompt, not a document template',
        ],
      });
    });

    it.each(['lean', 'constitution-sync'])(
      'imports the commands-only preset %s as an empty pack, with warnings',
      async (preset) => {
        const plan = await planSpeckitImport({
          path: join(corpusDir, 'v1.0.1', 'presets', preset, 'preset.yml'),
        });
        expect(plan.templates).toEqual([]);
        expect(plan.warnings.at(-1)?.code).toBe('SPECFORGE_IMPORT_EMPTY');
        const pack = await loadPack(await writePlan(plan));
        expect(pack.templates.size + pack.overlays.size).toBe(0);
      },
    );
  },
);
