import { didYouMean, SpecforgeError } from '@specforge/core';
import { parseTemplateRef } from '../template-ref.js';
import type { ResolvedPack, ResolvedTemplate } from './resolved-pack.js';

/** Every `pack/template` ref of resolved packs, sorted. */
export function listResolvedRefs(packs: readonly ResolvedPack[]): string[] {
  return packs
    .flatMap((pack) => [...pack.templates.keys()].map((id) => `${pack.name}/${id}`))
    .sort();
}

/**
 * Finds a resolved template by `<pack>/<template>`; an unknown one is
 * `SPECFORGE_TEMPLATE_NOT_FOUND` listing what exists.
 */
export function findResolvedTemplate(
  packs: readonly ResolvedPack[],
  ref: string,
): ResolvedTemplate {
  const parsed = parseTemplateRef(ref);
  const found = packs.find((pack) => pack.name === parsed.pack)?.templates.get(parsed.template);
  if (found) return found;
  const available = listResolvedRefs(packs);
  const guess = didYouMean(ref, available);
  throw new SpecforgeError(
    'SPECFORGE_TEMPLATE_NOT_FOUND',
    { ref, available },
    guess ? { hint: `Did you mean ${guess}?` } : {},
  );
}

/**
 * Finds a resolved pack by its short name; an unknown one is `SPECFORGE_PACK_NOT_FOUND`, with
 * the closest name or the list of packs as the hint.
 */
export function findResolvedPack(packs: readonly ResolvedPack[], name: string): ResolvedPack {
  const found = packs.find((pack) => pack.name === name);
  if (found) return found;
  const names = packs.map((pack) => pack.name);
  const guess = didYouMean(name, names);
  throw new SpecforgeError(
    'SPECFORGE_PACK_NOT_FOUND',
    { pack: name },
    { hint: guess ? `Did you mean ${guess}?` : `The project's packs: ${names.join(', ')}.` },
  );
}
