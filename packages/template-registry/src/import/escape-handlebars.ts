/**
 * Escapes text so that a specforge template (Handlebars) renders it exactly as it stands.
 *
 * Only `{{` opens an expression, so only `{{` is touched: it becomes `\{{`. Backslashes right
 * before a `{{` need more care, because Handlebars reads `\\{{` as a literal backslash followed
 * by a real expression: `\` × k + `{{` becomes `\` × k + `\{{!}}\{{`, where the empty comment
 * `{{!}}` consumes the extra backslash and renders nothing. Every other character, Spec Kit's
 * placeholders (`[FEATURE NAME]`, `$ARGUMENTS`, `{SCRIPT}`, `{CORE_TEMPLATE}`) included, is
 * left alone.
 *
 * @param text - Text without NUL characters (Handlebars cannot hold those).
 * @returns The escaped text; rendering it with no inputs gives `text` back, byte for byte.
 *
 * @example
 * ```ts
 * escapeHandlebars('Gemini uses {{args}}'); // 'Gemini uses \\{{args}}'
 * ```
 */
export function escapeHandlebars(text: string): string {
  return text.replace(/(\\*)\{\{/g, (_match, backslashes: string) =>
    backslashes === '' ? '\\{{' : `${backslashes}\\{{!}}\\{{`,
  );
}

/** How many `{{` {@link escapeHandlebars} escapes in `text`. */
export function countHandlebarsOpenings(text: string): number {
  return text.match(/\{\{/g)?.length ?? 0;
}

/**
 * The text that `body` renders to when `body` is exactly what {@link escapeHandlebars} makes of
 * some text, i.e. when it holds no live Handlebars expression: the inverse of
 * {@link escapeHandlebars}. An export to Spec Kit writes such a body as the plain text an agent
 * reads, and an import escapes it back to the same bytes.
 *
 * @returns The text, or `undefined` when `body` holds a Handlebars expression (or escapes
 *   written another way than {@link escapeHandlebars} writes them).
 *
 * @example
 * ```ts
 * unescapeHandlebars('Gemini uses \\{{args}}'); // 'Gemini uses {{args}}'
 * unescapeHandlebars('# Plan for {{spec.title}}'); // undefined
 * ```
 */
export function unescapeHandlebars(body: string): string | undefined {
  // `\` × k + `\{{!}}\{{` (k ≥ 1) came from `\` × k + `{{`; a lone `\{{` came from `{{`.
  const text = body.replace(/(\\+)\\\{\{!\}\}\\\{\{|\\\{\{/g, (_match, backslashes?: string) =>
    backslashes === undefined ? '{{' : `${backslashes}{{`,
  );
  // Only the canonical escape of `text` is a body without expressions; anything else keeps its source.
  return escapeHandlebars(text) === body ? text : undefined;
}
