import { parseSections, type Section } from '@specforge/core';
import { lineStarts, lineText } from './_lines.js';

/** A heading the spec parser found, with the extent of its heading lines. */
export interface HeadingInfo {
  /** The spec parser's section for this heading. */
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
 * `text`. A template body has no front matter: a leading `---` is Markdown.
 */
export function readSectionTree(text: string): SectionTree {
  let tree = trees.get(text);
  if (!tree) {
    if (trees.size >= 2_000) trees.clear();
    tree = parseSectionTree(text);
    trees.set(text, tree);
  }
  return tree;
}

/** A text's sections and the line ranges of their headings; shared, so never changed. */
export interface SectionTree {
  readonly roots: readonly Section[];
  readonly headings: readonly HeadingInfo[];
}

// A base template is split again for every overlay composed onto it (each layer of a chain,
// each version of a fork the docs site shows), and the overlays of a pack often share their
// directive contents: the same text is parsed once.
const trees = new Map<string, SectionTree>();

function parseSectionTree(text: string): SectionTree {
  const roots = parseSections(text);
  const starts = lineStarts(text);
  const headings: HeadingInfo[] = [];
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      headings.push({
        section,
        line: section.line,
        endLine: headingEndLine(text, starts, section.line),
      });
      visit(section.children);
    }
  };
  visit(roots);
  return { roots, headings };
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
