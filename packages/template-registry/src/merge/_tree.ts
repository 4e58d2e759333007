import { splitTemplate } from '../overlay/split-template.js';
import type { SectionNode } from '../overlay/types.js';
import { contentEnd, sameLines, splitFrontMatter, toLines } from './_text.js';

/**
 * A section of one side of the merge, as lines. The root node stands for the preamble (the
 * text before the first heading): no heading, path `''`, the top-level sections as children.
 */
export interface MergeNode {
  /** The last heading-path segment (`technology-stack`); `''` for the root. */
  segment: string;
  /** The heading path in this side's document; `''` for the root. */
  path: string;
  /** Heading level, 1–6; 0 for the root. */
  level: number;
  /** The heading's lines (two for a setext heading); none for the root. */
  heading: string[];
  /** The section's own text up to its last non-blank line. */
  core: string[];
  /** The blank lines after {@link MergeNode.core}: they separate the section from what follows. */
  tail: string[];
  /** Sub-sections in document order. */
  children: MergeNode[];
  /** Position in this side's document order: the root is 0, then each section in turn. */
  order: number;
}

/** One side of the merge: front matter lines, the section tree and the final line break. */
export interface MergeDocument {
  /** The YAML front matter lines, `---` lines included; empty when there is none. */
  frontMatter: string[];
  /** The preamble and the section tree. */
  root: MergeNode;
  /** Whether the text ends with a line break. */
  finalNewline: boolean;
}

// splitTemplate records blame, which the merge has no use for.
const splitOptions = { file: 'merge', bodyLine: 1, layer: { pack: 'merge', version: '0.0.0' } };

/**
 * Reads one side (`\n` line breaks, no byte-order mark) into a {@link MergeDocument}, with the
 * sections the spec parser sees (via {@link splitTemplate}).
 */
export function readMergeDocument(text: string): MergeDocument {
  const { frontMatter, body } = splitFrontMatter(text);
  const doc = splitTemplate(body, splitOptions);
  let order = 0;
  const node = (
    segment: string,
    path: string,
    level: number,
    heading: string[],
    own: string[],
    sections: readonly SectionNode[],
  ): MergeNode => {
    const end = contentEnd(own);
    const result: MergeNode = {
      segment,
      path,
      level,
      heading,
      core: own.slice(0, end),
      tail: own.slice(end),
      children: [],
      order: order++,
    };
    result.children = sections.map((section) =>
      node(
        lastSegment(section.path),
        section.path,
        section.level,
        toLines(section.heading),
        toLines(section.body),
        section.children,
      ),
    );
    return result;
  };
  return {
    frontMatter,
    root: node('', '', 0, [], toLines(doc.preamble), doc.sections),
    finalNewline: text.endsWith('\n'),
  };
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A section's own lines: its heading, its text and the blank lines after it. */
export function ownLines(node: MergeNode): string[] {
  return [...node.heading, ...node.core, ...node.tail];
}

/**
 * True when two sections have the same heading and text; the blank lines after the text do
 * not count, as they change with what follows the section rather than with the section.
 */
export function sameOwnText(a: MergeNode, b: MergeNode): boolean {
  return sameLines(a.heading, b.heading) && sameLines(a.core, b.core);
}
