import { flattenTree, matchDocuments } from './_match.js';
import { mergeLines, mergeWhole, pickTail } from './_merge-lines.js';
import { orderTriples, reordered, type Triple } from './_order.js';
import type { MergeOutput } from './_output.js';
import { type MergeNode, ownLines, sameOwnText } from './_tree.js';

/**
 * Merges the section trees of the three sides into `output`, section by section in result
 * order. A section here is a heading and its own text up to the next heading (sub-sections are
 * sections of their own), and the root stands for the preamble. Working on the flat list in
 * document order means a section that moved to another parent, or whose parent is gone, is
 * still one section with one place.
 */
export function mergeSections(
  output: MergeOutput,
  base: MergeNode,
  ours: MergeNode,
  theirs: MergeNode,
): void {
  const oursMatches = matchDocuments(base, ours);
  const theirsMatches = matchDocuments(base, theirs);
  const baseList = flattenTree(base);
  const oursList = flattenTree(ours);
  const theirsList = flattenTree(theirs);

  const tripleOf = new Map<MergeNode, Triple>();
  for (const node of baseList) {
    const triple: Triple = {
      base: node,
      ours: oursMatches.get(node),
      theirs: theirsMatches.get(node),
    };
    if (triple.ours) tripleOf.set(triple.ours, triple);
    if (triple.theirs) tripleOf.set(triple.theirs, triple);
  }
  // Sections both sides added under the same heading path are one section added twice.
  const theirsAdded = new Map<string, MergeNode>();
  for (const node of theirsList) if (!tripleOf.has(node)) theirsAdded.set(node.path, node);
  for (const node of oursList) {
    if (tripleOf.has(node)) continue;
    const twin = theirsAdded.get(node.path);
    const triple: Triple = { ours: node, theirs: twin };
    tripleOf.set(node, triple);
    if (twin) {
      tripleOf.set(twin, triple);
      theirsAdded.delete(node.path);
    }
  }
  for (const node of theirsAdded.values()) tripleOf.set(node, { theirs: node });

  // Follow upstream's order, unless only the fork reordered sections: then keep the fork's.
  const oursFirst = reordered(baseList, oursMatches) && !reordered(baseList, theirsMatches);
  const ordered = oursFirst
    ? orderTriples('ours', oursList, theirsList, tripleOf)
    : orderTriples('theirs', theirsList, oursList, tripleOf);
  for (const triple of ordered) mergeTriple(output, triple);
}

/** Writes one section by the rule for the sides that have it. */
function mergeTriple(output: MergeOutput, { base, ours, theirs }: Triple): void {
  if (base && ours && theirs) {
    // Conflicts name the base's path, so both sides recognise it whatever they renamed.
    const section = base.path;
    output.startPiece({ ours, theirs });
    mergeWhole(output, 'heading', section, ours.heading, base.heading, theirs.heading);
    mergeLines(output, section, ours.core, base.core, theirs.core);
    output.push(pickTail(ours.tail, base.tail, theirs.tail));
    return;
  }

  if (base) {
    // Removed on one side: gone if the other side left it alone, else kept inside markers.
    const kept = ours ?? theirs;
    if (kept === undefined || sameOwnText(kept, base)) return;
    output.startPiece({ ours, theirs });
    output.pushConflict(
      'removed-and-edited',
      base.path,
      ours ? ownLines(ours) : [],
      ownLines(base),
      theirs ? ownLines(theirs) : [],
    );
    return;
  }

  output.startPiece({ ours, theirs });
  if (ours && theirs) {
    // Added on both sides under one path: one section when the texts agree, else a conflict.
    if (sameOwnText(ours, theirs)) output.push(ownLines(ours));
    else output.pushConflict('added-twice', ours.path, ownLines(ours), [], ownLines(theirs));
    return;
  }
  // Added on one side only: taken as it is.
  output.push(ownLines((ours ?? theirs)!));
}
