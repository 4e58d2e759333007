import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built bin shim, as installed users run it. */
export const binPath = fileURLToPath(new URL('../bin/specforge.js', import.meta.url));

/** What one run of the CLI printed and returned. */
export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs the built `specforge` bin as a subprocess, like a user in a terminal would (but no TTY). */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
    input: options.input ?? '',
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
