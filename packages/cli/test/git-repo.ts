import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** git with a clean, fixed identity and none of the user's configuration. */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Upstream',
    GIT_AUTHOR_EMAIL: 'upstream@example.com',
    GIT_COMMITTER_NAME: 'Upstream',
    GIT_COMMITTER_EMAIL: 'upstream@example.com',
  };
}

/**
 * Makes a git repository at `repo` with one commit and tag `v<version>` per release, each
 * commit holding exactly the release's pack folder: how an upstream publishes versions.
 */
export function makeReleaseRepo(repo: string, releases: { version: string; dir: string }[], home: string): void {
  const env = gitEnv(home);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
  mkdirSync(repo, { recursive: true });
  git('init', '--quiet', '--initial-branch=main');
  for (const release of releases) {
    for (const entry of readdirSync(repo)) if (entry !== '.git') rmSync(join(repo, entry), { recursive: true, force: true });
    cpSync(release.dir, repo, { recursive: true });
    git('add', '-A');
    git('commit', '--quiet', '--allow-empty', '-m', `Release ${release.version}`);
    git('tag', `v${release.version}`);
  }
}
