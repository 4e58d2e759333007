import { compileIdPattern } from '../template/read-check-rules.js';
import type { TemplateSource } from '../template/types.js';
import { createFinding, type Finding } from './finding.js';
import { templateName } from './required-sections.js';

/** An id a document defines (a requirement, a success criterion, a task), where it stands. */
export interface DefinedId {
  id: string;
  line: number;
  column: number;
}

/**
 * Checks the ids a document defines:
 * - an id defined again → `SPECFORGE_CHECK_ID_DUPLICATE` at the later definition;
 * - an id whose leading letters name an `idPatterns` entry of the template but which does not
 *   match that pattern → `SPECFORGE_CHECK_ID_MALFORMED`. Ids with other prefixes are not judged.
 */
export function checkIds(
  ids: readonly DefinedId[],
  template: TemplateSource | undefined,
  file: string,
): Finding[] {
  const findings: Finding[] = [];
  const patterns = new Map(
    Object.entries(template?.meta.idPatterns ?? {}).map(([prefix, pattern]) => [
      prefix,
      { pattern, regex: compileIdPattern(pattern) },
    ]),
  );
  const firstLine = new Map<string, number>();
  for (const item of ids) {
    const at = { file, line: item.line, column: item.column };
    const first = firstLine.get(item.id);
    if (first === undefined) firstLine.set(item.id, item.line);
    else
      findings.push(
        createFinding('SPECFORGE_CHECK_ID_DUPLICATE', { id: item.id, firstLine: first }, at),
      );
    const rule = patterns.get(/^[A-Za-z]+/.exec(item.id)?.[0] ?? '');
    // Ids are short; a longer token is prose that happened to start like one.
    if (template && rule && (item.id.length > 64 || !rule.regex.test(item.id))) {
      findings.push(
        createFinding(
          'SPECFORGE_CHECK_ID_MALFORMED',
          { id: item.id, pattern: rule.pattern, template: templateName(template) },
          at,
        ),
      );
    }
  }
  return findings;
}
