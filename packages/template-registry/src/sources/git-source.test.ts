import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sha256Hex } from '@specforge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../test-utils/temp-tree.js';
import { type ResolveSourceOptions, resolveSource } from './resolve-source.js';
import { type GitSourceSpec, parseSourceSpec } from './source-spec.js';

let sandbox: string;
let env: Record<string, string>;

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'specforge-git-'));
  await mkdir(join(sandbox, 'home'));
  await writeFile(join(sandbox, 'gitconfig'), '');
  // The user's own git configuration stays out of the tests; each test writes what it needs.
  env = {
    PATH: process.env.PATH ?? '',
    HOME: join(sandbox, 'home'),
    GIT_CONFIG_GLOBAL: join(sandbox, 'gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
  };
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

function git(
  args: string[],
  cwd = sandbox,
  extraEnv: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: { ...env, ...extraEnv } }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(' ')}: ${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

async function commitVersion(work: string, version: string): Promise<string> {
  const manifest = {
    name: '@acme/templates',
    version,
    specforge: { templates: { plan: 'plan.md' } },
  };
  await writeFile(join(work, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(work, 'plan.md'), `---\nid: plan\nkind: plan\n---\n# Plan ${version}\n`);
  await git(['add', '-A'], work);
  await git(['commit', '--quiet', '-m', `Release ${version}`], work);
  return git(['rev-parse', 'HEAD'], work);
}

/**
 * A pack repository with a lightweight tag v1.0.0, an annotated tag v1.1.0, a commit no ref
 * points at (1.1.1) and main at 1.2.0, served from a bare clone through a file:// URL.
 */
async function createOrigin() {
  const work = join(sandbox, 'work');
  await git(['init', '--quiet', '--initial-branch=main', work]);
  const v100 = await commitVersion(work, '1.0.0');
  await git(['tag', 'v1.0.0'], work);
  const v110 = await commitVersion(work, '1.1.0');
  await git(['tag', '--annotate', '-m', 'v1.1.0', 'v1.1.0'], work);
  const untagged = await commitVersion(work, '1.1.1');
  const main = await commitVersion(work, '1.2.0');
  const bare = join(sandbox, 'origin.git');
  await git(['clone', '--quiet', '--bare', work, bare]);
  return { work, bare, url: pathToFileURL(bare).href, commits: { v100, v110, untagged, main } };
}

function options(extra: Partial<ResolveSourceOptions> = {}): ResolveSourceOptions {
  return { projectRoot: join(sandbox, 'project'), cacheDir: join(sandbox, 'cache'), env, ...extra };
}

function resolveGit(url: string, ref: string, extra: Partial<ResolveSourceOptions> = {}) {
  return resolveSource(parseSourceSpec(`git+${url}#${ref}`), options(extra));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The cache's folders for one repository, without the ref pins. */
async function cachedEntries(url: string): Promise<string[]> {
  const dir = join(sandbox, 'cache', 'git', sha256Hex(url));
  if (!(await exists(dir))) return [];
  return (await readdir(dir)).filter((name) => name !== 'refs').sort();
}

describe('resolveSource (git)', () => {
  it('checks out a lightweight tag into the commit folder of the cache when the ref is a tag', async () => {
    const origin = await createOrigin();
    const resolved = await resolveGit(origin.url, 'v1.0.0');
    const dir = join(sandbox, 'cache', 'git', sha256Hex(origin.url), origin.commits.v100);
    expect(resolved).toEqual({
      kind: 'git',
      dir,
      version: '1.0.0',
      source: `git+${origin.url}#${origin.commits.v100}`,
      commit: origin.commits.v100,
    });
    expect((await readdir(dir)).sort()).toEqual(['package.json', 'plan.md']);
    expect(await cachedEntries(origin.url)).toEqual([origin.commits.v100]);
  });

  it('records the commit an annotated tag points at when the tag is annotated', async () => {
    const origin = await createOrigin();
    const resolved = await resolveGit(origin.url, 'v1.1.0');
    expect({ version: resolved.version, commit: resolved.commit }).toEqual({
      version: '1.1.0',
      commit: origin.commits.v110,
    });
  });

  it('fetches a commit no branch or tag points at when the ref is a full commit id', async () => {
    const origin = await createOrigin();
    const resolved = await resolveGit(origin.url, origin.commits.untagged);
    expect({ version: resolved.version, source: resolved.source }).toEqual({
      version: '1.1.1',
      source: `git+${origin.url}#${origin.commits.untagged}`,
    });
  });

  it('falls back to a full fetch when a local repository refuses a shallow fetch of a commit', async () => {
    const origin = await createOrigin();
    // Protocol v0 refuses a commit no ref advertises ("Server does not allow request for
    // unadvertised object"); protocol v2 would allow it.
    await writeFile(join(sandbox, 'gitconfig'), '[protocol]\n\tversion = 0\n');
    const resolved = await resolveGit(origin.url, origin.commits.untagged);
    expect(resolved.version).toBe('1.1.1');
    expect(await cachedEntries(origin.url)).toEqual([origin.commits.untagged]);
  });

  it('follows a branch when online and uses its last commit when offline', async () => {
    const origin = await createOrigin();
    expect((await resolveGit(origin.url, 'main')).commit).toBe(origin.commits.main);
    const next = await commitVersion(origin.work, '1.3.0');
    await git(['push', '--quiet', origin.bare, 'main'], origin.work);
    expect((await resolveGit(origin.url, 'main')).commit).toBe(next);
    await rm(origin.bare, { recursive: true });
    expect(await resolveGit(origin.url, 'main', { offline: true })).toMatchObject({
      commit: next,
      version: '1.3.0',
    });
  });

  it('reuses the cache without git when the origin is gone', async () => {
    const origin = await createOrigin();
    const byTag = await resolveGit(origin.url, 'v1.0.0');
    const byCommit = await resolveGit(origin.url, origin.commits.untagged);
    await rm(origin.bare, { recursive: true });
    expect(await resolveGit(origin.url, 'v1.0.0', { offline: true })).toEqual(byTag);
    expect(await resolveGit(origin.url, origin.commits.untagged, { offline: true })).toEqual(
      byCommit,
    );
    // A tag is pinned once fetched, so an online run does not need the network either.
    expect(await resolveGit(origin.url, 'v1.0.0')).toEqual(byTag);
    // The lock's canonical source resolves to the same folder.
    expect(await resolveSource(parseSourceSpec(byTag.source), options({ offline: true }))).toEqual(
      byTag,
    );
  });

  it('says the cache lacks the source when offline and nothing is cached', async () => {
    const origin = await createOrigin();
    const error = await failure(() => resolveGit(origin.url, 'v1.0.0', { offline: true }), sandbox);
    expect(error).toMatchObject({
      code: 'SPECFORGE_SOURCE_NOT_FOUND',
      message: `The pack source git+${origin.url.replace(sandbox, '<root>')}#v1.0.0 cannot be found: "v1.0.0" is not in the git cache (<root>/cache/git/${sha256Hex(origin.url)}) and offline mode does not fetch.`,
    });
    expect(await exists(join(sandbox, 'cache'))).toBe(false);
  });

  it('reports the ref and leaves nothing in the cache when the tag does not exist', async () => {
    const origin = await createOrigin();
    const error = await failure(() => resolveGit(origin.url, 'v9.9.9'), sandbox);
    expect(error).toMatchInlineSnapshot(`
      {
        "at": undefined,
        "code": "SPECFORGE_SOURCE_REF_NOT_FOUND",
        "hint": "List its tags with \`git ls-remote --tags <url>\` and name one that exists; write a commit in full (40 hex digits).",
        "message": "The git repository file://<root>/origin.git has no tag, branch or commit "v9.9.9" (Remote branch v9.9.9 not found in upstream origin); nothing was added to the cache.",
      }
    `);
    expect(await cachedEntries(origin.url)).toEqual([]);
  });

  it('reports the ref when no branch or tag contains the commit', async () => {
    const origin = await createOrigin();
    const error = await failure(() => resolveGit(origin.url, 'f'.repeat(40)), sandbox);
    expect(error.code).toBe('SPECFORGE_SOURCE_REF_NOT_FOUND');
    expect(await cachedEntries(origin.url)).toEqual([]);
  });

  it.each([
    ['a folder that is not a repository', 'not-a-repo'],
    ['a path that does not exist', 'missing.git'],
  ])('reports the source as not found when the URL is %s', async (_, name) => {
    await mkdir(join(sandbox, 'not-a-repo'));
    const url = pathToFileURL(join(sandbox, name)).href;
    const error = await failure(() => resolveGit(url, 'v1.0.0'), sandbox);
    expect(error).toMatchObject({
      code: 'SPECFORGE_SOURCE_NOT_FOUND',
      message: expect.stringContaining(`does not appear to be a git repository`),
    });
    expect(await cachedEntries(url)).toEqual([]);
  });

  it('runs no hook when the user configures hooks or the origin has one', async () => {
    const origin = await createOrigin();
    const marker = join(sandbox, 'hook-ran');
    const hook = `#!/bin/sh\necho "$0" >> "${marker}"\n`;
    for (const dir of ['user-hooks', 'template/hooks', 'origin.git/hooks']) {
      await mkdir(join(sandbox, dir), { recursive: true });
      await writeFile(join(sandbox, dir, 'post-checkout'), hook);
      await chmod(join(sandbox, dir, 'post-checkout'), 0o755);
    }
    await writeFile(join(origin.work, '.git/hooks/post-checkout'), hook, { mode: 0o755 });
    for (const config of [
      `[core]\n\thooksPath = ${join(sandbox, 'user-hooks')}\n`,
      `[init]\n\ttemplateDir = ${join(sandbox, 'template')}\n`,
    ]) {
      await writeFile(join(sandbox, 'gitconfig'), config);
      // The control: a plain clone with the same configuration does run the hook.
      await git(['clone', '--quiet', origin.url, join(sandbox, 'control')]);
      expect(await exists(marker)).toBe(true);
      await rm(marker);
      await rm(join(sandbox, 'control'), { recursive: true });

      await resolveGit(origin.url, 'v1.1.0');
      await resolveGit(origin.url, origin.commits.untagged);
      await rm(join(sandbox, 'cache'), { recursive: true });
      expect(await exists(marker)).toBe(false);
    }
  });

  it('never starts git when the ref looks like an option', async () => {
    const origin = await createOrigin();
    const bin = join(sandbox, 'fake-bin');
    const marker = join(sandbox, 'git-ran');
    await mkdir(bin);
    await writeFile(join(bin, 'git'), `#!/bin/sh\necho "$@" >> "${marker}"\nexit 1\n`, {
      mode: 0o755,
    });
    const fakeEnv = { ...env, PATH: bin };
    // The control: a valid source does reach the fake git.
    expect((await failure(() => resolveGit(origin.url, 'v1.0.0', { env: fakeEnv }))).code).toBe(
      'SPECFORGE_SOURCE_GIT_FAILED',
    );
    expect(await exists(marker)).toBe(true);
    await rm(marker);

    const raw = `git+${origin.url}#--upload-pack=touch ${join(sandbox, 'pwned')}`;
    expect((await failure(() => parseSourceSpec(raw))).code).toBe('SPECFORGE_SOURCE_INVALID');
    const handBuilt: GitSourceSpec = {
      kind: 'git',
      url: origin.url,
      ref: '--upload-pack=touch x',
      refKind: 'name',
      raw,
    };
    expect((await failure(() => resolveSource(handBuilt, options({ env: fakeEnv })))).code).toBe(
      'SPECFORGE_SOURCE_INVALID',
    );
    const optionUrl: GitSourceSpec = {
      kind: 'git',
      url: '--upload-pack=x',
      ref: 'v1',
      refKind: 'name',
      raw,
    };
    expect((await failure(() => resolveSource(optionUrl, options({ env: fakeEnv })))).code).toBe(
      'SPECFORGE_SOURCE_INVALID',
    );
    expect(await exists(marker)).toBe(false);
    expect(await exists(join(sandbox, 'pwned'))).toBe(false);
  });

  it('ignores a GIT_DIR inherited from a git hook when cloning', async () => {
    const origin = await createOrigin();
    const resolved = await resolveGit(origin.url, 'v1.0.0', {
      env: {
        ...env,
        GIT_DIR: join(origin.work, '.git'),
        GIT_WORK_TREE: origin.work,
        GIT_INDEX_FILE: join(sandbox, 'index'),
      },
    });
    expect(resolved.version).toBe('1.0.0');
    expect(await git(['status', '--porcelain'], origin.work)).toBe('');
  });

  it('says git is missing when git is not on the PATH', async () => {
    const origin = await createOrigin();
    await mkdir(join(sandbox, 'empty-bin'));
    const error = await failure(
      () => resolveGit(origin.url, 'v1.0.0', { env: { ...env, PATH: join(sandbox, 'empty-bin') } }),
      sandbox,
    );
    expect(error).toMatchObject({
      code: 'SPECFORGE_SOURCE_GIT_FAILED',
      message: `git could not fetch ${origin.url.replace(sandbox, '<root>')} (git is not installed or not on the PATH); nothing was added to the cache.`,
    });
    expect(await cachedEntries(origin.url)).toEqual([]);
  });

  it('keeps one complete copy when the same ref is resolved twice at once', async () => {
    const origin = await createOrigin();
    const [first, second] = await Promise.all([
      resolveGit(origin.url, 'v1.1.0'),
      resolveGit(origin.url, 'v1.1.0'),
    ]);
    expect(second).toEqual(first);
    expect(await cachedEntries(origin.url)).toEqual([origin.commits.v110]);
    expect(await readFile(join(first.dir, 'plan.md'), 'utf8')).toContain('# Plan 1.1.0');
  });
});
