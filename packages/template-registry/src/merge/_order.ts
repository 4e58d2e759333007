import type { MergeNode } from './_tree.js';

/** One section as the three sides have it; a side that lacks the section leaves it `undefined`. */
export interface Triple {
  /** The section in the text the fork was copied from. */
  base?: MergeNode | undefined;
  /** The section in the fork. */
  ours?: MergeNode | undefined;
  /** The section in the new upstream text. */
  theirs?: MergeNode | undefined;
}

/** A side that contributes an order: ours or theirs. */
export type Side = 'ours' | 'theirs';

/**
 * True when a side put some of the base's sections in another order: the ones it has, taken in
 * base order (`base` is the base's sections in document order), are not in increasing document
 * order on that side.
 */
export function reordered(
  base: readonly MergeNode[],
  matches: ReadonlyMap<MergeNode, MergeNode>,
): boolean {
  let previous = -1;
  for (const node of base) {
    const match = matches.get(node);
    if (match === undefined) continue;
    if (match.order < previous) return true;
    previous = match.order;
  }
  return false;
}

/**
 * Orders the sections (in document order, the root first) for the result: the `primary` side's
 * order, with each section only the other side has placed right after the section that
 * precedes it on that side. Where the primary side has sections the other side lacks right
 * after that one (its additions, or sections the other side removed), the other side's section
 * goes after them, so additions on both sides at the same place come primary first.
 * Consecutive sections of the other side stay together.
 *
 * Linear: each secondary section goes into a bucket that follows a primary entry, and the
 * buckets are read out once.
 *
 * @param primaryList - The primary side's sections, in its document order.
 * @param secondaryList - The other side's sections, in its document order.
 * @param tripleOf - The triple a node of either side belongs to.
 */
export function orderTriples(
  primary: Side,
  primaryList: readonly MergeNode[],
  secondaryList: readonly MergeNode[],
  tripleOf: ReadonlyMap<MergeNode, Triple>,
): Triple[] {
  const secondary: Side = primary === 'ours' ? 'theirs' : 'ours';
  const list = primaryList.map((node) => tripleOf.get(node)!);
  const position = new Map<Triple, number>();
  list.forEach((triple, index) => {
    position.set(triple, index);
  });

  // anchorAfter[i + 1]: the entry after which a secondary section that follows entry i (or the
  // start, i = -1) goes, skipping entries the secondary side lacks.
  const anchorAfter = new Array<number>(list.length + 1);
  for (let i = list.length - 1; i >= -1; i--) {
    const next = list[i + 1];
    anchorAfter[i + 1] =
      next !== undefined && next[secondary] === undefined ? anchorAfter[i + 2]! : i;
  }

  const buckets = new Map<number, Triple[]>();
  const bucketOf = new Map<Triple, number>();
  let previous: Triple | undefined;
  for (const node of secondaryList) {
    const triple = tripleOf.get(node)!;
    if (triple[primary] === undefined) {
      const at =
        previous === undefined
          ? anchorAfter[0]!
          : (bucketOf.get(previous) ?? anchorAfter[position.get(previous)! + 1]!);
      const bucket = buckets.get(at);
      if (bucket) bucket.push(triple);
      else buckets.set(at, [triple]);
      bucketOf.set(triple, at);
    }
    previous = triple;
  }

  const ordered: Triple[] = [...(buckets.get(-1) ?? [])];
  list.forEach((triple, index) => {
    ordered.push(triple);
    for (const placed of buckets.get(index) ?? []) ordered.push(placed);
  });
  return ordered;
}
