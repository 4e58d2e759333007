import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder with its own git identity and configuration, so the user's stay out of tests. */
export interface GitSandbox {
  dir: string;
  /** The environment git runs with in the sandbox. */
  env: Record<string, string>;
  /** Runs git in `cwd` (default: the sandbox) and returns its trimmed stdout. */
  git(args: readonly string[], cwd?: string): Promise<string>;
  remove(): Promise<void>;
}

/** Creates a {@link GitSandbox}; call `remove` from `afterEach`. */
export async function createGitSandbox(): Promise<GitSandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'specforge-rebase-'));
  await mkdir(join(dir, '.home'));
  await writeFile(join(dir, '.gitconfig'), '');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: join(dir, '.home'),
    GIT_CONFIG_GLOBAL: join(dir, '.gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
  };
  const git = (args: readonly string[], cwd = dir) =>
    new Promise<string>((resolve, reject) => {
      execFile('git', args, { cwd, env }, (error, stdout, stderr) =>
        error ? reject(new Error(`git ${args.join(' ')}: ${stderr}`)) : resolve(stdout.trim()),
      );
    });
  return { dir, env, git, remove: () => rm(dir, { recursive: true, force: true }) };
}
