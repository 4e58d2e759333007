import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from 'markdown-it';
import { type HeadingLevels, nextHeadingLevel } from './heading-levels.js';

/** Options for {@link MarkdownRenderer.render}. */
export interface RenderMarkdownOptions {
  /**
   * Where the shallowest heading of the text lands: with `3`, a text whose top headings are `#`
   * renders them as `<h3>`, its `##` as `<h4>`, and so on (never deeper than `<h6>`), so that
   * headings embedded in a page keep following the page's own. Left out, levels are kept.
   */
  topHeadingLevel?: number;
  /**
   * The page's heading levels, shared across the calls that render one document piece by piece;
   * advanced past this text's headings. Ignored when `topHeadingLevel` is given.
   */
  levels?: HeadingLevels;
}

/** Markdown to HTML for untrusted text. See {@link createMarkdownRenderer}. */
export interface MarkdownRenderer {
  /** Renders a Markdown document (blocks) to HTML. */
  render(markdown: string, options?: RenderMarkdownOptions): string;
  /** Renders one line of inline Markdown (a heading's text) to HTML, without a paragraph. */
  renderInline(markdown: string): string;
  /** The level of the shallowest heading in `markdown`, `undefined` when it has none. */
  minHeadingLevel(markdown: string): number | undefined;
}

// Link schemes a reader may follow; anything else (`javascript:`, `data:`, `vbscript:`,
// `file:`) is not turned into a link and stays visible as text.
const allowedSchemes = new Set(['http:', 'https:', 'mailto:']);
const schemePattern = /^([a-z][a-z0-9+.-]*:)/i;

/**
 * The render environment markdown-it passes to the rules: whether each open link was rendered as
 * one (so that its closing tag matches), and what a document rendered as a page of the site (a
 * guide) adds to the untrusted-text rules.
 */
export interface SafeMarkdownEnv {
  links?: boolean[];
  /**
   * Turns a relative link or a fragment into a URL of the site, or `undefined` to keep only the
   * link's text. Without it every relative link keeps only its text.
   */
  resolveLink?: (href: string) => string | undefined;
}

/**
 * A markdown-it renderer for text that comes from template packs, which the site does not
 * trust:
 *
 * - raw HTML is never passed through (`html: false`): `<script>` in a template is shown as text,
 *   and so are HTML comments such as `<!-- fill: … -->` slots;
 * - links are kept only for `http:`, `https:` and `mailto:` targets: other schemes
 *   (`javascript:`, `data:`) stay visible as Markdown text, and relative links and fragments
 *   (which point into the pack's repository) keep their text without a link;
 * - images are not rendered (the syntax stays visible as text), so a page never loads anything
 *   from elsewhere;
 * - Handlebars expressions (`{{spec.title}}`) are ordinary text.
 *
 * @example
 * ```ts
 * const markdown = createMarkdownRenderer();
 * markdown.render('# Plan: {{spec.title}}\n<script>x</script>', { topHeadingLevel: 3 });
 * // '<h3>Plan: {{spec.title}}</h3>\n<p>&lt;script&gt;x&lt;/script&gt;</p>\n'
 * ```
 */
export function createMarkdownRenderer(): MarkdownRenderer {
  const md = createSafeMarkdownIt();
  // A site renders the same text many times (a section unchanged across versions appears on
  // every version page): each distinct text is rendered once. The output depends on the text
  // and the heading levels going in, and moves the levels on; both are part of the entry.
  const rendered = new BoundedCache<{ html: string; previous: number | undefined }>();
  const inline = new BoundedCache<string>();
  const minLevels = new BoundedCache<number | undefined>();

  const renderUncached = (markdown: string, options: RenderMarkdownOptions) => {
    const tokens = md.parse(markdown, {});
    const target = options.topHeadingLevel;
    let levels = options.levels;
    if (target !== undefined) {
      const own = tokens
        .filter((t) => t.type === 'heading_open')
        .map((t) => Number(t.tag.slice(1)));
      levels = { shift: own.length > 0 ? target - Math.min(...own) : 0, previous: target - 1 };
    }
    if (levels) {
      let open = '';
      for (const token of tokens) {
        if (token.type === 'heading_open') {
          open = `h${nextHeadingLevel(levels, Number(token.tag.slice(1)))}`;
          token.tag = open;
        } else if (token.type === 'heading_close') {
          token.tag = open;
        }
      }
    }
    return md.renderer.render(tokens, md.options, {} satisfies SafeMarkdownEnv);
  };

  return {
    render(markdown, options = {}) {
      const { topHeadingLevel: target, levels } = options;
      const key =
        target !== undefined
          ? `t${target}\0${markdown}`
          : levels
            ? `l${levels.shift},${levels.previous}\0${markdown}`
            : `-\0${markdown}`;
      let entry = rendered.get(key);
      if (!entry) {
        const html = renderUncached(markdown, options);
        entry = { html, previous: target === undefined ? levels?.previous : undefined };
        rendered.set(key, entry);
      } else if (target === undefined && levels && entry.previous !== undefined) {
        levels.previous = entry.previous;
      }
      return entry.html;
    },
    renderInline(markdown) {
      let html = inline.get(markdown);
      if (html === undefined) {
        html = md.renderInline(markdown, {} satisfies SafeMarkdownEnv);
        inline.set(markdown, html);
      }
      return html;
    },
    minHeadingLevel(markdown) {
      if (minLevels.has(markdown)) return minLevels.get(markdown);
      const levels = md
        .parse(markdown, {})
        .filter((t) => t.type === 'heading_open')
        .map((t) => Number(t.tag.slice(1)));
      const min = levels.length > 0 ? Math.min(...levels) : undefined;
      minLevels.set(markdown, min);
      return min;
    },
  };
}

/** A string-keyed cache that starts afresh when full, so that memory stays bounded. */
class BoundedCache<T> extends Map<string, T> {
  constructor(private readonly limit = 50_000) {
    super();
  }

  override set(key: string, value: T): this {
    if (this.size >= this.limit) this.clear();
    return super.set(key, value);
  }
}

/**
 * The markdown-it instance behind {@link createMarkdownRenderer}, for renderers that work on its
 * tokens (guides): raw HTML off, images off, links only to `http:`, `https:` and `mailto:`, and
 * relative links only where {@link SafeMarkdownEnv.resolveLink} maps them into the site.
 */
export function createSafeMarkdownIt(): MarkdownItInstance {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.disable('image');
  md.validateLink = (url) => {
    const scheme = schemePattern.exec(url.trim())?.[1]?.toLowerCase();
    return scheme === undefined ? !url.trim().startsWith('//') : allowedSchemes.has(scheme);
  };
  // Relative links and fragments point into the repository the text lives in, or at anchors
  // this page does not have: their text is kept, without a link, unless the document knows
  // where they lead in the site (`resolveLink`).
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const href = String(token.attrGet('href') ?? '');
    const external = schemePattern.test(href);
    const state = env as SafeMarkdownEnv;
    const target = external ? undefined : state.resolveLink?.(href);
    state.links ??= [];
    state.links.push(external || target !== undefined);
    if (external) {
      token.attrSet('rel', 'nofollow noopener noreferrer');
      return self.renderToken(tokens, index, options);
    }
    if (target === undefined) return '';
    token.attrSet('href', target);
    return self.renderToken(tokens, index, options);
  };
  md.renderer.rules.link_close = (tokens, index, options, env, self) =>
    (env as SafeMarkdownEnv).links?.pop() ? self.renderToken(tokens, index, options) : '';
  return md;
}
