import type { Section } from '../spec/model.js';
import { flattenSections } from '../spec/section-lookup.js';
import type { TemplateSource } from '../template/types.js';
import { createFinding, type Finding } from './finding.js';

/** The template as findings name it: `pack/id`. */
export function templateName(template: TemplateSource): string {
  return `${template.pack.name}/${template.meta.id}`;
}

/**
 * A `SPECFORGE_CHECK_SECTION_MISSING` finding (at line 1) for every `requiredSections` path of
 * the template that the document's sections lack.
 */
export function findMissingSections(
  sections: readonly Section[],
  template: TemplateSource,
  file: string,
): Finding[] {
  const paths = new Set(flattenSections(sections).map((section) => section.path));
  return template.meta.requiredSections
    .filter((path) => !paths.has(path))
    .map((path) =>
      createFinding(
        'SPECFORGE_CHECK_SECTION_MISSING',
        { path, template: templateName(template) },
        { file, line: 1, column: 1 },
      ),
    );
}
