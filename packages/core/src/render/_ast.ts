import type { HbLocation } from './_handlebars.js';

/** A Handlebars AST node, reduced to what we read; every other field is walked generically. */
export interface AstNode {
  type: string;
  loc?: HbLocation;
  [key: string]: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

/** Visits every node below `root` with its parent and the key it hangs from. */
function walk(
  root: AstNode,
  visit: (node: AstNode, parent: AstNode | undefined, key: string | undefined) => void,
): void {
  const stack: [AstNode, AstNode | undefined, string | undefined][] = [
    [root, undefined, undefined],
  ];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, parent, key] = entry;
    visit(node, parent, key);
    for (const [childKey, value] of Object.entries(node)) {
      if (childKey === 'loc') continue;
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) if (isNode(child)) stack.push([child, node, childKey]);
    }
  }
}

/** The position of the first `{{> name}}` in the body, to locate "partial not found". */
export function findPartialCall(root: AstNode, name: string): HbLocation | undefined {
  let found: HbLocation | undefined;
  walk(root, (node) => {
    if (found || node.type !== 'PartialStatement' || !isNode(node.name)) return;
    const nameNode = node.name;
    const written = nameNode.type === 'StringLiteral' ? nameNode.value : nameNode.original;
    if (written === name) found = node.loc;
  });
  return found;
}
