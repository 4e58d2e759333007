import { mergeLines } from './_merge-lines.js';
import { mergeSections } from './_merge-sections.js';
import { type Markers, MergeOutput } from './_output.js';
import { readMergeDocument } from './_tree.js';
import type { MergeConflict } from './types.js';

/**
 * The full merge of three texts that already have `\n` line breaks and no byte-order mark:
 * front matter line by line, then the section tree from the root (the preamble) down. It never
 * takes a shortcut when a side is unchanged, so tests can check that it agrees with the
 * shortcuts `mergeTemplate` takes.
 */
export function mergeNormalizedTexts(
  base: string,
  ours: string,
  theirs: string,
  markers: Markers,
): { text: string; conflicts: MergeConflict[] } {
  const baseDoc = readMergeDocument(base);
  const oursDoc = readMergeDocument(ours);
  const theirsDoc = readMergeDocument(theirs);

  const output = new MergeOutput(markers);
  mergeLines(output, '', oursDoc.frontMatter, baseDoc.frontMatter, theirsDoc.frontMatter);
  mergeSections(output, baseDoc.root, oursDoc.root, theirsDoc.root);

  // A closing marker always ends its line, as git writes it; otherwise the final line break
  // follows the side that changed it.
  const finalNewline =
    output.endsWithMarker() ||
    (oursDoc.finalNewline === baseDoc.finalNewline ? theirsDoc.finalNewline : oursDoc.finalNewline);
  const { lines } = output;
  return {
    text: lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : ''),
    conflicts: output.conflicts,
  };
}
