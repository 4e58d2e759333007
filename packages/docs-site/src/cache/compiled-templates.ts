import { join } from 'node:path';
import {
  createTemplateCompileCache,
  type HeldCompileCache,
  holdCompileCacheWrites,
} from '@specforge/core';

/**
 * The compiled templates in `<cacheDir>/compiled-templates/`, shared with `specforge plan`
 * (entries are keyed by the template text, the Handlebars version and the helpers, whoever
 * compiled them): the example plans of a build whose build cache is empty or does not hold them
 * (a changed example spec, another day) render without compiling their templates again. What a
 * build compiles is written by `save()`, when it succeeds.
 */
export function openCompiledTemplates(cacheDir: string): HeldCompileCache {
  return holdCompileCacheWrites(createTemplateCompileCache(join(cacheDir, 'compiled-templates')));
}
