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
  for (const block of blocks) {
    const masked = maskProse(block, { keepComments: false });
    for (const placeholder of placeholders) {
      const guardStart = wordChar.test(placeholder[0] ?? '');
      const guardEnd = wordChar.test(placeholder.at(-1) ?? '');
      for (
        let at = masked.indexOf(placeholder);
        at >= 0;
        at = masked.indexOf(placeholder, at + 1)
      ) {
        const end = at + placeholder.length;
        if (guardStart && at > 0 && wordChar.test(masked[at - 1] ?? '')) continue;
        if (guardEnd && end < masked.length && wordChar.test(masked[end] ?? '')) continue;
        hits.push({ text: placeholder, ...positionIn(block, at) });
      }
    }
  }
  return hits.sort((a, b) => a.line - b.line || a.column - b.column);
}
