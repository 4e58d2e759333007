import { type CheckDocumentOptions, checkDerived } from './check-derived.js';
import type { Finding } from './finding.js';

/**
 * Checks a task list: everything {@link checkPlan} checks, plus its task ids (read with
 * `parseTasks`): an id used twice → `SPECFORGE_CHECK_ID_DUPLICATE`, an id that does not match
 * the template's `idPatterns` (e.g. `T: 'T\d{3}[a-z]?'`) → `SPECFORGE_CHECK_ID_MALFORMED`. A task
 * whose `[USn]` names a story the spec lacks is reported by a `stories` trace rule.
 *
 * @example
 * ```ts
 * const findings = checkTasks(tasksText, { file: 'tasks.md', template, specBytes, specFile: 'spec.md' });
 * ```
 */
export function checkTasks(tasksText: string, options: CheckDocumentOptions): Finding[] {
  return checkDerived(tasksText, options, 'task list');
}
