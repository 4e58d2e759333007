import { join } from 'node:path';
import {
  createRenderEnvironment,
  createTemplateCompileCache,
  holdCompileCacheWrites,
  type RenderEnvironment,
  type TemplateCompileCache,
} from '@specforge/core';
import { resolveCacheDir } from './cache-dir.js';
import { commandCompleted } from './exit-status.js';

let environment: RenderEnvironment | undefined;

/**
 * The render environment of this process: templates compile once per process, and what they
 * compile to is kept in `<cache>/compiled-templates/` (see {@link resolveCacheDir}), so that a
 * later run renders them without loading the Handlebars compiler. New entries are saved when
 * the command has done its job (see {@link commandCompleted}).
 */
export function cliRenderEnvironment(): RenderEnvironment {
  environment ??= createRenderEnvironment({
    compileCache: savedOnExit(
      createTemplateCompileCache(join(resolveCacheDir(), 'compiled-templates')),
    ),
  });
  return environment;
}

/** `cache`, with the entries written in this process held back until it exits. */
function savedOnExit(cache: TemplateCompileCache): TemplateCompileCache {
  const held = holdCompileCacheWrites(cache);
  process.once('exit', (exitCode) => {
    if (commandCompleted(exitCode)) held.save();
  });
  return held;
}
