import { maskProse, type ProseBlock, positionIn } from './prose.js';

/** A placeholder of the template found in a document. */
export interface PlaceholderHit {
  /** The placeholder, as the template declares it. */
  text: string;
  line: number;
  column: number;
}

const wordChar = /[\p{L}\p{N}_]/u;

/**
 * Finds the template's placeholders left in the document's prose. Text inside code (blocks and
 * spans) and HTML comments is not prose: templates quote their placeholders there in
 * instructions. A placeholder that starts or ends with a letter or digit only matches as a whole
 * word there, so `Task 1` is not found in `Task 12` nor `Risk` in `Risky`.
 */
export function findPlaceholders(
  blocks: readonly ProseBlock[],
  placeholders: readonly string[],
): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  if (placeholders.length === 0) return hits;
  const wanted = placeholders.map((text) => ({
    text,
    guardStart: wordChar.test(text[0] ?? ''),
    guardEnd: wordChar.test(text.at(-1) ?? ''),
  }));
  for (const block of blocks) {
    // Masking only blanks text, so a block whose raw text holds no placeholder has no hit: most
    // blocks are skipped without masking them.
    const present = wanted.filter(({ text }) => block.raw.includes(text));
    if (present.length === 0) continue;
    const masked = maskProse(block, { keepComments: false });
    for (const { text, guardStart, guardEnd } of present) {
      for (let at = masked.indexOf(text); at >= 0; at = masked.indexOf(text, at + 1)) {
        const end = at + text.length;
        if (guardStart && at > 0 && wordChar.test(masked[at - 1] ?? '')) continue;
        if (guardEnd && end < masked.length && wordChar.test(masked[end] ?? '')) continue;
        hits.push({ text, ...positionIn(block, at) });
      }
    }
  }
  return hits.sort((a, b) => a.line - b.line || a.column - b.column);
}
