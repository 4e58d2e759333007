import { parseSpec, type Section } from '@specforge/core';
import { lineStarts, lineText } from './_lines.js';

/** A heading the spec parser found, with the extent of its heading lines. */
export interface HeadingInfo {
  /** The spec parser's section for this heading; its `line` refers to the parsed text. */
  section: Section;
  /** 1-based first line of the heading in the text given to {@link readSectionTree}. */
  line: number;
  /** 1-based last line of the heading (the underline of a setext heading). */
  endLine: number;
}

const atxHeading = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const setextUnderline = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * The section tree of `text` as `parseSpec` sees it (headings in fences, HTML and containers
 * are not headings; the single-H1 title rule applies), plus each heading's line range in
 * `text`. The spec parser would read a leading `---` block as front matter; a template body has
 * none, so the text is parsed after one added blank line (which changes no block) and lines
 * are shifted back.
 */
export function readSectionTree(text: string): { roots: Section[]; headings: HeadingInfo[] } {
  // parseSpec drops a leading BOM itself; the blank line must not hide it in line 2.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const spec = parseSpec(`\n${text.slice(bom)}`);
  const starts = lineStarts(text);
  const headings: HeadingInfo[] = [];
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      const line = section.line - 1;
      headings.push({ section, line, endLine: headingEndLine(text, starts, line) });
      visit(section.children);
    }
  };
  visit(spec.sections);
  return { roots: spec.sections, headings };
}

/**
 * The last line of the heading that starts on `line`: the line itself for an ATX heading, the
 * underline for a setext heading. The spec parser gives only the first line; a setext heading's
 * text lines cannot look like an underline (that line would have ended the heading), so the
 * first underline-shaped line after it is the one.
 */
export function headingEndLine(text: string, starts: readonly number[], line: number): number {
  if (atxHeading.test(lineText(text, starts, line))) return line;
  for (let next = line + 1; next <= starts.length; next++) {
    if (setextUnderline.test(lineText(text, starts, next))) return next;
  }
  return line;
}
