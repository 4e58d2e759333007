import type { Requirement, Spec } from '../spec/model.js';
import { codePointLength, createSource, lineAt, type Source } from '../spec/source.js';
import { createFinding, type Finding, sortFindings } from './finding.js';

/**
 * The one shape accepted for `FR-` and `SC-` ids: three digits and an optional lower-case
 * letter (`FR-001`, `FR-012a`). Ids with other prefixes (translated templates: `EF-001`,
 * `YC-01`) are not judged.
 */
export const WELL_FORMED_ID = /^(FR|SC)-\d{3}[a-z]?$/;

/**
 * Checks a parsed spec:
 * - every `[NEEDS CLARIFICATION: …]` marker → `SPECFORGE_CHECK_CLARIFICATION_OPEN` (warning);
 * - an FR/SC id defined twice → `SPECFORGE_CHECK_ID_DUPLICATE` (error) at the second definition;
 * - an `FR-`/`SC-` id not matching {@link WELL_FORMED_ID} → `SPECFORGE_CHECK_ID_MALFORMED` (error).
 *
 * Pure: reads nothing but `spec`. Findings are sorted by line and column.
 *
 * @example
 * ```ts
 * const findings = checkSpec(parseSpec(text, { file: 'spec.md' }), 'spec.md');
 * ```
 */
export function checkSpec(spec: Spec, file: string): Finding[] {
  const findings: Finding[] = spec.clarifications.map((marker) =>
    createFinding(
      'SPECFORGE_CHECK_CLARIFICATION_OPEN',
      { text: marker.text },
      { file, line: marker.line, column: marker.column },
    ),
  );
  const source = createSource(spec.text);
  const firstLine = new Map<string, number>();
  for (const item of [...spec.requirements, ...spec.successCriteria]) {
    const at = { file, line: item.line, column: idColumn(source, item) };
    const first = firstLine.get(item.id);
    if (first === undefined) firstLine.set(item.id, item.line);
    else
      findings.push(
        createFinding('SPECFORGE_CHECK_ID_DUPLICATE', { id: item.id, firstLine: first }, at),
      );
    if (/^(FR|SC)-/.test(item.id) && !WELL_FORMED_ID.test(item.id)) {
      findings.push(createFinding('SPECFORGE_CHECK_ID_MALFORMED', { id: item.id }, at));
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
