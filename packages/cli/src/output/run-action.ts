import { ExitCode, errorToJson, exitCodeFor, printError } from './report.js';

/** Flags every command shares. */
export interface GlobalOptions {
  json?: boolean;
  debug?: boolean;
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
    process.exitCode = (await action()) ?? ExitCode.ok;
  } catch (error) {
    // Loaded only on failure so that the happy path does not pay for it.
    const { isSpecforgeError } = await import('@specforge/core');
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
