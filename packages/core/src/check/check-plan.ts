import { readProvenance } from '../plan/provenance.js';
import { hashTemplate } from '../plan/template-inputs.js';
import { parseSpec } from '../spec/parse-spec.js';
import { flattenSections } from '../spec/section-lookup.js';
import type { TemplateSource } from '../template/types.js';
import { sha256Hex } from '../text/hash.js';
import { findFillSlots } from './fill-slots.js';
import { createFinding, type Finding, sortFindings } from './finding.js';

/** Options for {@link checkPlan}. */
export interface CheckPlanOptions {
  /** The plan's path as findings should name it. */
  file: string;
  /**
   * The template that produced the plan (found from its provenance `template` field). Without
   * it, required sections are not checked, and a plan with provenance gets a
   * `SPECFORGE_CHECK_TEMPLATE_UNKNOWN` warning.
   */
  template?: TemplateSource;
  /**
   * The current bytes of the spec the provenance names. Without them, staleness is not
   * checked, and a plan with provenance gets a `SPECFORGE_CHECK_SPEC_MISSING` warning.
   */
  specBytes?: Uint8Array;
  /** The spec's path as messages should name it; defaults to the provenance `spec` field. */
  specFile?: string;
}

/**
 * Checks a generated plan (or any document made from a template):
 * - every `<!-- fill: … -->` slot left → `SPECFORGE_CHECK_FILL_LEFT` (error) at the slot;
 * - every `requiredSections` path of the template missing from the plan's section paths
 *   → `SPECFORGE_CHECK_SECTION_MISSING` (error, line 1);
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
export function checkPlan(planText: string, options: CheckPlanOptions): Finding[] {
  const { file, template } = options;
  const { content, provenance } = readProvenance(planText);
  const plan = parseSpec(content, { file });
  const findings: Finding[] = findFillSlots(content, plan.bodyLine).map((slot) =>
    createFinding(
      'SPECFORGE_CHECK_FILL_LEFT',
      { slot: slot.text },
      { file, line: slot.line, column: slot.column },
    ),
  );

  if (template) {
    const paths = new Set(flattenSections(plan.sections).map((section) => section.path));
    const name = `${template.pack.name}/${template.meta.id}`;
    for (const path of template.meta.requiredSections) {
      if (!paths.has(path)) {
        findings.push(
          createFinding(
            'SPECFORGE_CHECK_SECTION_MISSING',
            { path, template: name },
            { file, line: 1, column: 1 },
          ),
        );
      }
    }
  }

  if (provenance) {
    // Stale findings point at the provenance field whose hash no longer matches.
    const fieldLine = (key: string): number => {
      const start = planText.lastIndexOf('<!-- specforge:provenance');
      const at = planText.indexOf(`\n${key}:`, start);
      return at < 0 ? 1 : planText.slice(0, at + 1).split(/\r\n?|\n/).length;
    };
    if (!template) {
      const at = { file, line: fieldLine('template'), column: 1 };
      findings.push(
        createFinding('SPECFORGE_CHECK_TEMPLATE_UNKNOWN', { template: provenance.template }, at),
      );
    } else if (hashTemplate(template) !== provenance.templateSha256) {
      const at = { file, line: fieldLine('template-sha256'), column: 1 };
      findings.push(
        createFinding(
          'SPECFORGE_CHECK_PLAN_STALE',
          { what: 'template', source: provenance.template },
          at,
        ),
      );
    }
    const specFile = options.specFile ?? provenance.spec;
    if (!options.specBytes) {
      const at = { file, line: fieldLine('spec'), column: 1 };
      findings.push(createFinding('SPECFORGE_CHECK_SPEC_MISSING', { spec: specFile }, at));
    } else if (sha256Hex(options.specBytes) !== provenance.specSha256) {
      const at = { file, line: fieldLine('spec-sha256'), column: 1 };
      findings.push(
        createFinding('SPECFORGE_CHECK_PLAN_STALE', { what: 'spec', source: specFile }, at),
      );
    }
  }
  return sortFindings(findings);
}
