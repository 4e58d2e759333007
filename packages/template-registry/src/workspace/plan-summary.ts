import type { WorkspacePlanResult } from './plan-workspace.js';

/** How many specs of a bulk plan ended which way. */
export interface PlanSummary {
  /** Created or updated (when nothing is written: would be). */
  written: number;
  /** Already up to date: nothing to write. */
  upToDate: number;
  /** Left alone: edited by hand, or not made by specforge. */
  refused: number;
  /** Could not be planned or written. */
  failed: number;
}

/** A summary with every count at zero. */
export function emptyPlanSummary(): PlanSummary {
  return { written: 0, upToDate: 0, refused: 0, failed: 0 };
}

/**
 * Counts one result of {@link planWorkspace} into `summary` (which it changes and returns), so
 * that a summary needs no list of the results.
 *
 * @example
 * ```ts
 * const summary = emptyPlanSummary();
 * for await (const result of planWorkspace(workspace)) countPlanResult(summary, result);
 * ```
 */
export function countPlanResult(summary: PlanSummary, result: WorkspacePlanResult): PlanSummary {
  switch (result.status) {
    case 'create':
    case 'update':
      summary.written += 1;
      break;
    case 'up-to-date':
      summary.upToDate += 1;
      break;
    case 'edited':
    case 'foreign':
      summary.refused += 1;
      break;
    case 'failed':
      summary.failed += 1;
      break;
  }
  return summary;
}
