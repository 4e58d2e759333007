import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { gitEnvironment, gitSafetyConfig, summarizeGitError } from '../sources/_git.js';

/**
 * The revisions that hold a version of a file, newest first ({@link FileHistory.revisions}), or
 * why the history cannot be read (`reason`, e.g. "not in a git repository").
 */
export type FileRevisions =
  | {
      /** The history could be read. */
      available: true;
      /** The revisions that hold a version of the file, newest first. */
      revisions: string[];
    }
  | {
      /** The history cannot be read. */
      available: false;
      /** Why, e.g. "not in a git repository". */
      reason: string;
    };

/**
 * Earlier versions of files: the port {@link findPlanBase} reads a plan's and a spec's history
 * through, so tests can hand it versions without git. {@link createGitFileHistory} is the real
 * one.
 *
 * @example
 * ```ts
 * // A history of one plan with two versions, newest first.
 * const history: FileHistory = {
 *   async revisions(file) {
 *     return file === '/p/plan.md' ? { available: true, revisions: ['r2', 'r1'] } : { available: true, revisions: [] };
 *   },
 *   async read(_file, revision) {
 *     return new TextEncoder().encode(versions[revision]);
 *   },
 * };
 * ```
 */
export interface FileHistory {
  /**
   * The revisions that hold a version of `file` (an absolute path), newest first, at most
   * `limit` of them.
   */
  revisions(file: string, limit: number): Promise<FileRevisions>;
  /** The bytes of `file` at `revision`, or `undefined` when that revision does not hold it. */
  read(file: string, revision: string): Promise<Uint8Array | undefined>;
}

/** Options for {@link createGitFileHistory}. */
export interface GitFileHistoryOptions {
  /** The environment git starts from; default `process.env` (see `gitEnvironment`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Stop each git command after this many milliseconds; default 30 s. */
  timeoutMs?: number;
}

/**
 * The revision name {@link createGitFileHistory} gives the staged version of a file (git's index),
 * listed before the commits: a plan staged as generated and edited since is found there too.
 */
export const INDEX_REVISION = 'index';

/**
 * A {@link FileHistory} over the system git: `git log --format=%H -- <file>` lists the commits
 * that changed the file (renames are not followed), `git show <commit>:./<file>` reads a version.
 * The staged version comes first, as {@link INDEX_REVISION}. Runs git the way pack sources do
 * (no hooks, no prompts, no repository variables from the environment). When git is missing,
 * the file is not in a repository, or git fails, the history is `available: false` with the
 * reason; reading never throws.
 *
 * @example
 * ```ts
 * const history = createGitFileHistory();
 * const listing = await history.revisions('/repo/specs/042/plan.md', 200);
 * if (listing.available) for (const rev of listing.revisions) await history.read('/repo/specs/042/plan.md', rev);
 * ```
 */
export function createGitFileHistory(options: GitFileHistoryOptions = {}): FileHistory {
  const run = (file: string, args: readonly string[]) =>
    runGitBytes(['-C', dirname(file), ...args], options);
  return {
    async revisions(file, limit) {
      const name = basename(file);
      const result = await run(file, [
        'log',
        `--max-count=${Math.max(0, limit)}`,
        '--format=%H',
        '--',
        name,
      ]);
      let commits: string[];
      if (result.ok)
        commits = result.stdout
          .toString('utf8')
          .split('\n')
          .filter((line) => /^[0-9a-f]+$/.test(line));
      // A repository without a commit yet still has an index.
      else if (/does not have any commits yet/.test(result.stderr)) commits = [];
      else return { available: false, reason: result.reason };
      return {
        available: true,
        revisions: [INDEX_REVISION, ...commits].slice(0, Math.max(0, limit)),
      };
    },
    async read(file, revision) {
      const object = `${revision === INDEX_REVISION ? '' : revision}:./${basename(file)}`;
      const result = await run(file, ['show', object]);
      return result.ok ? new Uint8Array(result.stdout) : undefined;
    },
  };
}

type GitResult = { ok: true; stdout: Buffer } | { ok: false; stderr: string; reason: string };

// runGit (sources/_git.ts) decodes stdout as UTF-8; a spec's history is hashed byte for byte,
// so this runs git the same way (safety config, cleaned environment, closed stdin) but keeps
// the bytes, and reports a failure as a value: history is a best-effort source.
function runGitBytes(args: readonly string[], options: GitFileHistoryOptions): Promise<GitResult> {
  // --literal-pathspecs: a file name with `*` or `:` is a name, not a pattern.
  const fullArgs = [...gitSafetyConfig, '--literal-pathspecs', ...args];
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      fullArgs,
      {
        env: gitEnvironment(options.env ?? process.env),
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true,
        encoding: 'buffer',
      },
      (error, stdout, stderrBytes) => {
        if (!error) {
          resolve({ ok: true, stdout });
          return;
        }
        const stderr = stderrBytes.toString('utf8');
        const code = (error as { code?: unknown }).code;
        const reason =
          code === 'ENOENT'
            ? 'git is not installed'
            : /not a git repository/i.test(stderr)
              ? 'not in a git repository'
              : summarizeGitError(stderr) || `git failed (${String(code ?? error.message)})`;
        resolve({ ok: false, stderr, reason });
      },
    );
    child.stdin?.end();
  });
}
