import { slugify } from '../text/slug.js';
import { normalizeKey } from './keys.js';
import type { Block, HeadingBlock } from './markdown.js';
import type { Section } from './model.js';
import { type Source, sliceLines, trimBlankEnd } from './source.js';

/** A section together with the blocks that make it up, for the extractors. */
export interface OutlineNode {
  /** The public section; its `children` mirror this node's. */
  section: Section;
  heading: HeadingBlock;
  /** Top-level blocks between the heading and the first child heading. */
  blocks: Block[];
  children: OutlineNode[];
  /** `normalizeKey(title)`, computed once: every role lookup compares it. */
  key: string;
}

/** The document split at its top-level headings. */
export interface Outline {
  /** The first heading when it is an H1 (the spec title), whether or not it is also a section. */
  titleHeading: HeadingBlock | undefined;
  /** Blocks of the header: after the title heading (or from the start) up to the next heading. */
  header: Block[];
  /** Top-level sections. */
  roots: OutlineNode[];
  /** Every section node, in document order. */
  nodes: OutlineNode[];
}

/**
 * Builds the section tree from the top-level blocks. Only headings at the top level count:
 * a heading inside a block quote or a list item does not open a section.
 *
 * The title rule: when the first heading is an H1 and no other H1 follows, it is the document
 * title, not a section, and the H2s are the roots. Otherwise every heading is a section (a
 * first H1 is then still reported as the title). A heading's parent is the nearest preceding
 * heading of a lower level, so a skipped level (H2 → H4) still nests.
 */
export function buildOutline(source: Source, blocks: Block[], lineCount: number): Outline {
  const headingIndexes: number[] = [];
  blocks.forEach((block, i) => {
    if (block.kind === 'heading') headingIndexes.push(i);
  });
  const first = headingIndexes[0] === undefined ? undefined : blocks[headingIndexes[0]];
  const titleHeading = first?.kind === 'heading' && first.level === 1 ? first : undefined;
  const h1Count = headingIndexes.filter((i) => (blocks[i] as HeadingBlock).level === 1).length;
  const titleIsDocument = titleHeading !== undefined && h1Count === 1;

  const headerStart = titleHeading ? (headingIndexes[0] ?? -1) + 1 : 0;
  const headerEnd = titleHeading
    ? (headingIndexes[1] ?? blocks.length)
    : (headingIndexes[0] ?? blocks.length);
  const header = blocks.slice(headerStart, headerEnd);

  const sectionIndexes = titleIsDocument ? headingIndexes.slice(1) : headingIndexes;
  const nodes: OutlineNode[] = [];
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  sectionIndexes.forEach((blockIndex, k) => {
    const heading = blocks[blockIndex] as HeadingBlock;
    const nextIndex = sectionIndexes[k + 1] ?? blocks.length;
    const node: OutlineNode = {
      section: {
        title: heading.content,
        // Whitespace runs do not change a slug; collapsing them first keeps slugify's
        // annotation pattern linear on pathological headings.
        slug: slugify(heading.content.replace(/\s+/g, ' ')),
        path: '',
        level: heading.level,
        line: heading.line,
        endLine: heading.endLine,
        text: '',
        children: [],
      },
      heading,
      blocks: blocks.slice(blockIndex + 1, nextIndex),
      children: [],
      key: normalizeKey(heading.content),
    };
    while (stack.length > 0 && stack[stack.length - 1]!.heading.level >= heading.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push(node);
      parent.section.children.push(node.section);
    } else {
      roots.push(node);
    }
    stack.push(node);
    nodes.push(node);
  });

  // A section ends before the next heading of its level or higher, or at the end of the text.
  nodes.forEach((node, k) => {
    const { section } = node;
    let boundary = lineCount + 1;
    for (let j = k + 1; j < nodes.length; j++) {
      const other = nodes[j]!;
      if (other.heading.level <= section.level) {
        boundary = other.heading.line;
        break;
      }
    }
    section.endLine = trimBlankEnd(
      source,
      node.heading.endLine,
      Math.max(node.heading.endLine, boundary - 1),
    );
    section.text = sliceLines(source, section.line, section.endLine);
  });

  assignPaths(roots, '');
  return { titleHeading, header, roots, nodes };
}

function assignPaths(siblings: OutlineNode[], prefix: string): void {
  const used = new Set<string>();
  for (const node of siblings) {
    const base = node.section.slug === '' ? 'section' : node.section.slug;
    let segment = base;
    // Suffixes follow document order, so a path stays put when later siblings are added.
    for (let n = 2; used.has(segment); n++) segment = `${base}-${n}`;
    used.add(segment);
    node.section.path = prefix === '' ? segment : `${prefix}/${segment}`;
    assignPaths(node.children, node.section.path);
  }
}

/** The blocks of a node and of all its descendants, child headings included, in document order. */
export function contentBlocks(node: OutlineNode): Block[] {
  const out: Block[] = [...node.blocks];
  for (const child of node.children) out.push(child.heading, ...contentBlocks(child));
  return out;
}
