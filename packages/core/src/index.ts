/**
 * The specforge core: the spec model, the rendering engine, and plan generation.
 *
 * - {@link parseSpec} reads a spec (Markdown with optional YAML front matter) into a {@link Spec}.
 * - {@link createRenderEnvironment} renders a {@link TemplateSource} in an isolated, strict
 *   Handlebars instance.
 * - {@link planSpec} and {@link applyPlanChange} turn a spec file into a plan file with
 *   provenance, never overwriting a plan edited by hand.
 * - {@link checkSpec} and {@link checkPlan} report problems in specs and plans as {@link Finding}s.
 *
 * @packageDocumentation
 */
export * from './check/index.js';
export * from './errors/index.js';
export * from './fs/index.js';
export * from './plan/index.js';
export * from './project/index.js';
export * from './render/index.js';
export * from './spec/index.js';
export * from './tasks/index.js';
export * from './template/index.js';
export { type DecodedText, decodeUtf8, type InvalidUtf8Sequence } from './text/decode-utf8.js';
export { normalizeLineEndings, sha256Hex } from './text/hash.js';
export { slugify, stripHeadingAnnotation } from './text/slug.js';
