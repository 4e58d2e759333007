import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProjectRegistry } from '@specforge/template-registry';
import { afterEach, describe, expect, it } from 'vitest';
import { buildVersionsModel, changedSections } from './pack-versions.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

describe('changedSections', () => {
  it('names the sections whose own text differs, added or removed, not their parents', () => {
    const current = '# T\n\n## A\n\nOne.\n\n### A1\n\nTwo.\n\n## B\n\nThree.\n';
    const other = '# T\n\n## A\n\nOne.\n\n### A1\n\nTwo, changed.\n\n## C\n\nNew.\n';
    expect(changedSections(current, other)).toEqual(['a/a1', 'c', 'b']);
    expect(changedSections(current, current)).toEqual([]);
  });
});

describe('buildVersionsModel', () => {
  it("gives every version of a project pack from git history, each template's body there, and its changelog", async () => {
    const root = await mkdtemp(join(tmpdir(), 'specforge-site-versions-'));
    made.push(root);
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, env: gitEnv, stdio: 'pipe' });
    git('init', '--quiet', '--initial-branch=main');
    await writeFile(join(root, 'specforge.config.yaml'), 'packs:\n  - ./packs/team\n');
    await mkdir(join(root, 'packs/team'), { recursive: true });
    for (const [version, title] of [
      ['1.0.0', 'Background'],
      ['1.1.0', 'Why'],
    ] as const) {
      await writeFile(
        join(root, 'packs/team/package.json'),
        JSON.stringify({
          name: 'team',
          version,
          specforge: { extends: '@specforge/templates-speckit', templates: { plan: 'plan.md' } },
        }),
      );
      await writeFile(
        join(root, 'packs/team/plan.md'),
        `---\nextends: speckit/plan\n---\n<!-- specforge: rename context "${title}" -->\n`,
      );
      git('add', '-A');
      git('commit', '--quiet', '-m', version);
    }
    await writeFile(
      join(root, 'packs/team/CHANGELOG.md'),
      '# team\n\n## 1.1.0\n\n- Context is now Why.\n',
    );
    const cacheDir = join(root, '.cache');
    const registry = await openProjectRegistry({ cwd: root, cacheDir });
    const [team, ...others] = await buildVersionsModel(registry, { cacheDir, env: gitEnv });
    expect(others).toEqual([]);
    expect(team?.pack).toBe('team');
    expect(team?.versions.map((v) => [v.version, v.origin, v.error])).toEqual([
      ['1.1.0', 'current', undefined],
      ['1.0.0', 'history', undefined],
    ]);
    expect(team?.changelog).toContain('Context is now Why.');
    const plan = team?.templates.get('plan') ?? [];
    expect(plan.map((t) => t.version)).toEqual(['1.1.0', '1.0.0']);
    expect(plan[1]?.body).toContain('## Background');
    expect(plan[1]?.changedSections).toEqual(['background', 'why']);
    expect(plan[0]?.changedSections).toEqual([]);
  });

  it('composes earlier versions of a base pack that another pack of the project extends', async () => {
    const root = await mkdtemp(join(tmpdir(), 'specforge-site-versions-'));
    made.push(root);
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, env: gitEnv, stdio: 'pipe' });
    git('init', '--quiet', '--initial-branch=main');
    await writeFile(
      join(root, 'specforge.config.yaml'),
      'packs:\n  - ./packs/base\n  - ./packs/team\n',
    );
    await mkdir(join(root, 'packs/base'), { recursive: true });
    await mkdir(join(root, 'packs/team'), { recursive: true });
    await writeFile(
      join(root, 'packs/team/guide.md'),
      '---\nextends: base/guide\n---\n<!-- specforge: append rollout -->\nAsk the team first.\n',
    );
    await writeFile(
      join(root, 'packs/team/package.json'),
      JSON.stringify({
        name: 'team',
        version: '1.0.0',
        specforge: { extends: 'path:../base', templates: { guide: 'guide.md' } },
      }),
    );
    for (const [version, rollout] of [
      ['1.0.0', 'Slowly.'],
      ['2.0.0', 'Quickly.'],
    ] as const) {
      await writeFile(
        join(root, 'packs/base/package.json'),
        JSON.stringify({ name: 'base', version, specforge: { templates: { guide: 'guide.md' } } }),
      );
      await writeFile(
        join(root, 'packs/base/guide.md'),
        `---\nid: guide\nkind: other\n---\n# Guide\n\n## Rollout\n\n${rollout}\n`,
      );
      git('add', '-A');
      git('commit', '--quiet', '-m', version);
    }
    const cacheDir = join(root, '.cache');
    const registry = await openProjectRegistry({ cwd: root, cacheDir });
    const models = await buildVersionsModel(registry, { cacheDir, env: gitEnv });
    const base = models.find((model) => model.pack === 'base');
    expect(base?.versions.map((v) => [v.version, v.error])).toEqual([
      ['2.0.0', undefined],
      ['1.0.0', undefined],
    ]);
    expect(base?.templates.get('guide')?.[1]?.changedSections).toEqual(['rollout']);
  });
});
