import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitFileHistory, INDEX_REVISION } from './file-history.js';
import { createGitSandbox, type GitSandbox } from './test-utils/git-sandbox.js';

let sandbox: GitSandbox;

beforeEach(async () => {
  sandbox = await createGitSandbox();
});

afterEach(async () => {
  await sandbox.remove();
});

const decode = (bytes: Uint8Array | undefined) =>
  bytes ? new TextDecoder().decode(bytes) : undefined;

describe('createGitFileHistory', () => {
  it('lists the staged version, then the commits that changed the file, newest first', async () => {
    const repo = join(sandbox.dir, 'repo');
    await sandbox.git(['init', '--quiet', repo]);
    await mkdir(join(repo, 'specs', 'a b'), { recursive: true });
    const file = join(repo, 'specs', 'a b', 'plan*.md');
    const commits: string[] = [];
    for (const version of ['one\n', 'two\r\n', 'three\n']) {
      await writeFile(file, version);
      await writeFile(join(repo, 'other.md'), version);
      await sandbox.git(['add', '-A'], repo);
      await sandbox.git(['commit', '--quiet', '-m', version.trim()], repo);
      commits.unshift(await sandbox.git(['rev-parse', 'HEAD'], repo));
    }
    await writeFile(join(repo, 'other.md'), 'only other\n');
    await sandbox.git(['commit', '--quiet', '-am', 'other'], repo);
    await writeFile(file, 'staged\n');
    await sandbox.git(['add', '-A'], repo);

    const history = createGitFileHistory({ env: sandbox.env });
    expect(await history.revisions(file, 200)).toEqual({
      available: true,
      revisions: [INDEX_REVISION, ...commits],
    });
    expect(await history.revisions(file, 2)).toEqual({
      available: true,
      revisions: [INDEX_REVISION, commits[0]],
    });
    expect(decode(await history.read(file, INDEX_REVISION))).toBe('staged\n');
    // Bytes as committed: a CRLF version stays CRLF.
    expect(decode(await history.read(file, commits[1]!))).toBe('two\r\n');
    expect(await history.read(join(repo, 'missing.md'), commits[0]!)).toBeUndefined();
  });

  it('offers the staged version of a repository without commits', async () => {
    const repo = join(sandbox.dir, 'repo');
    await sandbox.git(['init', '--quiet', repo]);
    await writeFile(join(repo, 'plan.md'), 'generated\n');
    await sandbox.git(['add', 'plan.md'], repo);
    const history = createGitFileHistory({ env: sandbox.env });
    expect(await history.revisions(join(repo, 'plan.md'), 200)).toEqual({
      available: true,
      revisions: [INDEX_REVISION],
    });
    expect(decode(await history.read(join(repo, 'plan.md'), INDEX_REVISION))).toBe('generated\n');
  });

  it('is unavailable, with the reason, outside a repository or without git', async () => {
    const file = join(sandbox.dir, 'plain', 'plan.md');
    await mkdir(join(sandbox.dir, 'plain'));
    await writeFile(file, 'x\n');
    // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the temp folder.
    const env = { ...sandbox.env, GIT_CEILING_DIRECTORIES: sandbox.dir };
    expect(await createGitFileHistory({ env }).revisions(file, 200)).toEqual({
      available: false,
      reason: 'not in a git repository',
    });
    expect(
      await createGitFileHistory({ env: { ...env, PATH: sandbox.dir } }).revisions(file, 200),
    ).toEqual({
      available: false,
      reason: 'git is not installed',
    });
    expect(await createGitFileHistory({ env }).read(file, INDEX_REVISION)).toBeUndefined();
  });
});
