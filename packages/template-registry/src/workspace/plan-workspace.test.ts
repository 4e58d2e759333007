import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { findSpecs } from './find-specs.js';
import { openSpecWorkspace } from './open-spec-workspace.js';
import { countPlanResult, emptyPlanSummary } from './plan-summary.js';
import { type PlanWorkspaceOptions, planWorkspace } from './plan-workspace.js';

afterEach(removeTempTrees);

const spec = (title: string) =>
  `# Feature Specification: ${title}\n\n- **FR-001**: System MUST ${title}.\n`;
const now = new Date('2026-01-01T00:00:00Z');

/** A repository with specs of its own and a package whose config plans with speckit/tasks. */
const tree = {
  '.git/HEAD': 'ref',
  'specs/001-login/spec.md': spec('log in'),
  'specs/002-broken/spec.md': '---\ntitle: [unclosed\n---\n# Broken\n',
  'specs/003-search/spec.md': spec('search'),
  'packages/shop/specforge.config.yaml': 'plan:\n  template: speckit/tasks\n',
  'packages/shop/specs/010-cart/spec.md': spec('fill a cart'),
};

async function run(root: string, options: PlanWorkspaceOptions = {}) {
  const specs = await findSpecs({ cwd: root, paths: ['.'] });
  const workspace = await openSpecWorkspace({ specs, cwd: root, cacheDir: join(root, '.cache') });
  const results = [];
  const summary = emptyPlanSummary();
  for await (const result of planWorkspace(workspace, { now, ...options })) {
    countPlanResult(summary, result);
    results.push({
      spec: relative(root, result.spec),
      status: result.status,
      output: relative(root, result.output),
      template: result.template,
      ...(result.status === 'failed' ? { error: result.error.code } : { written: result.written }),
    });
  }
  return { results, summary };
}

describe('planWorkspace', () => {
  it("plans every spec with its project's template, and a failed spec does not stop the others", async () => {
    const root = await writeTempTree(tree);
    expect(await run(root, { write: true })).toEqual({
      results: [
        {
          spec: 'packages/shop/specs/010-cart/spec.md',
          status: 'create',
          output: 'packages/shop/specs/010-cart/tasks.md',
          template: 'speckit@1.0.0#tasks',
          written: true,
        },
        {
          spec: 'specs/001-login/spec.md',
          status: 'create',
          output: 'specs/001-login/plan.md',
          template: 'speckit@1.0.0#plan',
          written: true,
        },
        {
          spec: 'specs/002-broken/spec.md',
          status: 'failed',
          output: 'specs/002-broken/plan.md',
          template: 'speckit@1.0.0#plan',
          error: 'SPECFORGE_FRONT_MATTER_INVALID',
        },
        {
          spec: 'specs/003-search/spec.md',
          status: 'create',
          output: 'specs/003-search/plan.md',
          template: 'speckit@1.0.0#plan',
          written: true,
        },
      ],
      summary: { written: 3, upToDate: 0, refused: 0, failed: 1 },
    });
    expect(await readFile(join(root, 'specs/001-login/plan.md'), 'utf8')).toContain(
      'System MUST log in.',
    );
  });

  it('leaves up-to-date plans alone and refuses edited ones unless forced', async () => {
    const root = await writeTempTree(tree);
    await run(root, { write: true });
    const login = join(root, 'specs/001-login/plan.md');
    const search = join(root, 'specs/003-search/plan.md');
    const before = (await stat(login)).mtimeMs;
    const edited = (await readFile(search, 'utf8')).replace('# Implementation Plan', '# Our plan');
    await writeFile(search, edited);

    const again = await run(root, { write: true });
    expect(again.summary).toEqual({ written: 0, upToDate: 2, refused: 1, failed: 1 });
    expect(again.results[3]).toMatchObject({
      spec: 'specs/003-search/spec.md',
      status: 'edited',
      written: false,
    });
    expect((await stat(login)).mtimeMs).toBe(before);
    expect(await readFile(search, 'utf8')).toBe(edited);

    const forced = await run(root, { write: true, force: true });
    expect(forced.summary).toEqual({ written: 3, upToDate: 0, refused: 0, failed: 1 });
    expect(await readFile(search, 'utf8')).not.toContain('# Our plan');
  });

  it('writes nothing without write, and says what it would do', async () => {
    const root = await writeTempTree(tree);
    const { summary, results } = await run(root);
    expect(summary).toEqual({ written: 3, upToDate: 0, refused: 0, failed: 1 });
    expect(results.map((r) => ('written' in r ? r.written : 'failed'))).toEqual([
      false,
      false,
      'failed',
      false,
    ]);
    expect(await stat(join(root, 'specs/001-login/plan.md')).catch(() => 'absent')).toBe('absent');
  });
});

describe('openSpecWorkspace', () => {
  it('fails at the config when the template it names does not exist, before planning anything', async () => {
    const root = await writeTempTree({
      ...tree,
      'packages/shop/specforge.config.yaml': 'plan:\n  template: speckit/plna\n',
    });
    const specs = await findSpecs({ cwd: root, paths: ['.'] });
    const error = await failure(
      () => openSpecWorkspace({ specs, cwd: root, cacheDir: join(root, '.cache') }),
      root,
    );
    expect(error).toMatchObject({
      code: 'SPECFORGE_TEMPLATE_NOT_FOUND',
      at: '<root>/packages/shop/specforge.config.yaml',
    });
  });

  it('groups specs by project and resolves each project once', async () => {
    const root = await writeTempTree(tree);
    const specs = await findSpecs({ cwd: root, paths: ['.'] });
    const workspace = await openSpecWorkspace({ specs, cwd: root, cacheDir: join(root, '.cache') });
    expect(
      workspace.projects.map((p) => [relative(root, p.registry.project.root), p.template.meta.id]),
    ).toEqual([
      ['packages/shop', 'tasks'],
      ['', 'plan'],
    ]);
    expect(new Set(workspace.specs.map((s) => s.project)).size).toBe(2);
  });
});
