import type { Section } from './model.js';

/**
 * Every section of the tree, parents before their children, in document order.
 *
 * @example
 * ```ts
 * flattenSections(spec.sections).map((s) => s.path);
 * // ['user-scenarios-testing', 'user-scenarios-testing/user-story-1-…', …]
 * ```
 */
export function flattenSections(sections: readonly Section[]): Section[] {
  const out: Section[] = [];
  const visit = (list: readonly Section[]) => {
    for (const section of list) {
      out.push(section);
      visit(section.children);
    }
  };
  visit(sections);
  return out;
}

/** The section at `path` (e.g. `requirements/functional-requirements`), or `undefined`. */
export function findSection(sections: readonly Section[], path: string): Section | undefined {
  return flattenSections(sections).find((s) => s.path === path);
}
