import { parseBlocks, walkBlocks } from '../spec/markdown.js';
import { maskInlineCode } from '../spec/markers.js';
import { codePointLength, createSource, lineAt } from '../spec/source.js';

/** A `<!-- fill: … -->` slot a template left for a person or an agent to write. */
export interface FillSlot {
  /** What to write, as the slot says (whitespace collapsed). */
  text: string;
  /** 1-based line of the `<!--`. */
  line: number;
  /** 1-based column of the `<!--`, in code points. */
  column: number;
}

const fillStart = /<!--[ \t]*fill:/g;

/**
 * Finds every `<!-- fill: … -->` slot in prose, headings, tables and HTML blocks from
 * `bodyLine` on. Slots inside code blocks (the plan quotes the spec verbatim in one) and inline
 * code spans (templates mention the syntax) are not slots; neither is a comment that never closes.
 */
export function findFillSlots(text: string, bodyLine = 1): FillSlot[] {
  const source = createSource(text);
  const slots: FillSlot[] = [];
  for (const block of walkBlocks(parseBlocks(source, bodyLine))) {
    if (
      block.kind !== 'paragraph' &&
      block.kind !== 'heading' &&
      block.kind !== 'table' &&
      block.kind !== 'html'
    )
      continue;
    const lines: string[] = [];
    for (let n = block.line; n <= block.endLine; n++) lines.push(lineAt(source, n));
    const raw = lines.join('\n');
    if (!raw.includes('fill:')) continue;
    // `maskInlineCode` blanks code spans and HTML comments; hiding the comment openers first
    // (same length) makes it blank only the code spans. Backticks are literal in HTML blocks.
    const masked =
      block.kind === 'html'
        ? raw
        : maskInlineCode(raw.replaceAll('<!--', '<!~~')).replaceAll('<!~~', '<!--');
    for (const m of masked.matchAll(fillStart)) {
      const end = raw.indexOf('-->', m.index + m[0].length);
      if (end < 0) continue;
      const before = raw.slice(0, m.index);
      const lineStart = before.lastIndexOf('\n') + 1;
      slots.push({
        text: raw
          .slice(m.index + m[0].length, end)
          .replace(/\s+/g, ' ')
          .trim(),
        line: block.line + (before.split('\n').length - 1),
        column: codePointLength(raw.slice(lineStart, m.index)) + 1,
      });
    }
  }
  return slots.sort((a, b) => a.line - b.line || a.column - b.column);
}
