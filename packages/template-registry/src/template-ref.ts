import {
  didYouMean,
  SpecforgeError,
  type TemplateSource,
  templateIdPattern,
} from '@specforge/core';
import type { Pack } from './load-pack.js';
import { packNamePattern } from './pack-manifest.js';

/** A parsed template reference: which pack, which template in it. */
export interface TemplateRef {
  /** Short pack name (the manifest's `specforge.name`), e.g. `speckit`. */
  pack: string;
  /** Template id within the pack, e.g. `plan`. */
  template: string;
}

/**
 * Parses a template reference of the form `<pack>/<template>`, e.g. `speckit/plan`.
 *
 * `<pack>` is the pack's short name (its manifest's `specforge.name`), never the npm package
 * name: `@specforge/templates-speckit/plan` is not a reference. Both parts use lower-case
 * letters and digits, with `-`, `_` or `.` inside.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_TEMPLATE_REF_INVALID`.
 *
 * @example
 * ```ts
 * parseTemplateRef('speckit/plan'); // { pack: 'speckit', template: 'plan' }
 * ```
 */
export function parseTemplateRef(ref: string): TemplateRef {
  const parts = ref.split('/');
  const [pack, template] = parts;
  if (
    parts.length === 2 &&
    pack !== undefined &&
    template !== undefined &&
    packNamePattern.test(pack) &&
    templateIdPattern.test(template)
  ) {
    return { pack, template };
  }
  let hint: string | undefined;
  if (ref.startsWith('@')) {
    hint =
      'Name the pack by its short name (the "specforge.name" in its package.json), not by its npm package name, e.g. speckit/plan.';
  }
  throw new SpecforgeError('SPECFORGE_TEMPLATE_REF_INVALID', { ref }, hint ? { hint } : {});
}

/** Formats a {@link TemplateRef} as `<pack>/<template>`, the inverse of {@link parseTemplateRef}. */
export function formatTemplateRef(ref: TemplateRef): string {
  return `${ref.pack}/${ref.template}`;
}

/**
 * Every template the packs offer, as sorted `<pack>/<template>` references. A pack whose name
 * an earlier pack already has is hidden by it (see {@link findTemplate}), so its templates are
 * not listed.
 *
 * @example
 * ```ts
 * listTemplateRefs(await loadBuiltinPacks());
 * // ['speckit/checklist', 'speckit/plan', 'speckit/plan-draft', 'speckit/spec', 'speckit/tasks', 'speckit/tasks-draft']
 * ```
 */
export function listTemplateRefs(packs: readonly Pack[]): string[] {
  const refs: string[] = [];
  const seen = new Set<string>();
  for (const pack of packs) {
    if (seen.has(pack.name)) continue;
    seen.add(pack.name);
    for (const id of pack.templates.keys())
      refs.push(formatTemplateRef({ pack: pack.name, template: id }));
  }
  return refs.sort();
}

/**
 * Finds the template a reference names. When several packs have the same name, the first in
 * `packs` wins, so callers list the packs that should take precedence (a project's own) before
 * the built-in ones.
 *
 * @param packs - The packs to search, in precedence order.
 * @param ref - A reference such as `speckit/plan` (see {@link parseTemplateRef}).
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_TEMPLATE_REF_INVALID` when `ref` is malformed;
 * `SPECFORGE_TEMPLATE_NOT_FOUND`, listing every available reference (sorted), when no pack or
 * template matches.
 *
 * @example
 * ```ts
 * const template = findTemplate(await loadBuiltinPacks(), 'speckit/plan');
 * ```
 */
export function findTemplate(packs: readonly Pack[], ref: string): TemplateSource {
  const parsed = parseTemplateRef(ref);
  const template = packs.find((pack) => pack.name === parsed.pack)?.templates.get(parsed.template);
  if (template) return template;
  const available = listTemplateRefs(packs);
  // A near-miss spelling is the likeliest meaning; then the same template in another pack.
  const sameId = available.filter((other) => other.endsWith(`/${parsed.template}`));
  const guess = didYouMean(ref, available) ?? (sameId.length > 0 ? sameId.join(' or ') : undefined);
  throw new SpecforgeError(
    'SPECFORGE_TEMPLATE_NOT_FOUND',
    { ref, available },
    guess ? { hint: `Did you mean ${guess}?` } : {},
  );
}
