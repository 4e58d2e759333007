import { gitUrlSchemes } from './source-spec.js';

/** How a git command failed: a non-zero exit, or git could not be started or was stopped. */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';

  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    /** The exit code, or `undefined` when git did not run to its end. */
    readonly exitCode: number | undefined,
    /** `ENOENT` when git is not installed, `ETIMEDOUT` when it was stopped for taking too long. */
    readonly failure: 'ENOENT' | 'ETIMEDOUT' | undefined,
  ) {
    super(
      `git ${args.join(' ')} failed: ${summarizeGitError(stderr) || failure || `exit code ${exitCode}`}`,
    );
  }
}

/** Options for {@link runGit}. */
export interface RunGitOptions {
  /** The environment to start from (credentials, SSH agent, proxies); see {@link gitEnvironment}. */
  env: Readonly<Record<string, string | undefined>>;
  /** Stop git after this many milliseconds. */
  timeoutMs?: number;
}

// A clone of a template pack is small; ten minutes covers a slow network without hanging CI.
const defaultTimeoutMs = 10 * 60 * 1000;

/**
 * Configuration every git command runs with, overriding the user's: no hooks (so nothing from
 * the user's hook folders or templates runs on checkout), only the transports of
 * {@link gitUrlSchemes} (never `ext::`, which runs commands), no submodules, no fsmonitor.
 */
export const gitSafetyConfig: readonly string[] = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'init.templateDir=',
  'protocol.allow=never',
  ...gitUrlSchemes.map((scheme) => `protocol.${scheme}.allow=always`),
  'protocol.ext.allow=never',
  'submodule.recurse=false',
  'fetch.recurseSubmodules=false',
  'advice.detachedHead=false',
].flatMap((entry) => ['-c', entry]);

// Variables that point git at another repository or inject configuration; they leak in when
// specforge runs inside a git hook, and would redirect our commands.
const repositoryVariables = new Set([
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_GRAFT_FILE',
  'GIT_SHALLOW_FILE',
  'GIT_REPLACE_REF_BASE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_TEMPLATE_DIR',
  'GIT_ALLOW_PROTOCOL',
  'GIT_PROTOCOL_FROM_USER',
]);

/**
 * The environment git runs with: `base` without the variables that redirect git to another
 * repository or inject configuration, with prompts off (`GIT_TERMINAL_PROMPT=0`), no system
 * configuration (`GIT_CONFIG_NOSYSTEM=1`), the allowed transports only, and messages in
 * English so that failures can be recognized.
 */
export function gitEnvironment(
  base: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (
      value === undefined ||
      repositoryVariables.has(key) ||
      /^GIT_CONFIG_(?:KEY|VALUE)_/.test(key)
    )
      continue;
    if (key === 'LANGUAGE' || key.startsWith('LC_')) continue;
    env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  env.GCM_INTERACTIVE = 'never';
  env.GIT_CONFIG_NOSYSTEM = '1';
  // Overrides any protocol.* setting, including one in the user's global configuration.
  env.GIT_ALLOW_PROTOCOL = gitUrlSchemes.join(':');
  env.LC_ALL = 'C';
  return env;
}

/**
 * Runs the system git with an argument array (never a shell), {@link gitSafetyConfig} and
 * {@link gitEnvironment}; stdin is closed so git can never wait for input.
 *
 * @returns git's stdout.
 * @throws {@link GitCommandError} when git fails, is missing, or takes too long.
 */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<string> {
  const fullArgs = [...gitSafetyConfig, ...args];
  // Loaded on the first git command: resolving packs from npm or paths never needs it.
  const { execFile } = process.getBuiltinModule('node:child_process');
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      fullArgs,
      {
        env: gitEnvironment(options.env),
        timeout: options.timeoutMs ?? defaultTimeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const code = (error as { code?: unknown }).code;
        const failure =
          code === 'ENOENT'
            ? 'ENOENT'
            : (error as { killed?: boolean }).killed
              ? 'ETIMEDOUT'
              : undefined;
        reject(
          new GitCommandError(args, stderr, typeof code === 'number' ? code : undefined, failure),
        );
      },
    );
    child.stdin?.end();
  });
}

/**
 * The gist of git's stderr: its `fatal:`, `error:` and `remote:` lines without the prefix (or
 * the last line when there are none), joined with `; ` and cut at 400 characters.
 */
export function summarizeGitError(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const important = lines
    .filter((line) => /^(?:fatal|error|remote):/i.test(line))
    .map((line) => line.replace(/^(?:fatal|error|remote):\s*/i, ''));
  const summary = (important.length > 0 ? important : lines.slice(-1)).join('; ');
  return summary.length > 400 ? `${summary.slice(0, 399)}…` : summary;
}
