import { join } from 'node:path';
import { MemoryFileSystem } from '@specforge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePackManifest } from '../pack-manifest.js';
import { resolveRegistry } from '../resolve/resolve-registry.js';
import type { ResolvedPack } from '../resolve/resolved-pack.js';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { applyFork, type ForkPlan, planFork } from './plan-fork.js';

afterEach(removeTempTrees);

async function builtinPacks(): Promise<readonly ResolvedPack[]> {
  const root = await writeTempTree({});
  return (await resolveRegistry({ projectRoot: root, packs: [], cacheDir: join(root, '.cache') }))
    .packs;
}

const file = (plan: ForkPlan, path: string) => plan.files.find((f) => f.path === path)?.content;

describe('planFork', () => {
  it('keeps a fork named by its pack name a private package of the project', async () => {
    const plan = planFork({
      packs: await builtinPacks(),
      from: 'speckit/plan',
      as: 'acme',
      dir: '/p/packs/acme',
    });
    expect(plan).toMatchObject({
      name: 'acme',
      packageName: 'acme-templates',
      publishable: false,
      version: '0.1.0',
    });
    expect(JSON.parse(file(plan, 'package.json')!)).toMatchObject({
      name: 'acme-templates',
      private: true,
    });
    expect(file(plan, 'CHANGELOG.md')).toBe(
      '# acme-templates\n\n## 0.1.0\n\n- Forked from speckit@1.0.0.\n',
    );
    expect(plan.changeset).toBeUndefined();
    expect(plan.notes).toEqual([]);
  });

  it('makes a publishable package when named by a scoped package name', async () => {
    const plan = planFork({
      packs: await builtinPacks(),
      from: 'speckit/plan',
      as: '@acme/templates',
      dir: '/p/packs/acme',
    });
    expect(plan).toMatchObject({
      name: 'acme',
      packageName: '@acme/templates',
      publishable: true,
      version: '0.1.0',
    });
    expect(plan.files.map((f) => f.path)).toEqual([
      'package.json',
      'plan.md',
      'README.md',
      'CHANGELOG.md',
    ]);
    expect(file(plan, 'package.json')).toMatchInlineSnapshot(`
      "{
        "name": "@acme/templates",
        "version": "0.1.0",
        "description": "acme: specforge templates forked from speckit@1.0.0.",
        "license": "UNLICENSED",
        "keywords": [
          "specforge",
          "specforge-templates"
        ],
        "files": [
          "**/*.md"
        ],
        "exports": {
          "./package.json": "./package.json"
        },
        "specforge": {
          "name": "acme",
          "extends": "@specforge/templates-speckit@^1.0.0",
          "templates": {
            "plan": "plan.md"
          }
        }
      }
      "
    `);
    // The manifest is a valid pack manifest, named as the package says.
    expect(parsePackManifest(file(plan, 'package.json')!, { file: 'package.json' })).toMatchObject({
      name: 'acme',
      packageName: '@acme/templates',
      version: '0.1.0',
    });
    expect(file(plan, 'CHANGELOG.md')).toBe(
      '# @acme/templates\n\n## 0.1.0\n\n- Forked from speckit@1.0.0.\n',
    );
    const readme = file(plan, 'README.md')!;
    expect(readme).toMatch(/^# @acme\/templates\n/);
    expect(readme).toContain('```yaml\npacks:\n  - npm:@acme/templates@^0.1.0\n```');
    expect(readme).toContain('`specforge plan spec.md --template acme/plan`');
    expect(readme).toContain('`license` is `UNLICENSED`');
    expect(plan.changeset).toBeUndefined();
    expect(plan.notes).toEqual([
      'No changeset written: the folder is in no changesets workspace (no .changeset/config.json above it).',
    ]);
  });

  it('starts at 0.0.0 with a changeset releasing 0.1.0 inside a changesets workspace', async () => {
    const plan = planFork({
      packs: await builtinPacks(),
      from: 'speckit',
      as: '@acme/templates',
      dir: '/repo/templates/acme',
      license: 'MIT',
      copy: true,
      changesets: { root: '/repo', workspacePackage: true },
    });
    expect(plan.version).toBe('0.0.0');
    expect(JSON.parse(file(plan, 'package.json')!)).toMatchObject({
      version: '0.0.0',
      license: 'MIT',
    });
    expect(file(plan, 'CHANGELOG.md')).toBe('# @acme/templates\n');
    expect(file(plan, 'README.md')).toContain(
      'The changeset written with the fork releases it as 0.1.0.',
    );
    expect(plan.changeset).toEqual({
      path: '/repo/.changeset/new-pack-acme-templates.md',
      content:
        '---\n"@acme/templates": minor\n---\n\n' +
        'Adds the `acme` template pack, a full copy of `speckit` (speckit@1.0.0). ' +
        'Projects use it with `packs: [npm:@acme/templates@^0.1.0]` in specforge.config.yaml.\n',
    });
    expect(plan.notes).toEqual([]);
  });

  it('writes no changeset for a folder outside the workspace packages, and says why', async () => {
    const plan = planFork({
      packs: await builtinPacks(),
      from: 'speckit/plan',
      as: '@acme/templates',
      dir: '/repo/packs/acme',
      changesets: { root: '/repo', workspacePackage: false },
    });
    expect(plan.version).toBe('0.1.0');
    expect(plan.changeset).toBeUndefined();
    expect(plan.notes).toMatchInlineSnapshot(`
      [
        "No changeset written: packs/acme is not a package of the workspace; add its folder to the workspace packages (pnpm-workspace.yaml), then run \`changeset add\`.",
      ]
    `);
  });

  it('refuses a name that is neither a pack nor a scoped package, and a pack name in use', async () => {
    const packs = await builtinPacks();
    expect(
      (await failure(() => planFork({ packs, from: 'speckit', as: 'Acme', dir: '/p' }))).code,
    ).toBe('SPECFORGE_USAGE');
    expect(
      (
        await failure(() =>
          planFork({ packs, from: 'speckit', as: '@org/templates-speckit', dir: '/p' }),
        )
      ).message,
    ).toBe('A pack named "speckit" exists already; pick another name with --as.');
  });
});

describe('applyFork', () => {
  it('writes the changeset with the pack, and writes nothing when the changeset exists', async () => {
    const packs = await builtinPacks();
    const options = {
      packs,
      from: 'speckit/plan',
      as: '@acme/templates',
      dir: '/repo/templates/acme',
      changesets: { root: '/repo', workspacePackage: true },
    };
    const fs = new MemoryFileSystem();
    expect(await applyFork(planFork(options), fs)).toEqual([
      '/repo/templates/acme/package.json',
      '/repo/templates/acme/plan.md',
      '/repo/templates/acme/README.md',
      '/repo/templates/acme/CHANGELOG.md',
      '/repo/.changeset/new-pack-acme-templates.md',
    ]);

    const taken = new MemoryFileSystem({ '/repo/.changeset/new-pack-acme-templates.md': 'mine\n' });
    const error = await failure(() => applyFork(planFork(options), taken));
    expect(error.code).toBe('SPECFORGE_FILE_EXISTS');
    expect(error.message).toBe('new-pack-acme-templates.md exists already; nothing was written.');
    expect([...taken.files.keys()]).toEqual(['/repo/.changeset/new-pack-acme-templates.md']);
  });
});
