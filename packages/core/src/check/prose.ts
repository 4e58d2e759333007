import { type Block, parseBlocks, walkBlocks } from '../spec/markdown.js';
import { maskInlineCode } from '../spec/markers.js';
import type { Spec } from '../spec/model.js';
import { parsedDocumentOf } from '../spec/parse-spec.js';
import { codePointLength, createSource, lineAt, type Source } from '../spec/source.js';

/** A block of a document whose text is read by people: a heading, paragraph, table or HTML block. */
export interface ProseBlock {
  kind: 'heading' | 'paragraph' | 'table' | 'html';
  /** 1-based first line. */
  line: number;
  /** 1-based last line. */
  endLine: number;
  /** The block's lines as written, joined with `\n`. */
  raw: string;
}

/**
 * The prose blocks of `text` from `bodyLine` on, in document order. Code blocks are left out:
 * a plan quotes its whole spec in one, and nothing inside it belongs to the plan.
 */
export function proseBlocks(text: string, bodyLine = 1): ProseBlock[] {
  const source = createSource(text);
  return proseOf(source, parseBlocks(source, bodyLine));
}

/** {@link proseBlocks} of a parsed document, from the blocks its parse already made. */
export function proseBlocksOfSpec(spec: Spec): ProseBlock[] {
  const { source, blocks } = parsedDocumentOf(spec);
  return proseOf(source, blocks);
}

function proseOf(source: Source, parsed: readonly Block[]): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  for (const block of walkBlocks(parsed)) {
    if (
      block.kind !== 'paragraph' &&
      block.kind !== 'heading' &&
      block.kind !== 'table' &&
      block.kind !== 'html'
    )
      continue;
    const lines: string[] = [];
    for (let n = block.line; n <= block.endLine; n++) lines.push(lineAt(source, n));
    blocks.push({
      kind: block.kind,
      line: block.line,
      endLine: block.endLine,
      raw: lines.join('\n'),
    });
  }
  return blocks;
}

/**
 * The block's text with inline code spans blanked (same length, so offsets still match), and
 * HTML comments too unless `keepComments`. Backticks are literal in HTML blocks, which are
 * either kept whole (`keepComments`) or blanked whole.
 */
export function maskProse(block: ProseBlock, options: { keepComments: boolean }): string {
  if (block.kind === 'html')
    return options.keepComments ? block.raw : block.raw.replace(/[^\n]/g, ' ');
  if (!options.keepComments) return maskInlineCode(block.raw);
  // `maskInlineCode` blanks code spans and comments; hiding the comment openers first (same
  // length) makes it blank only the code spans.
  return maskInlineCode(block.raw.replaceAll('<!--', '<!~~')).replaceAll('<!~~', '<!--');
}

/** The 1-based line and column (in code points) of offset `index` of a block's `raw` text. */
export function positionIn(block: ProseBlock, index: number): { line: number; column: number } {
  const before = block.raw.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    line: block.line + (before.split('\n').length - 1),
    column: codePointLength(block.raw.slice(lineStart, index)) + 1,
  };
}
