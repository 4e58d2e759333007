import { itemText, joinSoftBreaks } from './block-text.js';
import { normalizeKey } from './keys.js';
import type { Block } from './markdown.js';
import type { ClarificationEntry, ClarificationSession } from './model.js';
import { findRoleNodes } from './section-roles.js';
import { contentBlocks, type Outline, type OutlineNode } from './sections.js';
import type { Source } from './source.js';

const isoDate = /\d{4}-\d{2}-\d{2}/u;
// `Session`, `Sitzung`, `Sesión`, `Sessão`, `Séance`, `Phiên`, `会话`, `セッション`, `세션`, `Сессия`.
const sessionWords = [
  'session',
  'sitzung',
  'sesión',
  'sessão',
  'séance',
  'phiên',
  'sessione',
  '会话',
  '會話',
  'セッション',
  '세션',
  'сессия',
].map(normalizeKey);

// `Q: … → A: …`, `**Q**: …`, `Q：…`, with `->`, `=>` or `⟶`; French specs answer with `R:`.
const question = /^(?:\*\*|__)?Q\d*(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]*/u;
const answer =
  /(?:→|->|=>|⟶)[ \t]*(?:\*\*|__)?(?:A|R|Answer)(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]*|\n[ \t]*(?:\*\*|__)?(?:A|Answer)(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]*/u;

/**
 * Reads the `## Clarifications` sections written by `/speckit.clarify`: each sub-section
 * whose heading has a `YYYY-MM-DD` date or starts with a session word is a session; Q/A lines
 * directly under the Clarifications heading form a session without a date.
 */
export function readClarificationSessions(
  source: Source,
  outline: Outline,
): ClarificationSession[] {
  const sessions: ClarificationSession[] = [];
  for (const node of findRoleNodes(outline, 'clarifications')) {
    const direct = readEntries(source, node.blocks);
    if (direct.length > 0) {
      sessions.push({
        date: undefined,
        title: undefined,
        line: node.section.line,
        entries: direct,
      });
    }
    for (const child of node.children) {
      if (!isSession(child)) continue;
      sessions.push({
        date: isoDate.exec(child.section.title)?.[0],
        title: child.section.title,
        line: child.section.line,
        entries: readEntries(source, contentBlocks(child)),
      });
    }
  }
  return sessions;
}

function isSession(node: OutlineNode): boolean {
  const { title } = node.section;
  if (isoDate.test(title)) return true;
  const key = normalizeKey(title);
  return sessionWords.some((w) => key.startsWith(w));
}

function readEntries(source: Source, blocks: readonly Block[]): ClarificationEntry[] {
  const out: ClarificationEntry[] = [];
  for (const block of blocks) {
    if (block.kind !== 'list') continue;
    for (const item of block.items) {
      const text = itemText(source, item);
      const q = question.exec(text);
      if (!q) continue;
      const body = text.slice(q[0].length);
      const a = answer.exec(body);
      out.push({
        question: joinSoftBreaks(a ? body.slice(0, a.index) : body),
        answer: a ? joinSoftBreaks(body.slice(a.index + a[0].length)) : undefined,
        line: item.line,
      });
    }
  }
  return out;
}
