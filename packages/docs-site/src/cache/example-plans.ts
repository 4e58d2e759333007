import { buildTemplateInputs, type Project, type TemplateSource } from '@specforge/core';
import type { ResolvedPack } from '@specforge/template-registry';
import type { ExamplePlanStore } from '../site-model/build-site-model.js';
import type { ExampleSpec } from '../site-model/example-spec.js';
import { type BuildCache, hashParts } from './build-cache.js';
import { bundleKey, readBundle, writeBundle } from './bundles.js';
import { CACHE_REVISION, readToolVersions } from './tool-versions.js';

/** What example plans are rendered from, besides each template. */
export interface ExamplePlansOptions {
  packs: readonly ResolvedPack[];
  project: Project;
  example: ExampleSpec;
  now: Date;
}

/** An {@link ExamplePlanStore} over the build cache, with what it found there. */
export interface CachedExamplePlans extends ExamplePlanStore {
  /** Called once, when the first plan that was not in the cache has rendered. */
  onRendered?: () => void;
  /**
   * Stores the example plans of this build (found or rendered) as one bundle, unless it is the
   * bundle they came from, and returns its key.
   */
  save(): string;
}

/**
 * The example plans of the templates of `packs` that the bundle `bundle` (the last build's, see
 * `Bundle`) holds under their {@link examplePlanKeys} key; the others are rendered and given to
 * `set`, and {@link CachedExamplePlans.save} keeps them all for the next build.
 */
export function loadExamplePlans(
  cache: BuildCache,
  options: ExamplePlansOptions,
  bundle: string | undefined,
): CachedExamplePlans {
  const keyOf = examplePlanKeys(options);
  const previous = readBundle(cache, 'examples', bundle);
  const templates = new Set<TemplateSource>();
  for (const pack of options.packs) {
    for (const resolved of pack.templates.values()) templates.add(resolved.template);
  }
  const found = new Map<TemplateSource, string>();
  const items = new Map<string, string | Uint8Array>();
  for (const template of templates) {
    const key = keyOf(template);
    const item = previous?.get(key);
    if (item === undefined) continue;
    found.set(template, item.toString('utf8'));
    items.set(key, item);
  }
  return {
    get: (template) => found.get(template),
    set(template, markdown) {
      if (this.onRendered) {
        this.onRendered();
        this.onRendered = undefined;
      }
      items.set(keyOf(template), markdown);
    },
    save() {
      const key = bundleKey('examples', items.keys());
      return key === bundle ? key : writeBundle(cache, 'examples', items);
    },
  };
}

/**
 * The cache key of a template's example plan: `sha256` over everything the plan depends on —
 * the template's metadata and body, the example spec's text and path (its parsed model is a
 * function of both), every input the template renders with (the project's name, root and vars,
 * the template's identity, today's date), and the versions of this package, of
 * `@specforge/core` (the render environment and its helpers) and of the Handlebars it renders
 * with. Only plans that rendered are stored; a template that fails renders again each build, so
 * that its error names the files of this machine.
 */
export function examplePlanKeys(
  options: ExamplePlansOptions,
): (template: TemplateSource) => string {
  const versions = readToolVersions();
  const { example } = options;
  const context = hashParts([
    'example-plan',
    String(CACHE_REVISION),
    versions.docsSite,
    versions.core,
    versions.coreHandlebars,
    example.file,
    String(example.builtIn),
    example.text,
  ]);
  const keys = new Map<TemplateSource, string>();
  return (template) => {
    let key = keys.get(template);
    if (key === undefined) {
      const inputs = buildTemplateInputs({
        specText: example.text,
        spec: example.spec,
        project: options.project,
        template,
        now: options.now,
      });
      // The spec and its text are in the context already.
      const rest = { ...inputs, SPECIFICATION: undefined, spec: undefined };
      key = hashParts([
        context,
        JSON.stringify(template.meta),
        template.body,
        JSON.stringify(rest),
      ]);
      keys.set(template, key);
    }
    return key;
  };
}
