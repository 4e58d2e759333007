import { blocksText, blockText } from './block-text.js';
import type { Block, ListItem } from './markdown.js';
import type { KeyEntity, Requirement } from './model.js';
import { findRoleNodes } from './section-roles.js';
import { contentBlocks, type Outline } from './sections.js';
import type { Source } from './source.js';

/** The two identifier families the parser collects. */
export type RequirementKind = 'FR' | 'SC';

// `**FR-001**: text`, `**FR-001:** text`, `FR-001: text`, `**FR-012a**: text`,
// `**FR-028** *(revised …)*: text`, `FR-001 — text`.
function idPattern(prefix: string): RegExp {
  return new RegExp(
    String.raw`^(?:\*\*|__)?(?<id>${prefix}-\d{1,4}[a-zA-Z]?)(?![\p{L}\p{N}])(?:\*\*|__)?[ \t]*(?:[*_]?\([^)\n]{0,200}\)[*_]?[ \t]*)?(?:[:：](?:\*\*|__)?|(?:\*\*|__)?[ \t]+[-–—](?=[ \t]))[ \t]*`,
    'u',
  );
}

const patterns: Record<RequirementKind, RegExp> = { FR: idPattern('FR'), SC: idPattern('SC') };
// Inside a Functional Requirements or Success Criteria section, translated prefixes count too
// (`EF-001` in French, `FA-001` in German, `YC-01` in Vietnamese, `EK-001`, `TC-01`).
const anyPrefix = idPattern('[A-Z]{1,5}');
const roleOf = { FR: 'functionalRequirements', SC: 'successCriteria' } as const;
// Prefixes that are never a translation of FR or SC.
const foreignPrefixes: Record<RequirementKind, ReadonlySet<string>> = {
  FR: new Set(['SC', 'NFR', 'RNF', 'NF', 'US', 'T', 'Q', 'OQ', 'CHK']),
  SC: new Set(['FR', 'NFR', 'RNF', 'NF', 'RF', 'US', 'T', 'Q', 'OQ', 'CHK']),
};

/**
 * Collects requirements (`FR-…`) or success criteria (`SC-…`): list items and paragraph
 * lines that start with the identifier, anywhere in the document, plus items with another
 * uppercase prefix inside a section named Functional Requirements / Success Criteria (in
 * any of the known languages). Code, tables and HTML are not read. Document order.
 */
export function readRequirements(
  source: Source,
  blocks: readonly Block[],
  outline: Outline,
  kind: RequirementKind,
): Requirement[] {
  const found = collectEntries(source, blocks, patterns[kind]);
  const lines = new Set(found.map((r) => r.line));
  for (const node of findRoleNodes(outline, roleOf[kind])) {
    for (const entry of collectEntries(source, contentBlocks(node), anyPrefix)) {
      const prefix = entry.id.slice(0, entry.id.indexOf('-'));
      if (lines.has(entry.line) || foreignPrefixes[kind].has(prefix)) continue;
      lines.add(entry.line);
      found.push(entry);
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/**
 * Entries whose identifier matches `pattern`, in list items and paragraph lines. Sub-lists
 * under an entry that hold no entries of their own are part of its text.
 */
function collectEntries(source: Source, blocks: readonly Block[], pattern: RegExp): Requirement[] {
  const out: Requirement[] = [];

  const visitBlocks = (list: readonly Block[]) => {
    for (const block of list) {
      if (block.kind === 'paragraph') visitParagraph(block.lines, block.line);
      else if (block.kind === 'quote') visitBlocks(block.children);
      else if (block.kind === 'list') for (const item of block.items) visitItem(item);
    }
  };

  const visitParagraph = (lines: string[], line: number) => {
    let current: Requirement | undefined;
    lines.forEach((text, i) => {
      const m = pattern.exec(text);
      if (m?.groups?.id) {
        current = { id: m.groups.id, text: text.slice(m[0].length).trim(), line: line + i };
        out.push(current);
      } else if (current) {
        current.text = `${current.text}\n${text}`.trim();
      }
    });
    return current;
  };

  const visitItem = (item: ListItem) => {
    const [first, ...rest] = item.children;
    if (first?.kind !== 'paragraph' || !pattern.test(first.lines[0] ?? '')) {
      visitBlocks(item.children);
      return;
    }
    const entry = visitParagraph(first.lines, first.line);
    for (const block of rest) {
      if (containsEntry(block, pattern)) visitBlocks([block]);
      else if (entry && block.kind !== 'html')
        entry.text = `${entry.text}\n${blockText(source, block)}`.trim();
    }
  };

  visitBlocks(blocks);
  return out;
}

function containsEntry(block: Block, pattern: RegExp): boolean {
  if (block.kind === 'paragraph') return block.lines.some((l) => pattern.test(l));
  if (block.kind === 'quote') return block.children.some((b) => containsEntry(b, pattern));
  if (block.kind === 'list')
    return block.items.some((item) => item.children.some((b) => containsEntry(b, pattern)));
  return false;
}

// `- **Name**: description`, `- **Name** — description`, `- **Name:** description`.
const entityItem =
  /^\*\*(?<name>[^*\n]+?)(?:[ \t]*[:：][ \t]*\*\*|\*\*[ \t]*(?:\([^)\n]{0,100}\)[ \t]*)?(?:[:：]|[-–—](?=[ \t])))[ \t]*/u;

/**
 * Reads the Key Entities sections: each list item `**Name**: description` directly in the
 * section, and each sub-section (its heading is the name, its content the description), as
 * older specs write one `### Entity` per entity.
 */
export function readEntities(source: Source, outline: Outline): KeyEntity[] {
  const out: KeyEntity[] = [];
  for (const node of findRoleNodes(outline, 'keyEntities')) {
    for (const block of node.blocks) {
      if (block.kind !== 'list') continue;
      for (const item of block.items) {
        const [first, ...rest] = item.children;
        if (first?.kind !== 'paragraph') continue;
        const m = entityItem.exec(first.lines[0] ?? '');
        if (!m?.groups?.name) continue;
        const lines = [first.lines[0]!.slice(m[0].length), ...first.lines.slice(1)];
        const more = rest.filter((b) => b.kind !== 'html').map((b) => blockText(source, b));
        out.push({
          name: m.groups.name.trim(),
          description: [...lines, ...more].join('\n').trim(),
          line: item.line,
        });
      }
    }
    for (const child of node.children) {
      out.push({
        name: child.section.title,
        description: blocksText(
          source,
          contentBlocks(child).filter((b) => b.kind !== 'heading'),
        ),
        line: child.section.line,
      });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}
