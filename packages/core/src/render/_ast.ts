import type { HbLocation, HbPosition } from './_handlebars.js';

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

/**
 * Where the body calls each partial: the position of the first `{{> name}}` of each name, to
 * locate "partial not found". Kept instead of the AST, so that a template compiled in an earlier
 * run (see the compile cache) still locates the error.
 */
export function listPartialCalls(root: AstNode): Map<string, HbPosition> {
  const calls = new Map<string, HbPosition>();
  walk(root, (node) => {
    if (node.type !== 'PartialStatement' || !isNode(node.name)) return;
    const nameNode = node.name;
    const written = nameNode.type === 'StringLiteral' ? nameNode.value : nameNode.original;
    if (typeof written !== 'string' || calls.has(written)) return;
    const start = node.loc?.start;
    if (start) calls.set(written, { line: start.line, column: start.column });
  });
  return calls;
}
