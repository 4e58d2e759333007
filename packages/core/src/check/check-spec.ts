import type { Requirement, Spec } from '../spec/model.js';
import { parsedDocumentOf } from '../spec/parse-spec.js';
import { codePointLength, lineAt, type Source } from '../spec/source.js';
import type { TemplateSource } from '../template/types.js';
import { createFinding, type Finding, sortFindings } from './finding.js';
import { checkIds } from './ids.js';
import { findPlaceholders } from './placeholders.js';
import { proseBlocksOfSpec } from './prose.js';
import { findMissingSections, templateName } from './required-sections.js';

/** Options for {@link checkSpec}. */
export interface CheckSpecOptions {
  /** The spec's path as findings should name it. */
  file: string;
  /**
   * The template specs are written with (the project's `spec.template`, by default
   * `speckit/spec`): its required sections, placeholders and id patterns apply. Without it only
   * open questions and duplicate ids are checked.
   */
  template?: TemplateSource;
}

/**
 * Checks a parsed spec:
 * - every `[NEEDS CLARIFICATION: …]` marker → `SPECFORGE_CHECK_CLARIFICATION_OPEN` (warning);
 * - an FR/SC id defined twice → `SPECFORGE_CHECK_ID_DUPLICATE` (error) at the second definition;
 * - an id not matching the template's `idPatterns` → `SPECFORGE_CHECK_ID_MALFORMED` (error);
 * - the template's `requiredSections` missing → `SPECFORGE_CHECK_SECTION_MISSING` (error);
 * - the template's `placeholders` left in prose → `SPECFORGE_CHECK_PLACEHOLDER_LEFT` (error).
 *
 * Pure: reads nothing but its arguments. Findings are sorted by line and column.
 *
 * @example
 * ```ts
 * const findings = checkSpec(parseSpec(text, { file: 'spec.md' }), { file: 'spec.md', template });
 * ```
 */
export function checkSpec(spec: Spec, options: CheckSpecOptions): Finding[] {
  const { file, template } = options;
  const findings: Finding[] = spec.clarifications.map((marker) =>
    createFinding(
      'SPECFORGE_CHECK_CLARIFICATION_OPEN',
      { text: marker.text },
      { file, line: marker.line, column: marker.column },
    ),
  );
  const { source } = parsedDocumentOf(spec);
  const ids = [...spec.requirements, ...spec.successCriteria].map((item) => ({
    id: item.id,
    line: item.line,
    column: idColumn(source, item),
  }));
  findings.push(...checkIds(ids, template, file));
  if (template) {
    findings.push(...findMissingSections(spec.sections, template, file));
    for (const hit of findPlaceholders(proseBlocksOfSpec(spec), template.meta.placeholders)) {
      findings.push(
        createFinding(
          'SPECFORGE_CHECK_PLACEHOLDER_LEFT',
          { text: hit.text, template: templateName(template) },
          { file, line: hit.line, column: hit.column },
        ),
      );
    }
  }
  return sortFindings(findings);
}

// The model keeps only the line of an id; its column is where the id first appears on it.
function idColumn(source: Source, item: Requirement): number {
  const line = lineAt(source, item.line);
  const index = line.indexOf(item.id);
  return index < 0 ? 1 : codePointLength(line.slice(0, index)) + 1;
}
