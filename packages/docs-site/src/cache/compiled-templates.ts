import { join } from 'node:path';
import { createTemplateCompileCache, type TemplateCompileCache } from '@specforge/core';

/** The folder of compiled templates in a cache folder; the CLI's `specforge plan` uses it too. */
export const COMPILED_TEMPLATES_FOLDER = 'compiled-templates';

/** A compile cache whose new entries are written by {@link SavedLaterCompileCache.save} only. */
export interface SavedLaterCompileCache extends TemplateCompileCache {
  /** Writes the entries compiled since it was opened (when the build that compiled them succeeded). */
  save(): void;
}

/**
 * The compiled templates in `<cacheDir>/compiled-templates/`, shared with `specforge plan`
 * (entries are keyed by the template text, the Handlebars version and the helpers, whoever
 * compiled them): the example plans of a build whose build cache is empty or does not hold them
 * (a changed example spec, another day) render without compiling their templates again. What a
 * build compiles is written when it succeeds.
 */
export function openCompiledTemplates(cacheDir: string): SavedLaterCompileCache {
  const cache = createTemplateCompileCache(join(cacheDir, COMPILED_TEMPLATES_FOLDER));
  const unsaved = new Map<string, string>();
  return {
    read: (key) => unsaved.get(key) ?? cache.read(key),
    write: (key, entry) => {
      unsaved.set(key, entry);
    },
    save() {
      for (const [key, entry] of unsaved) cache.write(key, entry);
      unsaved.clear();
    },
  };
}
