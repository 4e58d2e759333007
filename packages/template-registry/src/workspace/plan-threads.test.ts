import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSpecforgeError } from '@specforge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { channelThread } from '../test-utils/channel-thread.js';
import { removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { findSpecs } from './find-specs.js';
import { openSpecWorkspace } from './open-spec-workspace.js';
import { servePlanThread } from './plan-thread.js';
import { startPlanThreads } from './plan-threads.js';
import { type PlanWorkspaceOptions, planWorkspace } from './plan-workspace.js';

afterEach(removeTempTrees);

const now = new Date('2026-01-01T00:00:00Z');
const spec = (title: string) =>
  `# Feature Specification: ${title}\n\n- **FR-001**: System MUST ${title}.\n`;
const tree = {
  '.git/HEAD': 'ref',
  'specs/001-login/spec.md': spec('log in'),
  'specs/002-broken/spec.md': '---\ntitle: [unclosed\n---\n# Broken\n',
  'specs/003-search/spec.md': spec('search'),
  'specs/004-export/spec.md': spec('export'),
  'packages/shop/specforge.config.yaml': 'plan:\n  template: speckit/tasks\n',
  'packages/shop/specs/010-cart/spec.md': spec('fill a cart'),
};

// The thread script as the package ships it: `pnpm test` builds the package first.
const builtThread = fileURLToPath(new URL('../../dist/threads/thread.js', import.meta.url));

async function open(root: string) {
  const specs = await findSpecs({ cwd: root, paths: ['.'] });
  return openSpecWorkspace({ specs, cwd: root, cacheDir: join(root, '.cache') });
}

/** Every result as data (errors by code), and every file the run left. */
async function run(root: string, options: PlanWorkspaceOptions) {
  const results = [];
  for await (const result of planWorkspace(await open(root), { now, write: true, ...options })) {
    const { project, error, change, ...rest } = result as typeof result & {
      error?: unknown;
      change?: { refusal?: unknown; text: string; previous?: string };
    };
    results.push({
      ...rest,
      spec: relative(root, result.spec),
      output: relative(root, result.output),
      project: relative(root, project.root),
      error: isSpecforgeError(error) ? error.code : error,
      refusal: isSpecforgeError(change?.refusal) ? change.refusal.code : change?.refusal,
      text: change?.text,
      previous: change?.previous,
    });
  }
  const files: Record<string, string> = {};
  for (const path of await findSpecs({ cwd: root, paths: ['.'] })) {
    for (const name of ['plan.md', 'tasks.md']) {
      const file = join(path, '..', name);
      if (existsSync(file)) files[relative(root, file)] = await readFile(file, 'utf8');
    }
  }
  return { results, files };
}

describe.skipIf(!existsSync(builtThread))('planWorkspace on threads', () => {
  it('plans, writes, refuses and fails exactly as in process', async () => {
    const inProcess = await writeTempTree(tree);
    const threaded = await writeTempTree(tree);
    for (const root of [inProcess, threaded]) {
      // An edited plan, refused in both runs.
      await run(root, { threads: 0 });
      const search = join(root, 'specs/003-search/plan.md');
      await writeFile(
        search,
        (await readFile(search, 'utf8')).replace('# Implementation Plan', '# Our plan'),
      );
      await writeFile(join(root, 'specs/004-export/spec.md'), spec('export as CSV'));
    }
    const expected = await run(inProcess, { threads: 0 });
    const got = await run(threaded, { threads: 2, threadScript: builtThread });
    expect(got).toEqual(expected);
    expect(expected.results.map((r) => r.status)).toEqual([
      'up-to-date',
      'up-to-date',
      'failed',
      'edited',
      'update',
    ]);
    expect(got.results[2]?.error).toBe('SPECFORGE_FRONT_MATTER_INVALID');
    expect(got.results[3]?.refusal).toBe('SPECFORGE_PLAN_EDITED');
  });

  it('refuses a file system of its own with threads', async () => {
    const root = await writeTempTree(tree);
    const workspace = await open(root);
    const { nodeFileSystem } = await import('@specforge/core');
    const results = planWorkspace(workspace, { threads: 1, fs: nodeFileSystem });
    await expect(results.next()).rejects.toThrow(/leave out `fs`/);
  });
});

describe('startPlanThreads', () => {
  it('sends each project once per thread and gives results back with their errors revived', async () => {
    const root = await writeTempTree(tree);
    const workspace = await open(root);
    const posted: string[] = [];
    let started = 0;
    const pool = startPlanThreads({
      count: 2,
      script: 'unused',
      settings: {
        cwd: root,
        now: now.getTime(),
        write: false,
        force: false,
        compileCacheDir: undefined,
      },
      // Threads served in this process over MessageChannels: the same messages, structured clone and all.
      spawn: () => {
        const lane = started++;
        return channelThread(
          (port) =>
            servePlanThread(port, {
              cwd: root,
              now: now.getTime(),
              write: false,
              force: false,
              compileCacheDir: undefined,
            }),
          (message) => {
            const { type, key } = message as { type: string; key: number };
            posted.push(`${lane}:${type}:${key}`);
          },
        );
      },
    });
    const results = await Promise.all(workspace.specs.map((s) => pool.plan(s)));
    await pool.close();
    expect(results.map((r) => r.status)).toEqual([
      'create',
      'create',
      'failed',
      'create',
      'create',
    ]);
    const failed = results[2];
    expect(
      failed?.status === 'failed' &&
        isSpecforgeError(failed.error, 'SPECFORGE_FRONT_MATTER_INVALID'),
    ).toBe(true);
    // Two projects, two threads: a thread is sent a project once, before its first spec of it.
    const contexts = posted.filter((p) => p.includes(':context:'));
    expect(new Set(contexts).size).toBe(contexts.length);
    expect(posted.filter((p) => p.includes(':job:'))).toHaveLength(5);
    expect(contexts.length).toBeGreaterThanOrEqual(2);
  });
});
