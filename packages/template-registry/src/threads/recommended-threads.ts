import { availableParallelism } from 'node:os';

/** Below this many specs or documents a run works in process: a thread costs more than it saves. */
export const MIN_ITEMS_PER_THREADED_RUN = 200;

/**
 * How many worker threads suit a run over `count` specs (planWorkspace) or documents
 * (checkDocuments) on this machine, besides the main thread, which works too: none for a small
 * run or a single core, else one per further core (8 lanes at most, past which the disk is the
 * limit).
 *
 * @example
 * ```ts
 * planWorkspace(workspace, { write: true, threads: recommendedThreads(workspace.specs.length) });
 * ```
 */
export function recommendedThreads(count: number, cores = availableParallelism()): number {
  if (count < MIN_ITEMS_PER_THREADED_RUN || cores < 2) return 0;
  return Math.min(cores, 8) - 1;
}
