import type { MergeNode } from './_tree.js';

/**
 * Matches the sub-sections of a base section with those of the same section on one side:
 * first by heading-path segment (the slug, with its `-2` suffix for a repeated title), then,
 * among the sections left over, a renamed section by its unchanged text.
 *
 * A rename is recognised only when it cannot be mistaken: the side's section has the base
 * section's level and exactly its text below the heading (trailing blank lines aside), that
 * text is not blank, and no other left-over section on either side has that same text. A
 * section whose own text is blank is recognised by its level and the same non-empty list of
 * sub-section slugs instead. Anything else is a removal plus an addition, which the merge
 * handles without losing text.
 *
 * Matching children of matched parents (rather than whole paths) lets a renamed parent keep its
 * sub-sections matched.
 *
 * @returns Base child → side child, for every match.
 */
export function matchChildren(
  base: readonly MergeNode[],
  side: readonly MergeNode[],
): Map<MergeNode, MergeNode> {
  const matches = new Map<MergeNode, MergeNode>();
  const sideBySegment = new Map<string, MergeNode>();
  for (const node of side) sideBySegment.set(node.segment, node);
  const matchedSide = new Set<MergeNode>();
  for (const node of base) {
    const other = sideBySegment.get(node.segment);
    if (other !== undefined) {
      matches.set(node, other);
      matchedSide.add(other);
    }
  }
  if (matches.size === base.length || matchedSide.size === side.length) return matches;

  // Renames: one candidate on each side with the same identity key.
  const baseByKey = groupBy(
    base.filter((node) => !matches.has(node)),
    identityKey,
  );
  const sideByKey = groupBy(
    side.filter((node) => !matchedSide.has(node)),
    identityKey,
  );
  for (const [key, baseNodes] of baseByKey) {
    const sideNodes = sideByKey.get(key);
    if (baseNodes.length === 1 && sideNodes?.length === 1) {
      matches.set(baseNodes[0]!, sideNodes[0]!);
    }
  }
  return matches;
}

/** What identifies a section across a rename, or `undefined` when nothing reliably does. */
function identityKey(node: MergeNode): string | undefined {
  // The kind word right after the level keeps a text key from ever equalling a children key.
  if (node.core.length > 0) return `${node.level}\0text\0${node.core.join('\n')}`;
  if (node.children.length > 0) {
    return `${node.level}\0children\0${node.children.map((child) => child.segment).join('\n')}`;
  }
  return undefined;
}

/**
 * Matches every section of the base with its counterpart on one side. First down the tree:
 * the children of matched sections by {@link matchChildren}, from the root (the preamble).
 * Then, among the sections still unmatched anywhere, a section that moved to another parent
 * (a level changed, a parent was added or removed): by its slug when exactly one unmatched
 * section on each side has it, else by its unchanged text as in {@link matchChildren}; the
 * sub-sections of such a pair are then matched down the tree again.
 *
 * @returns Base section → side section, the roots included.
 */
export function matchDocuments(base: MergeNode, side: MergeNode): Map<MergeNode, MergeNode> {
  const matches = new Map<MergeNode, MergeNode>();
  const matchedSide = new Set<MergeNode>();
  const pair = (b: MergeNode, s: MergeNode) => {
    matches.set(b, s);
    matchedSide.add(s);
  };
  const descend = (b: MergeNode, s: MergeNode) => {
    const found = matchChildren(
      b.children.filter((child) => !matches.has(child)),
      s.children.filter((child) => !matchedSide.has(child)),
    );
    for (const [child, other] of found) pair(child, other);
    for (const [child, other] of found) descend(child, other);
  };
  pair(base, side);
  descend(base, side);

  const baseLeft = flattenTree(base).filter((node) => !matches.has(node));
  const sideLeft = flattenTree(side).filter((node) => !matchedSide.has(node));
  if (baseLeft.length === 0 || sideLeft.length === 0) return matches;
  const found = new Map<MergeNode, MergeNode>();
  // By slug first, then by unchanged text among what is still left.
  const keys = [(node: MergeNode): string | undefined => node.segment, identityKey];
  for (const of of keys) {
    const bases = groupBy(
      baseLeft.filter((node) => !found.has(node)),
      of,
    );
    const taken = new Set(found.values());
    const sides = groupBy(
      sideLeft.filter((node) => !taken.has(node)),
      of,
    );
    for (const [value, nodes] of bases) {
      const others = sides.get(value);
      if (nodes.length === 1 && others?.length === 1) found.set(nodes[0]!, others[0]!);
    }
  }
  for (const [b, s] of found) pair(b, s);
  for (const [b, s] of found) descend(b, s);
  return matches;
}

/** A node and all its descendants in document order. */
export function flattenTree(root: MergeNode): MergeNode[] {
  const nodes: MergeNode[] = [];
  const visit = (node: MergeNode) => {
    nodes.push(node);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return nodes;
}

function groupBy(
  nodes: readonly MergeNode[],
  keyOf: (node: MergeNode) => string | undefined,
): Map<string, MergeNode[]> {
  const groups = new Map<string, MergeNode[]>();
  for (const node of nodes) {
    const key = keyOf(node);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(node);
    else groups.set(key, [node]);
  }
  return groups;
}
