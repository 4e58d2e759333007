/**
 * The rendering engine: turns a template and its inputs into Markdown with an isolated,
 * strict Handlebars environment. See docs/rendering.md for what templates can use.
 * @module
 */
export {
  type CompiledTemplate,
  createRenderEnvironment,
  type PartialSource,
  type RenderEnvironment,
  type RenderEnvironmentOptions,
  type TrustedHelper,
} from './environment.js';
export {
  createTemplateCompileCache,
  type HeldCompileCache,
  holdCompileCacheWrites,
  type TemplateCompileCache,
} from './compile-cache.js';
export type { HelperBlock, HelperCall, HelperImplementation } from './helpers/types.js';
