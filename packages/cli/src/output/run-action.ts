import {
  acquireProjectWriteLock,
  findProject,
  isSpecforgeError,
  nodeFileSystem,
} from '@specforge/core';
import { ExitCode, errorToJson, exitCodeFor, printError } from './report.js';

/** Flags every command shares. */
export interface GlobalOptions {
  json?: boolean;
  debug?: boolean;
  /** Set by commands that write: it writes nothing. */
  dryRun?: boolean;
  /**
   * Set by commands that write into the project (its name, e.g. `plan`): the action runs under
   * the write lock of the project around the working directory, unless `dryRun`.
   */
  writesProject?: string;
}

/**
 * Runs a command action and turns its outcome into an exit code: coded errors are printed with
 * their hint and exit by kind; anything else is a bug in specforge (exit 70).
 */
export async function runAction(
  options: GlobalOptions,
  action: () => Promise<number | undefined>,
): Promise<void> {
  try {
    const command = options.writesProject;
    process.exitCode =
      (command && !options.dryRun ? await underWriteLock(command, action) : await action()) ??
      ExitCode.ok;
  } catch (error) {
    if (isSpecforgeError(error)) {
      printError(error);
      if (options.json) process.stdout.write(`${JSON.stringify(errorToJson(error), null, 2)}\n`);
      if (options.debug && error.cause)
        process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
      process.exitCode = exitCodeFor(error);
      return;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      options.debug
        ? `internal error: ${stack}\n`
        : `internal error: ${error instanceof Error ? error.message : String(error)}\n` +
            'This is a bug in specforge. Please report it with the output of the same command run with --debug.\n',
    );
    process.exitCode = ExitCode.internal;
  }
}

/**
 * Runs `action` under the write lock of the project around the working directory (see
 * `acquireProjectWriteLock`): another specforge writing the same project waits, and what a
 * crashed one left half-done is settled first.
 */
async function underWriteLock(
  command: string,
  action: () => Promise<number | undefined>,
): Promise<number | undefined> {
  const project = await findProject({ cwd: process.cwd(), fs: nodeFileSystem });
  let lock: Awaited<ReturnType<typeof acquireProjectWriteLock>>;
  try {
    lock = await acquireProjectWriteLock(project.root, { command });
  } catch (error) {
    // A project this user cannot write to: the command's own writes (if any) fail with their
    // coded error, and one that only prints (`plan --stdout`) still works.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return action();
    throw error;
  }
  try {
    return await action();
  } finally {
    await lock.release();
  }
}
