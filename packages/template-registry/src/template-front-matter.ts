import type { TemplateMeta } from '@specforge/core';

/**
 * A template's metadata as front matter: `id` first, empty check rules left out (the default),
 * as a template file's own front matter would have it.
 */
export function templateFrontMatter(meta: TemplateMeta): Record<string, unknown> {
  const { id, ...rest } = meta;
  const out: Record<string, unknown> = { id, ...rest };
  if (meta.requiredSections.length === 0) delete out.requiredSections;
  if (meta.placeholders.length === 0) delete out.placeholders;
  if (Object.keys(meta.idPatterns).length === 0) delete out.idPatterns;
  if (meta.traces.length === 0) delete out.traces;
  return out;
}
