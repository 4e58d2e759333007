// The elements the site's own page templates and markdown-it (without raw HTML) produce.
const allowedTags = new Set(
  'html head meta title link body a header div nav ul ol li main footer h1 h2 h3 h4 h5 h6 p dl dt dd section article pre code strong em span details summary del ins table thead tbody tr th td noscript script blockquote hr br s'.split(
    ' ',
  ),
);
const allowedScripts =
  /^<script src="[./]*(?:pagefind\/pagefind-ui\.js|assets\/search\.js|assets\/compare\.js)"><\/script>$/;

/**
 * Markup in `html` that the site itself would never write: elements outside its own set, event
 * handler attributes, `javascript:` URLs, and scripts other than the search UI. Empty when every
 * string from packs was escaped.
 */
export function findForeignMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const match of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>?/g)) {
    const tag = match[0];
    const name = match[1]!.toLowerCase();
    if (!allowedTags.has(name)) problems.push(`element: ${tag}`);
    if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`handler: ${tag}`);
    if (/javascript:/i.test(tag)) problems.push(`javascript URL: ${tag}`);
  }
  for (const match of html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/gi)) {
    if (!allowedScripts.test(match[0])) problems.push(`script: ${match[0]}`);
  }
  return problems;
}
