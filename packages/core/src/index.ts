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
 * Core never touches a terminal or exits: it reads and writes through the paths or the
 * {@link FileSystem} it is given, and reports problems as {@link SpecforgeError}s with permanent
 * codes. Finding a template by reference (`speckit/plan`) is `@specforge/template-registry`'s job.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { applyPlanChange, parseSpec, parseTemplateFile, planSpec } from '@specforge/core';
 *
 * const spec = parseSpec(await readFile('specs/042-checkout/spec.md', 'utf8'));
 * console.log(spec.title, spec.requirements.length);
 *
 * const template = parseTemplateFile(await readFile('templates/plan.md', 'utf8'), {
 *   file: 'templates/plan.md',
 *   pack: { name: 'acme', version: '1.0.0' },
 * });
 * const change = await planSpec({ spec: 'specs/042-checkout/spec.md', template, cwd: process.cwd() });
 * if (!change.refusal) await applyPlanChange(change); // writes specs/042-checkout/plan.md
 * ```
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
