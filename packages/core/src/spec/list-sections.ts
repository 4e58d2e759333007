import { blockText, itemText } from './block-text.js';
import type { ListEntry } from './model.js';
import { findRoleNodes, type SectionRole } from './section-roles.js';
import { contentBlocks, type Outline } from './sections.js';
import type { Source } from './source.js';

/**
 * The entries of the sections that play `role` (Edge Cases, Assumptions): the items of their
 * top-level lists, sub-sections included. A section written as paragraphs instead of a list
 * yields one entry per paragraph.
 */
export function readListSection(source: Source, outline: Outline, role: SectionRole): ListEntry[] {
  const out: ListEntry[] = [];
  for (const node of findRoleNodes(outline, role)) {
    const blocks = contentBlocks(node);
    const lists = blocks.filter((b) => b.kind === 'list');
    if (lists.length > 0) {
      for (const list of lists) {
        for (const item of list.items) out.push({ text: itemText(source, item), line: item.line });
      }
    } else {
      for (const block of blocks) {
        if (block.kind === 'paragraph')
          out.push({ text: blockText(source, block), line: block.line });
      }
    }
  }
  return out;
}
