import { maskProse, type ProseBlock, positionIn, proseBlocks } from './prose.js';

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
  return findFillSlotsIn(proseBlocks(text, bodyLine));
}

/** {@link findFillSlots} over blocks already split out of the document. */
export function findFillSlotsIn(blocks: readonly ProseBlock[]): FillSlot[] {
  const slots: FillSlot[] = [];
  for (const block of blocks) {
    if (!block.raw.includes('fill:')) continue;
    const masked = maskProse(block, { keepComments: true });
    for (const m of masked.matchAll(fillStart)) {
      const end = block.raw.indexOf('-->', m.index + m[0].length);
      if (end < 0) continue;
      slots.push({
        text: block.raw
          .slice(m.index + m[0].length, end)
          .replace(/\s+/g, ' ')
          .trim(),
        ...positionIn(block, m.index),
      });
    }
  }
  return slots.sort((a, b) => a.line - b.line || a.column - b.column);
}
