import { countLineBreaks, detectLineBreak, isBlank, splitTrailingBlank } from './_lines.js';
import {
  assignPaths,
  buildSections,
  cloneBlame,
  type Entry,
  flattenDocument,
  subtreeEnd,
} from './_tree.js';
import type { BlameChange, SectionBlame, TemplateDocument } from './types.js';

/**
 * A document being changed by an overlay's operations: the preamble and the sections as a flat
 * list. Paths are recomputed only when an operation needs them after a change, so applying
 * an overlay costs one pass per operation over a few dozen entries, never a re-parse.
 *
 * Text joins keep the document valid Markdown with the same structure: a heading that follows
 * other text always follows a blank line (a paragraph right above a setext heading would
 * otherwise merge into it), and the document keeps the ending it had (its final line break).
 */
export class WorkingDocument {
  preamble: string;
  preambleBlame: SectionBlame;
  readonly entries: Entry[];
  /** The line break the document uses; inserted text is written with it. */
  readonly eol: string;
  /** The blank run that ends the document (usually one line break). */
  private readonly ending: string;
  private paths: string[] | undefined;
  private index: Map<string, number> | undefined;

  constructor(doc: TemplateDocument) {
    this.preamble = doc.preamble;
    this.preambleBlame = cloneBlame(doc.preambleBlame);
    this.entries = flattenDocument(doc);
    const last = this.entries.at(-1);
    this.ending = splitTrailingBlank(last ? last.heading + last.body : this.preamble).tail;
    let sample = this.preamble;
    for (const entry of this.entries) {
      if (/[\r\n]/.test(sample)) break;
      sample += entry.heading + entry.body;
    }
    this.eol = detectLineBreak(sample);
  }

  /** Every current heading path, in document order. */
  allPaths(): string[] {
    this.paths ??= assignPaths(this.entries);
    return this.paths;
  }

  /** The index of the section at `path`, or `undefined`. */
  find(path: string): number | undefined {
    if (this.index === undefined) {
      this.index = new Map(this.allPaths().map((p, i) => [p, i]));
    }
    return this.index.get(path);
  }

  /** Index just past the sub-sections of entry `index`. */
  subtreeEnd(index: number): number {
    return subtreeEnd(this.entries, index);
  }

  /**
   * Replaces `deleteCount` entries at `start` with `added` (whose last body has no final line
   * break, as directive content never has), keeping blank lines around the change and the
   * document's ending.
   */
  splice(start: number, deleteCount: number, added: Entry[]): void {
    const atEnd = start + deleteCount === this.entries.length;
    this.entries.splice(start, deleteCount, ...added);
    this.changed();
    if (added.length > 0) {
      this.ensureBlankLineBefore(start);
      const last = start + added.length - 1;
      if (atEnd) this.setEnding(last);
      else this.ensureBlankLineBefore(last + 1);
    } else if (atEnd) {
      if (start > 0) this.setEnding(start - 1);
      else if (!isBlank(this.preamble)) {
        this.preamble = splitTrailingBlank(this.preamble).core + this.ending;
      }
    } else {
      this.ensureBlankLineBefore(start);
    }
    this.promoteTitle();
  }

  /**
   * Puts `text` right after the last non-blank line of entry `index`, before the blank lines
   * that end it, so a table row or list item continues the table or list. When the entry has
   * no text below its heading, a blank line separates the two.
   */
  appendAfterLastLine(index: number, text: string): void {
    const entry = this.entries[index]!;
    const { core, tail } = splitTrailingBlank(entry.heading + entry.body);
    const joined = isBlank(entry.body)
      ? `${core}${this.eol}${this.eol}${stripLeadingBlankLines(text)}${tail}`
      : `${core}${this.eol}${text}${tail}`;
    setText(entry, joined);
  }

  /** Puts `text`, then a blank line, before the first non-blank line of entry `index`'s own body. */
  prependToBody(index: number, text: string): void {
    const entry = this.entries[index]!;
    if (isBlank(entry.body)) {
      const { core, tail } = splitTrailingBlank(entry.heading + entry.body);
      setText(entry, `${core}${this.eol}${this.eol}${text}${tail}`);
      return;
    }
    const lead = leadingBlankLength(entry.body);
    entry.body = `${entry.body.slice(0, lead)}${text}${this.eol}${this.eol}${entry.body.slice(lead)}`;
  }

  /** Replaces the heading of entry `index`; its title and slug change, so paths do too. */
  setHeading(index: number, heading: string, title: string, slug: string): void {
    const entry = this.entries[index]!;
    entry.heading = heading;
    entry.title = title;
    entry.slug = slug;
    this.changed();
  }

  /** Records a later layer's operation in the blame of entry `index`. */
  addChange(index: number, change: BlameChange): void {
    const entry = this.entries[index]!;
    entry.blame = { ...entry.blame, changes: [...entry.blame.changes, change] };
  }

  /** The document as it is now. */
  toDocument(): TemplateDocument {
    return {
      preamble: this.preamble,
      preambleBlame: this.preambleBlame,
      sections: buildSections(this.entries, this.allPaths()),
    };
  }

  private changed(): void {
    this.paths = undefined;
    this.index = undefined;
  }

  /** Makes the text before entry `index` end with a blank line (unless it is an empty preamble). */
  private ensureBlankLineBefore(index: number): void {
    if (index === 0) {
      if (this.preamble === '') return;
      const breaks = countLineBreaks(splitTrailingBlank(this.preamble).tail);
      const wanted = isBlank(this.preamble) ? 1 : 2;
      if (breaks < wanted) this.preamble += this.eol.repeat(wanted - breaks);
      return;
    }
    const entry = this.entries[index - 1]!;
    const breaks = countLineBreaks(splitTrailingBlank(entry.heading + entry.body).tail);
    if (breaks < 2) setText(entry, entry.heading + entry.body + this.eol.repeat(2 - breaks));
  }

  /** Makes entry `index`, now the last, end the way the document ended. */
  private setEnding(index: number): void {
    const entry = this.entries[index]!;
    setText(entry, splitTrailingBlank(entry.heading + entry.body).core + this.ending);
  }

  /**
   * The spec parser's title rule, kept true after a change: when the only H1 left is the first
   * heading of a document without a title, it becomes the title (part of the preamble), and its
   * sub-sections become top-level sections, exactly as a re-parse would see them.
   */
  private promoteTitle(): void {
    const first = this.entries[0];
    if (first?.level !== 1) return;
    if (this.entries.some((entry, i) => i > 0 && entry.level === 1)) return;
    this.preamble += first.heading + first.body;
    this.entries.shift();
    this.changed();
  }
}

/**
 * Sets an entry's whole text (heading + body) when its heading is unchanged but its end may
 * move: a heading that lost or gains its line break keeps exactly the heading lines.
 */
function setText(entry: Entry, text: string): void {
  const headingCore = entry.heading.replace(/(?:\r\n|\r|\n)$/, '');
  const match = /^(?:\r\n|\r|\n)/.exec(text.slice(headingCore.length));
  const headingLength = headingCore.length + (match ? match[0].length : 0);
  entry.heading = text.slice(0, headingLength);
  entry.body = text.slice(headingLength);
}

/** Length of the blank lines (with their line breaks) at the start of `text`. */
function leadingBlankLength(text: string): number {
  let lead = 0;
  const lineBreak = /\r\n|\r|\n/g;
  for (let m = lineBreak.exec(text); m !== null; m = lineBreak.exec(text)) {
    if (!isBlank(text.slice(lead, m.index))) break;
    lead = m.index + m[0].length;
  }
  return lead;
}

function stripLeadingBlankLines(text: string): string {
  return text.slice(leadingBlankLength(text));
}
