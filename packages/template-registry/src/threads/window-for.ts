/**
 * How many items a run keeps in flight: `perLane` for each lane (the main thread and each of
 * `threads`), times four with threads. Results are yielded in order, so a lane that is slow for
 * a moment (a thread still starting, a long document) holds up the head of the window; a wider
 * one keeps the other lanes fed meanwhile. Memory stays bounded by the window, not the run.
 */
export function windowFor(perLane: number, threads: number): number {
  return threads > 0 ? perLane * (threads + 1) * 4 : perLane;
}
