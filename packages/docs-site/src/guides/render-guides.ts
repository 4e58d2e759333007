import { posix } from 'node:path';
import type { MarkdownIt, Token } from 'markdown-it';
import { escapeHtml } from '../render/escape-html.js';
import { createSafeMarkdownIt, type SafeMarkdownEnv } from '../render/markdown.js';
import { createHeadingSlugger } from './heading-slugger.js';
import type { GuideOutlineItem, GuideSource, RenderedGuide } from './types.js';

/** Ids a guide page uses itself, which no heading of a guide may take. */
export const GUIDE_PAGE_IDS: readonly string[] = ['main', 'on-this-page'];

// A guide parsed, with its headings' ids, before links between guides can be resolved.
interface ParsedGuide {
  source: GuideSource;
  tokens: Token[];
  /** Index of the title heading's `heading_open` token, or -1. */
  titleAt: number;
  titleId: string | undefined;
  /** GitHub's slug of each heading → the id it has on the site. */
  anchors: Map<string, string>;
}

const summaryLength = 200;

/**
 * Renders guides for the site, with the same untrusted-text rules as template bodies (no raw
 * HTML, no images, links only to `http:`, `https:` and `mailto:`), and:
 *
 * - the first `#` heading as the title, left out of the body; the body's headings start at
 *   `<h2>` and never skip a level;
 * - an `id` on every heading: GitHub's slug, so anchors written for GitHub keep working, unless
 *   the page already uses it ({@link GUIDE_PAGE_IDS});
 * - links to other guides (`overlays.md`, `./checks.md#findings`) rewritten to their pages, and
 *   their fragments to the ids the headings got; fragments that match no heading are dropped;
 * - links to anything else that is not a URL (files outside the guides, sub-folders, a missing
 *   guide) kept as text only.
 *
 * @example
 * ```ts
 * const [guide] = renderGuides([{ slug: 'a', file: 'a.md', markdown: '# A\n\nSee [B](b.md#x).' }, …]);
 * guide.html; // '<p>See <a href="../b/index.html#x">B</a>.</p>\n'
 * ```
 */
export function renderGuides(sources: readonly GuideSource[]): RenderedGuide[] {
  const md = createSafeMarkdownIt();
  const parsed = sources.map((source) => parseGuide(md, source));
  const byFile = new Map(parsed.map((guide) => [guide.source.file, guide]));
  return parsed.map((guide) => renderGuide(md, guide, byFile));
}

function parseGuide(md: MarkdownIt, source: GuideSource): ParsedGuide {
  const tokens = md.parse(stripFrontMatter(source.markdown), {});
  const titleAt = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  // Two sluggers: GitHub's numbering (what links were written against) and the site's, which
  // also avoids the page's own ids; they differ only after a heading hits a reserved id.
  const github = createHeadingSlugger();
  const site = createHeadingSlugger(GUIDE_PAGE_IDS);
  const anchors = new Map<string, string>();
  let titleId: string | undefined;
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const text = plainText(tokens[index + 1]);
    const id = site.slug(text);
    anchors.set(github.slug(text), id);
    token.attrSet('id', id);
    if (index === titleAt) titleId = id;
  });
  return { source, tokens, titleAt, titleId, anchors };
}

function renderGuide(
  md: MarkdownIt,
  guide: ParsedGuide,
  byFile: ReadonlyMap<string, ParsedGuide>,
): RenderedGuide {
  const { source, tokens, titleAt } = guide;
  const env: SafeMarkdownEnv = { resolveLink: (href) => resolveGuideLink(href, guide, byFile) };
  const titleInline = titleAt >= 0 ? tokens[titleAt + 1] : undefined;
  const title = source.title ?? (titleInline ? plainText(titleInline) : source.file);
  const titleHtml =
    source.title === undefined && titleInline
      ? md.renderer.renderInline(titleInline.children ?? [], md.options, env)
      : escapeHtml(title);
  const body = titleAt >= 0 ? [...tokens.slice(0, titleAt), ...tokens.slice(titleAt + 3)] : tokens;

  // Headings start at h2 under the page's h1 and go down one level at most at a time.
  const outline: GuideOutlineItem[] = [];
  let previous = 1;
  let open = '';
  body.forEach((token, index) => {
    if (token.type === 'heading_open') {
      const level = Math.max(2, Math.min(Number(token.tag.slice(1)), previous + 1));
      previous = level;
      open = `h${level}`;
      token.tag = open;
      const item: GuideOutlineItem = {
        id: String(token.attrGet('id')),
        text: plainText(body[index + 1]),
        children: [],
      };
      if (level === 2) outline.push(item);
      else if (level === 3) outline.at(-1)?.children.push(item);
    } else if (token.type === 'heading_close') {
      token.tag = open;
    }
  });

  const firstParagraph = body.findIndex((t) => t.type === 'paragraph_open');
  return {
    slug: source.slug,
    page: `guides/${source.slug}/index.html`,
    title,
    titleHtml,
    titleId: source.title === undefined ? guide.titleId : undefined,
    summary: firstParagraph >= 0 ? shorten(plainText(body[firstParagraph + 1])) : '',
    html: md.renderer.render(body, md.options, env),
    outline,
  };
}

/**
 * Where a relative link or fragment of `from` leads in the site, or `undefined` to keep only
 * its text. Guides are pages `guides/<slug>/index.html`, so a guide links to another as
 * `../<slug>/index.html`.
 */
function resolveGuideLink(
  href: string,
  from: ParsedGuide,
  byFile: ReadonlyMap<string, ParsedGuide>,
): string | undefined {
  const hashAt = href.indexOf('#');
  const fragment = hashAt < 0 ? undefined : decode(href.slice(hashAt + 1));
  const path = decode((hashAt < 0 ? href : href.slice(0, hashAt)).split('?')[0]!);
  if (path === undefined || (hashAt >= 0 && fragment === undefined)) return undefined;
  if (path === '') {
    const id = fragment === undefined ? undefined : anchorOf(from, fragment);
    return id === undefined ? undefined : `#${id}`;
  }
  // Only files directly in the guides folder are guides: `../x.md`, `/x.md`, `sub/x.md` are not.
  const file = posix.normalize(path);
  if (file.includes('/') || file.includes('\\')) return undefined;
  const target = byFile.get(file);
  if (!target) return undefined;
  const id = fragment === undefined ? undefined : anchorOf(target, fragment);
  return `../${target.source.slug}/index.html${id === undefined ? '' : `#${id}`}`;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function anchorOf(guide: ParsedGuide, fragment: string): string | undefined {
  return guide.anchors.get(fragment) ?? guide.anchors.get(fragment.toLowerCase());
}

/** The text of an inline token, without markup: what GitHub slugs a heading from. */
function plainText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .map((child) =>
      child.type === 'text' || child.type === 'code_inline'
        ? child.content
        : child.type === 'softbreak' || child.type === 'hardbreak'
          ? ' '
          : '',
    )
    .join('');
}

function shorten(text: string): string {
  if (text.length <= summaryLength) return text;
  const cut = text.slice(0, summaryLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), summaryLength / 2)).trimEnd()}…`;
}

// A YAML front matter block is metadata for other tools, not part of the guide.
function stripFrontMatter(markdown: string): string {
  return markdown.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/, '');
}
