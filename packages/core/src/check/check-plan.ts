import { type CheckDocumentOptions, checkDerived } from './check-derived.js';
import type { Finding } from './finding.js';

/**
 * Checks a plan (or any document made from a spec with a template):
 * - every `<!-- fill: … -->` slot left → `SPECFORGE_CHECK_FILL_LEFT` (error) at the slot;
 * - the template's `requiredSections` missing → `SPECFORGE_CHECK_SECTION_MISSING` (error, line 1);
 * - the template's `placeholders` left in prose → `SPECFORGE_CHECK_PLACEHOLDER_LEFT` (error);
 * - the template's `traces`: spec items never referenced → `SPECFORGE_CHECK_UNTRACED` (error),
 *   references to ids the spec lacks → `SPECFORGE_CHECK_REFERENCE_UNKNOWN` (error);
 * - the spec's bytes or the template no longer hash to what the provenance recorded
 *   → `SPECFORGE_CHECK_PLAN_STALE` (warning) at the provenance field.
 *
 * Pure: reads nothing but its arguments. Findings are sorted by line and column.
 *
 * @example
 * ```ts
 * const findings = checkPlan(planText, { file: 'plan.md', template, specBytes, specFile: 'spec.md' });
 * ```
 */
export function checkPlan(planText: string, options: CheckDocumentOptions): Finding[] {
  return checkDerived(planText, options, 'plan');
}
