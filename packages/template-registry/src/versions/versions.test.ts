import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitSandbox, type GitSandbox } from '../rebase/test-utils/git-sandbox.js';
import { findResolvedTemplate, resolveRegistry } from '../resolve/index.js';
import { listPackVersions } from './list-pack-versions.js';
import { resolveRegistryAtPackVersion } from './resolve-at-pack-version.js';

let sandbox: GitSandbox | undefined;
afterEach(async () => {
  await sandbox?.remove();
  sandbox = undefined;
});

const overlay = (title: string) =>
  `---\nextends: speckit/plan\n---\n<!-- specforge: rename context "${title}" -->\n`;

async function writePack(root: string, version: string, title: string): Promise<void> {
  await mkdir(join(root, 'packs/team'), { recursive: true });
  await writeFile(
    join(root, 'packs/team/package.json'),
    JSON.stringify({
      name: 'team',
      version,
      specforge: { extends: '@specforge/templates-speckit', templates: { plan: 'plan.md' } },
    }),
  );
  await writeFile(join(root, 'packs/team/plan.md'), overlay(title));
}

/** A project whose own pack `team` went through 1.0.0 → 1.1.0 → 1.1.0 (a fix) → 2.0.0, one commit each. */
async function projectWithHistory(): Promise<{
  root: string;
  cacheDir: string;
  env: Record<string, string>;
}> {
  sandbox = await createGitSandbox();
  const root = join(sandbox.dir, 'project');
  await mkdir(root);
  const git = (...args: string[]) => sandbox!.git(args, root);
  await git('init', '--quiet', '--initial-branch=main');
  await writeFile(join(root, 'specforge.config.yaml'), 'packs:\n  - ./packs/team\n');
  for (const [version, title] of [
    ['1.0.0', 'Background'],
    ['1.1.0', 'Setting'],
    ['1.1.0', 'Setting and scope'],
    ['2.0.0', 'Why'],
  ] as const) {
    await writePack(root, version, title);
    await git('add', '-A');
    await git('commit', '--quiet', '-m', `team ${version}`);
  }
  return { root, cacheDir: join(sandbox.dir, 'cache'), env: sandbox.env };
}

describe('listPackVersions', () => {
  it("lists a project pack's versions from its git history, newest first, each once at its newest commit", async () => {
    const { root, cacheDir, env } = await projectWithHistory();
    const registry = await resolveRegistry({
      projectRoot: root,
      packs: ['./packs/team'],
      cacheDir,
    });
    const team = registry.packs.find((pack) => pack.name === 'team')!;
    const versions = await listPackVersions(team, { projectRoot: root, cacheDir, env });
    expect(versions.map((v) => [v.version, v.origin])).toEqual([
      ['2.0.0', 'current'],
      ['1.1.0', 'history'],
      ['1.0.0', 'history'],
    ]);
    const dir = await versions[1]!.materialize();
    expect(await readFile(join(dir, 'plan.md'), 'utf8')).toBe(overlay('Setting and scope'));
    // Materialized once: the second call reuses the folder.
    expect(await versions[1]!.materialize()).toBe(dir);
  });

  it('composes the project at another version of its pack, leaving the current one alone', async () => {
    const { root, cacheDir, env } = await projectWithHistory();
    const packs = ['./packs/team'];
    const registry = await resolveRegistry({ projectRoot: root, packs, cacheDir });
    const team = registry.packs.find((pack) => pack.name === 'team')!;
    const oldest = (await listPackVersions(team, { projectRoot: root, cacheDir, env })).at(-1)!;
    const then = await resolveRegistryAtPackVersion({
      projectRoot: root,
      packs,
      cacheDir,
      pack: team,
      dir: await oldest.materialize(),
    });
    const thenPlan = findResolvedTemplate(then.packs, 'team/plan').template;
    expect(then.packs.find((pack) => pack.name === 'team')?.version).toBe('1.0.0');
    expect(thenPlan.body).toContain('## Background');
    expect(findResolvedTemplate(registry.packs, 'team/plan').template.body).toContain('## Why');
  });

  it('offers only the installed version of a built-in pack, and of a pack outside git', async () => {
    const { root, cacheDir, env } = await projectWithHistory();
    const registry = await resolveRegistry({ projectRoot: root, packs: [], cacheDir });
    const speckit = registry.packs.find((pack) => pack.name === 'speckit')!;
    expect(
      (await listPackVersions(speckit, { projectRoot: root, cacheDir, env })).map((v) => v.origin),
    ).toEqual(['current']);
    await expect(
      resolveRegistryAtPackVersion({
        projectRoot: root,
        packs: [],
        cacheDir,
        pack: speckit,
        dir: speckit.dir,
      }),
    ).rejects.toMatchObject({ code: 'SPECFORGE_PACK_NOT_FOUND' });
  });

  it('lists the release tags of a git source and materializes one', async () => {
    sandbox = await createGitSandbox();
    const upstream = join(sandbox.dir, 'upstream');
    await mkdir(upstream);
    const git = (...args: string[]) => sandbox!.git(args, upstream);
    await git('init', '--quiet', '--initial-branch=main');
    for (const [version, title] of [
      ['1.0.0', 'Background'],
      ['1.2.0', 'Why'],
    ] as const) {
      await writeFile(
        join(upstream, 'package.json'),
        JSON.stringify({
          name: 'org',
          version,
          specforge: { extends: '@specforge/templates-speckit', templates: { plan: 'plan.md' } },
        }),
      );
      await writeFile(join(upstream, 'plan.md'), overlay(title));
      await git('add', '-A');
      await git('commit', '--quiet', '-m', version);
      await git('tag', `v${version}`);
    }
    const root = join(sandbox.dir, 'project');
    await mkdir(root);
    const cacheDir = join(sandbox.dir, 'cache');
    const packs = [`git+file://${upstream}#v1.2.0`];
    const registry = await resolveRegistry({ projectRoot: root, packs, cacheDir });
    const org = registry.packs.find((pack) => pack.name === 'org')!;
    const versions = await listPackVersions(org, { projectRoot: root, cacheDir, env: sandbox.env });
    expect(versions.map((v) => [v.version, v.origin, v.ref])).toEqual([
      ['1.2.0', 'current', ''],
      ['1.0.0', 'tag', 'v1.0.0'],
    ]);
    const then = await resolveRegistryAtPackVersion({
      projectRoot: root,
      packs,
      cacheDir,
      pack: org,
      dir: await versions[1]!.materialize(),
    });
    expect(findResolvedTemplate(then.packs, 'org/plan').template.body).toContain('## Background');
  });

  it('finds the base of an earlier version that extends a sibling pack by a relative path', async () => {
    sandbox = await createGitSandbox();
    const root = join(sandbox.dir, 'project');
    const git = (...args: string[]) => sandbox!.git(args, root);
    await mkdir(join(root, 'packs/org'), { recursive: true });
    await mkdir(join(root, 'packs/team'), { recursive: true });
    await git('init', '--quiet', '--initial-branch=main');
    await writeFile(
      join(root, 'specforge.config.yaml'),
      'packs:\n  - ./packs/org\n  - ./packs/team\n',
    );
    await writeFile(
      join(root, 'packs/org/package.json'),
      JSON.stringify({
        name: 'org',
        version: '1.0.0',
        specforge: { extends: '@specforge/templates-speckit', templates: { plan: 'plan.md' } },
      }),
    );
    await writeFile(join(root, 'packs/org/plan.md'), overlay('Org context'));
    for (const [version, title] of [
      ['1.0.0', 'Team 1'],
      ['2.0.0', 'Team 2'],
    ] as const) {
      await writeFile(
        join(root, 'packs/team/package.json'),
        JSON.stringify({
          name: 'team',
          version,
          specforge: { extends: 'path:../org', templates: { plan: 'plan.md' } },
        }),
      );
      await writeFile(
        join(root, 'packs/team/plan.md'),
        `---\nextends: org/plan\n---\n<!-- specforge: rename org-context "${title}" -->\n`,
      );
      await git('add', '-A');
      await git('commit', '--quiet', '-m', version);
    }
    const cacheDir = join(sandbox.dir, 'cache');
    const packs = ['./packs/org', './packs/team'];
    const registry = await resolveRegistry({ projectRoot: root, packs, cacheDir });
    const team = registry.packs.find((pack) => pack.name === 'team')!;
    const [, older] = await listPackVersions(team, {
      projectRoot: root,
      cacheDir,
      env: sandbox.env,
    });
    const then = await resolveRegistryAtPackVersion({
      projectRoot: root,
      packs: [team.source],
      cacheDir,
      pack: team,
      dir: await older!.materialize(),
    });
    expect(findResolvedTemplate(then.packs, 'team/plan').template.body).toContain('## Team 1');
  });
});
