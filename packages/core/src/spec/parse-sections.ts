import { parseBlocks } from './markdown.js';
import type { Section } from './model.js';
import { buildOutline } from './sections.js';
import { createSource } from './source.js';

/**
 * The section tree of a Markdown text with no front matter (a template body, an overlay
 * region), exactly as {@link parseSpec} builds `Spec.sections` (headings in fences, HTML and
 * containers are not headings; a single H1 is the title, not a section), without reading the
 * requirements, stories and other parts of a spec: for callers that need only the outline. A
 * leading `---` block is Markdown here (a thematic break), not front matter. Line numbers
 * count from the first line of `text`; a leading BOM is not part of line 1.
 *
 * @example
 * ```ts
 * parseSections('# Plan\n\n## Summary\n\n## Risks\n').map((s) => s.title); // ['Summary', 'Risks']
 * ```
 */
export function parseSections(text: string): Section[] {
  const source = createSource(text);
  const blocks = parseBlocks(source, 1);
  return buildOutline(source, blocks, source.lines.length).roots.map((node) => node.section);
}
