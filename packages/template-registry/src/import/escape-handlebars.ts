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
