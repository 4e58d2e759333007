import { escapeHtml } from '../render/escape-html.js';
import { type HeadingLevels, nextHeadingLevel } from '../render/heading-levels.js';
import type { MarkdownRenderer } from '../render/markdown.js';
import type { SiteSection } from '../site-model/types.js';

/** A section of a template body rendered to HTML, with its sub-sections. */
export interface RenderedSection {
  section: SiteSection;
  /** `<hN id="anchor">` with the title's inline Markdown. */
  headingHtml: string;
  /** The section's own Markdown below its heading. */
  bodyHtml: string;
  children: RenderedSection[];
}

/** Options for {@link renderSectionTree}. */
export interface RenderSectionTreeOptions {
  /** A class for a section's heading element, e.g. to mark the sections that changed. */
  headingClass?: (section: SiteSection) => string | undefined;
}

/**
 * Renders a template body (its preamble and section tree) for a page whose body sits under an
 * `<h2>`: the template's shallowest heading becomes `<h3>`, and headings are rendered in
 * document order so that none skips a level.
 */
export function renderSectionTree(
  preamble: string,
  sections: readonly SiteSection[],
  markdown: MarkdownRenderer,
  options: RenderSectionTreeOptions = {},
): { preambleHtml: string; sections: RenderedSection[] } {
  const own = collectLevels(sections);
  const preambleLevel = markdown.minHeadingLevel(preamble);
  if (preambleLevel !== undefined) own.push(preambleLevel);
  const levels: HeadingLevels = { shift: own.length > 0 ? 3 - Math.min(...own) : 0, previous: 2 };
  const preambleHtml = markdown.render(preamble, { levels });
  const toRendered = (section: SiteSection): RenderedSection => {
    const level = nextHeadingLevel(levels, section.level);
    const className = options.headingClass?.(section);
    const classAttribute = className ? ` class="${escapeHtml(className)}"` : '';
    const headingHtml = `<h${level} id="${escapeHtml(section.anchor)}"${classAttribute}>${markdown.renderInline(section.title)}</h${level}>`;
    const bodyHtml = markdown.render(section.body, { levels });
    return { section, headingHtml, bodyHtml, children: section.children.map(toRendered) };
  };
  return { preambleHtml, sections: sections.map(toRendered) };
}

function collectLevels(sections: readonly SiteSection[]): number[] {
  return sections.flatMap((section) => [section.level, ...collectLevels(section.children)]);
}
