import type { Block, ListItem } from './markdown.js';
import { dedentLines, type Source } from './source.js';

/**
 * The readable source of a block: a paragraph's inline lines, a heading's text, or the
 * block's lines with their common indentation removed.
 */
export function blockText(source: Source, block: Block): string {
  if (block.kind === 'paragraph') return block.lines.join('\n').trim();
  if (block.kind === 'heading') return block.content;
  return dedentLines(source, block.line, block.endLine);
}

/** The source of several blocks, separated by blank lines; HTML blocks (comments) are left out. */
export function blocksText(source: Source, blocks: readonly Block[]): string {
  return blocks
    .filter((b) => b.kind !== 'html' && b.kind !== 'rule')
    .map((b) => blockText(source, b))
    .filter((t) => t !== '')
    .join('\n\n');
}

/** A list item's text without its marker: the first paragraph's lines, then any nested blocks. */
export function itemText(source: Source, item: ListItem): string {
  return item.children
    .map((b) => blockText(source, b))
    .filter((t) => t !== '')
    .join('\n');
}

/** A `**Label**:` (or `**Label:**`) prefix and what follows it. */
export interface BoldLabel {
  label: string;
  rest: string;
}

// `**Label**: value`, `**Label** : value`, `**Label:** value`, with an ASCII or full-width colon.
const labelOutside = /^\*\*([^*\n]+?)\*\*[ \t]*[:：][ \t]*/u;
const labelInside = /^\*\*([^*\n]+?)[ \t]*[:：][ \t]*\*\*[ \t]*/u;

/** Reads a bold label at the start of `line`, or returns `undefined`. */
export function readBoldLabel(line: string): BoldLabel | undefined {
  const m = labelOutside.exec(line) ?? labelInside.exec(line);
  if (!m) return undefined;
  const label = m[1]!.trim();
  if (label === '') return undefined;
  return { label, rest: line.slice(m[0].length).trim() };
}

/** Replaces each soft line break (and the spaces around it) with one space. */
export function joinSoftBreaks(text: string): string {
  // Split and trim rather than a `[ \t]*\n[ \t]*` regex, which is quadratic on long space runs.
  return text
    .split('\n')
    .map((line) => line.trim())
    .join(' ')
    .trim();
}
