import type { Section } from '@specforge/core';
import { type HeadingInfo, readSectionTree } from './_headings.js';
import { lineStarts } from './_lines.js';
import type { LayerRef, SectionNode, TemplateDocument } from './types.js';

/** Options for {@link splitTemplate}. */
export interface SplitTemplateOptions {
  /** The template (or overlay) file the body comes from; recorded in every section's blame. */
  file: string;
  /** 1-based line of {@link SplitTemplateOptions.file} on which the body starts (after the front matter). */
  bodyLine: number;
  /** The layer the body belongs to; every section is blamed on it. */
  layer: LayerRef;
}

/**
 * Splits a template body (Markdown with Handlebars) into a preamble and a tree of sections by
 * heading level. The headings are the ones the spec parser sees (`parseSpec`): a `#` line in a
 * code fence or an HTML comment is not a heading, a setext heading is, and a single H1 that is
 * the first heading is the document title, kept in the preamble rather than made a section.
 *
 * Nothing is normalised: {@link renderTemplateDocument} gives back `body` byte for byte, CRLF
 * line breaks and a missing final line break included. Every section is blamed on
 * `options.layer` at its heading's line in `options.file`.
 *
 * @param body - The template body, without its front matter.
 * @param options - The file, the line the body starts on, and the layer, for blame.
 * @returns The preamble and the section tree.
 *
 * @example
 * ```ts
 * const doc = splitTemplate('# Plan\n\n## Context\n\n{{fence SPECIFICATION}}\n', {
 *   file: 'plan.md',
 *   bodyLine: 5,
 *   layer: { pack: 'speckit', version: '1.0.0' },
 * });
 * doc.preamble; // '# Plan\n\n'
 * doc.sections[0]?.path; // 'context'
 * doc.sections[0]?.blame.line; // 7
 * renderTemplateDocument(doc) === '# Plan\n\n## Context\n\n{{fence SPECIFICATION}}\n'; // true
 * ```
 */
export function splitTemplate(body: string, options: SplitTemplateOptions): TemplateDocument {
  const { roots, headings } = readSectionTree(body);
  const starts = lineStarts(body);
  const startOf = (line: number) => starts[line - 1] ?? body.length;
  // Document order: heading i's section text ends where heading i + 1 starts.
  const bounds = new Map<
    Section,
    { heading: HeadingInfo; start: number; headingEnd: number; end: number }
  >();
  headings.forEach((heading, index) => {
    const next = headings[index + 1];
    bounds.set(heading.section, {
      heading,
      start: startOf(heading.line),
      headingEnd: startOf(heading.endLine + 1),
      end: next === undefined ? body.length : startOf(next.line),
    });
  });

  const build = (section: Section): SectionNode => {
    const at = bounds.get(section)!;
    return {
      title: section.title,
      slug: section.slug,
      path: section.path,
      level: section.level,
      heading: body.slice(at.start, at.headingEnd),
      body: body.slice(at.headingEnd, at.end),
      children: section.children.map(build),
      blame: {
        layer: { ...options.layer },
        file: options.file,
        line: options.bodyLine + at.heading.line - 1,
        changes: [],
      },
    };
  };

  const first = headings[0];
  return {
    preamble: first === undefined ? body : body.slice(0, startOf(first.line)),
    preambleBlame: {
      layer: { ...options.layer },
      file: options.file,
      line: options.bodyLine,
      changes: [],
    },
    sections: roots.map(build),
  };
}

/**
 * Joins a {@link TemplateDocument} back into a template body: the preamble, then each section's
 * heading, body and children in document order. The inverse of {@link splitTemplate}.
 *
 * @example
 * ```ts
 * renderTemplateDocument(splitTemplate(body, options)) === body; // always true
 * ```
 */
export function renderTemplateDocument(doc: TemplateDocument): string {
  const parts: string[] = [doc.preamble];
  const visit = (sections: readonly SectionNode[]) => {
    for (const section of sections) {
      parts.push(section.heading, section.body);
      visit(section.children);
    }
  };
  visit(doc.sections);
  return parts.join('');
}
