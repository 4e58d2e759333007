/**
 * True when a command with this exit code did its job: 0 (ok), 1 (problems found) or 3 (merge
 * conflicts), as opposed to 2 (bad usage or input) and 70 (internal error). Caches are saved
 * only then, so that a command refused for bad input leaves no trace anywhere.
 */
export function commandCompleted(exitCode: number): boolean {
  return exitCode === 0 || exitCode === 1 || exitCode === 3;
}
