import type { MarkdownIt as MarkdownItInstance, Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import { type Source, trimBlankEnd } from './source.js';

/** Fields every block has: its 1-based line range in the original text. */
interface BlockBase {
  /** 1-based first line. */
  line: number;
  /** 1-based last line, trailing blank lines excluded. */
  endLine: number;
}

/** An ATX (`## x`) or setext (`x\n---`) heading. */
export interface HeadingBlock extends BlockBase {
  kind: 'heading';
  level: number;
  /** Inline source of the heading, trimmed, lines joined with a space. */
  content: string;
}

/** A paragraph; `content` is its inline source with container prefixes (`>`, list markers) removed. */
export interface ParagraphBlock extends BlockBase {
  kind: 'paragraph';
  /** One entry per source line, each trimmed; `lines[i]` is on line `line + i`. */
  lines: string[];
}

/** A bullet or ordered list. */
export interface ListBlock extends BlockBase {
  kind: 'list';
  ordered: boolean;
  items: ListItem[];
}

/** One list item and the blocks inside it. */
export interface ListItem extends BlockBase {
  children: Block[];
}

/** A block quote and the blocks inside it. */
export interface QuoteBlock extends BlockBase {
  kind: 'quote';
  children: Block[];
}

/** A block whose text is not Markdown prose: code, raw HTML, a table or a thematic break. */
export interface OpaqueBlock extends BlockBase {
  kind: 'code' | 'html' | 'table' | 'rule';
}

/** A block of the document, as markdown-it identified it. */
export type Block = HeadingBlock | ParagraphBlock | ListBlock | QuoteBlock | OpaqueBlock;

let instance: MarkdownItInstance | undefined;

// One instance per process: building the rule chains costs more than parsing a small spec.
function markdown(): MarkdownItInstance {
  if (instance === undefined) {
    // `html: true` so that HTML comments (Spec Kit's instructions) are HTML blocks, not
    // paragraphs whose `#` lines could turn into headings.
    const md = new MarkdownIt('default', { html: true });
    // Only the block structure is needed: skipping inline parsing keeps a parse to a few ms.
    md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
    instance = md;
  }
  return instance;
}

/**
 * Parses the body (from 1-based line `bodyLine` on) into blocks whose line numbers refer to
 * the original text.
 */
export function parseBlocks(source: Source, bodyLine: number): Block[] {
  const start = source.starts[bodyLine - 1];
  if (start === undefined) return [];
  const tokens = markdown().parse(source.text.slice(start), {});
  const reader = new TokenReader(tokens, source, bodyLine - 1);
  return reader.readUntil(undefined);
}

class TokenReader {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: Source,
    private readonly lineOffset: number,
  ) {}

  /** Reads blocks until a token of type `close` (consumed) or the end. */
  readUntil(close: string | undefined): Block[] {
    const blocks: Block[] = [];
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index]!;
      if (token.type === close) {
        this.index++;
        return blocks;
      }
      const block = this.readBlock(token);
      if (block !== undefined) blocks.push(block);
    }
    return blocks;
  }

  private readBlock(token: Token): Block | undefined {
    const range = this.range(token);
    switch (token.type) {
      case 'heading_open': {
        const inline = this.tokens[this.index + 1];
        this.skipPast('heading_close', token.level);
        if (range === undefined) return undefined;
        // A setext heading may span lines; join them with a space (split, not a `\s*\n\s*`
        // regex, which is quadratic on long runs of spaces).
        const content = (inline?.content ?? '')
          .split('\n')
          .map((l) => l.trim())
          .join(' ')
          .trim();
        return { kind: 'heading', level: Number(token.tag.slice(1)) || 1, content, ...range };
      }
      case 'paragraph_open': {
        const inline = this.tokens[this.index + 1];
        this.skipPast('paragraph_close', token.level);
        if (range === undefined) return undefined;
        const lines = (inline?.content ?? '').split('\n').map((l) => l.trim());
        return { kind: 'paragraph', lines, ...range };
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        this.index++;
        const items: ListItem[] = [];
        const close =
          token.type === 'bullet_list_open' ? 'bullet_list_close' : 'ordered_list_close';
        while (this.index < this.tokens.length) {
          const next = this.tokens[this.index]!;
          if (next.type === close) {
            this.index++;
            break;
          }
          if (next.type === 'list_item_open') {
            const itemRange = this.range(next);
            this.index++;
            const children = this.readUntil('list_item_close');
            if (itemRange !== undefined) items.push({ children, ...itemRange });
          } else {
            this.index++;
          }
        }
        if (range === undefined) return undefined;
        return { kind: 'list', ordered: token.type === 'ordered_list_open', items, ...range };
      }
      case 'blockquote_open': {
        this.index++;
        const children = this.readUntil('blockquote_close');
        return range === undefined ? undefined : { kind: 'quote', children, ...range };
      }
      case 'table_open':
        this.skipPast('table_close', token.level);
        return range === undefined ? undefined : { kind: 'table', ...range };
      case 'fence':
      case 'code_block':
        this.index++;
        return range === undefined ? undefined : { kind: 'code', ...range };
      case 'html_block':
        this.index++;
        return range === undefined ? undefined : { kind: 'html', ...range };
      case 'hr':
        this.index++;
        return range === undefined ? undefined : { kind: 'rule', ...range };
      default:
        // A stray closing token or one a plugin added: not a block of ours.
        this.index++;
        return undefined;
    }
  }

  /** Advances past the next token of type `type` at nesting `level`. */
  private skipPast(type: string, level: number): void {
    this.index++;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index]!;
      this.index++;
      if (token.type === type && token.level === level) return;
    }
  }

  private range(token: Token): BlockBase | undefined {
    if (!token.map) return undefined;
    const line = token.map[0] + this.lineOffset + 1;
    const last = Math.max(line, token.map[1] + this.lineOffset);
    return { line, endLine: trimBlankEnd(this.source, line, last) };
  }
}

/** Every block in `blocks` and inside their lists and quotes, depth first, in document order. */
export function* walkBlocks(blocks: readonly Block[]): Generator<Block> {
  for (const block of blocks) {
    yield block;
    if (block.kind === 'list') {
      for (const item of block.items) yield* walkBlocks(item.children);
    } else if (block.kind === 'quote') {
      yield* walkBlocks(block.children);
    }
  }
}
