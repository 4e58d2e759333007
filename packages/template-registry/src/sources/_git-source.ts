import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SpecforgeError, sha256Hex } from '@specforge/core';
import { GitCommandError, runGit, summarizeGitError } from './_git.js';
import { checkVersionRange, readPackVersion } from './_pack-version.js';
import type { ResolvedSource, ResolveSourceOptions } from './resolve-source.js';
import type { GitSourceSpec } from './source-spec.js';

/** What a tag or branch name resolved to, kept in the cache so that offline runs can use it. */
interface RefPin {
  ref: string;
  kind: 'tag' | 'branch';
  commit: string;
}

const commitPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Checks a git source out into `<cacheDir>/git/<sha256(url)>/<commit>` (or finds it there) and
 * checks its version. A commit folder only ever appears complete: git works in a temporary
 * folder next to it that is renamed into place, and removed on failure.
 */
export async function resolveGitSource(
  spec: GitSourceSpec,
  options: ResolveSourceOptions,
): Promise<ResolvedSource> {
  const repoDir = join(resolve(options.cacheDir), 'git', sha256Hex(spec.url));
  let commit = await findCachedCommit(spec, repoDir, options.offline === true);
  if (commit === undefined) {
    if (options.offline) {
      throw new SpecforgeError(
        'SPECFORGE_SOURCE_NOT_FOUND',
        {
          source: spec.raw,
          reason: `${spec.refKind === 'commit' ? 'the commit' : `"${spec.ref}"`} is not in the git cache (${repoDir}) and offline mode does not fetch.`,
        },
        {
          hint: 'Run once without --offline to fill the cache, or point the cache folder at one that has it.',
        },
      );
    }
    commit = await fetchIntoCache(spec, repoDir, options.env ?? process.env);
  }
  const dir = join(repoDir, commit);
  const version = await readPackVersion(dir, spec);
  checkVersionRange(spec, version, 'Name a tag or commit whose pack version is inside the range.');
  return { kind: 'git', dir, version, source: `git+${spec.url}#${commit}`, commit };
}

async function findCachedCommit(
  spec: GitSourceSpec,
  repoDir: string,
  offline: boolean,
): Promise<string | undefined> {
  if (spec.refKind === 'commit')
    return (await isDirectory(join(repoDir, spec.ref))) ? spec.ref : undefined;
  const pin = await readPin(repoDir, spec.ref);
  // A tag names one commit for good; a branch moves, so it is fetched again whenever the
  // network may be used.
  if (!pin || (pin.kind === 'branch' && !offline)) return undefined;
  return (await isDirectory(join(repoDir, pin.commit))) ? pin.commit : undefined;
}

async function fetchIntoCache(
  spec: GitSourceSpec,
  repoDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  let work: string;
  try {
    await mkdir(repoDir, { recursive: true });
    work = await mkdtemp(join(repoDir, '.tmp-'));
  } catch (cause) {
    throw new SpecforgeError(
      'SPECFORGE_SOURCE_GIT_FAILED',
      {
        url: spec.url,
        reason: `the cache folder ${repoDir} cannot be written (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
      },
      { hint: 'Check that the cache folder is writable, or use another one.', cause },
    );
  }
  try {
    const git = (args: string[]) => runGit(['-C', work, ...args], { env });
    let kind: RefPin['kind'] | undefined;
    if (spec.refKind === 'commit') {
      await fetchCommit(spec, work, env);
    } else {
      await run(spec, () =>
        runGit(
          [
            'clone',
            '--quiet',
            '--depth=1',
            '--no-tags',
            '--single-branch',
            '--no-recurse-submodules',
            '--template=',
            // One argument, so that the ref can never be read as an option of its own.
            `--branch=${spec.ref}`,
            '--',
            spec.url,
            work,
          ],
          { env },
        ),
      );
      kind = (await git(['symbolic-ref', '--quiet', 'HEAD']).then(
        () => true,
        () => false,
      ))
        ? 'branch'
        : 'tag';
    }
    const commit = (await run(spec, () => git(['rev-parse', '--verify', 'HEAD^{commit}']))).trim();
    if (!commitPattern.test(commit) || (spec.refKind === 'commit' && commit !== spec.ref)) {
      throw new SpecforgeError('SPECFORGE_SOURCE_GIT_FAILED', {
        url: spec.url,
        reason: `the checkout is at ${JSON.stringify(commit)}, not the commit asked for`,
      });
    }
    // The cache holds the pack's files only: no repository, config or hooks of any kind.
    await rm(join(work, '.git'), { recursive: true, force: true });
    await moveIntoPlace(work, join(repoDir, commit));
    if (kind) await writePin(repoDir, { ref: spec.ref, kind, commit });
    return commit;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function fetchCommit(
  spec: GitSourceSpec,
  work: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const git = (args: string[]) => runGit(['-C', work, ...args], { env });
  await run(spec, () => runGit(['init', '--quiet', '--template=', work], { env }));
  try {
    await git([
      'fetch',
      '--quiet',
      '--depth=1',
      '--no-tags',
      '--no-recurse-submodules',
      '--',
      spec.url,
      spec.ref,
    ]);
  } catch (error) {
    // A server speaking git's protocol v0 refuses a commit that no branch or tag points at
    // ("unadvertised object"). For a repository on this machine, fetching everything is cheap.
    if (!spec.url.toLowerCase().startsWith('file:') || classify(error) !== 'ref')
      throw toSourceError(spec, error);
    await run(spec, () =>
      git([
        'fetch',
        '--quiet',
        '--no-recurse-submodules',
        '--',
        spec.url,
        '+refs/heads/*:refs/remotes/origin/*',
        '+refs/tags/*:refs/tags/*',
      ]),
    );
    const present = await git(['cat-file', '-e', `${spec.ref}^{commit}`]).then(
      () => true,
      () => false,
    );
    if (!present) {
      throw new SpecforgeError('SPECFORGE_SOURCE_REF_NOT_FOUND', {
        url: spec.url,
        ref: spec.ref,
        reason: 'no branch or tag of the repository contains that commit',
      });
    }
  }
  await run(spec, () => git(['checkout', '--quiet', '--detach', spec.ref]));
}

// Renames the finished checkout into place. When the folder already exists (another process
// got there first, or an earlier run cached the commit under another ref), that copy is kept.
async function moveIntoPlace(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if (await isDirectory(to)) return;
    throw error;
  }
}

function pinFile(repoDir: string, ref: string): string {
  return join(repoDir, 'refs', `${sha256Hex(ref)}.json`);
}

async function readPin(repoDir: string, ref: string): Promise<RefPin | undefined> {
  try {
    const pin = JSON.parse(await readFile(pinFile(repoDir, ref), 'utf8')) as Partial<RefPin>;
    const valid =
      pin.ref === ref &&
      (pin.kind === 'tag' || pin.kind === 'branch') &&
      typeof pin.commit === 'string' &&
      commitPattern.test(pin.commit);
    return valid ? (pin as RefPin) : undefined;
  } catch {
    // A missing or damaged pin only costs a fetch.
    return undefined;
  }
}

// Written to a unique temporary file and renamed, so that concurrent runs never see half a pin.
// A pin only saves a fetch, so failing to write one does not fail the resolution.
async function writePin(repoDir: string, pin: RefPin): Promise<void> {
  const file = pinFile(repoDir, pin.ref);
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await mkdir(join(repoDir, 'refs'), { recursive: true });
    await writeFile(temp, `${JSON.stringify(pin)}\n`);
    await rename(temp, file);
  } catch {
    await rm(temp, { force: true });
  }
}

async function run<T>(spec: GitSourceSpec, command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw toSourceError(spec, error);
  }
}

function classify(error: unknown): 'ref' | 'repository' | 'other' {
  if (!(error instanceof GitCommandError) || error.failure) return 'other';
  const stderr = error.stderr;
  if (
    /Remote branch .* not found in upstream|not our ref|unadvertised object|couldn't find remote ref|no such remote ref/i.test(
      stderr,
    )
  ) {
    return 'ref';
  }
  if (
    /does not appear to be a git repository|repository .*not found|Repository not found|Could not read from remote repository|does not exist/i.test(
      stderr,
    )
  ) {
    return 'repository';
  }
  return 'other';
}

function toSourceError(spec: GitSourceSpec, error: unknown): unknown {
  if (error instanceof SpecforgeError || !(error instanceof GitCommandError)) return error;
  const reason = summarizeGitError(error.stderr) || `git exited with code ${error.exitCode}`;
  switch (classify(error)) {
    case 'ref':
      return new SpecforgeError(
        'SPECFORGE_SOURCE_REF_NOT_FOUND',
        { url: spec.url, ref: spec.ref, reason },
        {
          cause: error,
          ...(spec.refKind === 'commit'
            ? {
                hint: 'Check the commit id; the server must also allow fetching a commit by id (GitHub and GitLab do). Otherwise name a tag that points at it.',
              }
            : {}),
        },
      );
    case 'repository':
      return new SpecforgeError(
        'SPECFORGE_SOURCE_NOT_FOUND',
        {
          source: spec.raw,
          reason: `${spec.url} is not a git repository git can read (${reason}).`,
        },
        {
          hint: 'Check the URL and that you have access to the repository; a local repository is written git+file:///path/to/repo.git.',
          cause: error,
        },
      );
    default:
      return new SpecforgeError(
        'SPECFORGE_SOURCE_GIT_FAILED',
        {
          url: spec.url,
          reason:
            error.failure === 'ENOENT'
              ? 'git is not installed or not on the PATH'
              : error.failure === 'ETIMEDOUT'
                ? 'git took too long and was stopped'
                : reason,
        },
        {
          cause: error,
          ...(error.failure === 'ENOENT'
            ? { hint: 'Install git (https://git-scm.com) to use git pack sources.' }
            : {}),
        },
      );
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
