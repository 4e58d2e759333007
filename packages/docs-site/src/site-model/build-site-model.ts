import {
  createRenderEnvironment,
  type Project,
  type RenderEnvironment,
  type TemplateCompileCache,
  type TemplateMeta,
  type TemplateSource,
} from '@specforge/core';
import type { ResolvedPack, ResolvedTemplate } from '@specforge/template-registry';
import { renderExamplePlan } from './example-plan.js';
import type { ExampleSpec } from './example-spec.js';
import { buildSectionTree, type SectionTree } from './section-tree.js';
import { displayFileRelativeToPack } from './site-blame.js';
import { composeTemplateDocument, findUpstreamDocument } from './template-documents.js';
import type { SiteCheckRules, SiteExample, SiteModel, SitePack, SiteTemplate } from './types.js';
import { toUrlSegment } from './url-segment.js';

/** Options for {@link buildSiteModel}. */
export interface BuildSiteModelOptions {
  /** The resolved packs (`openProjectRegistry(…).packs`). */
  packs: readonly ResolvedPack[];
  /** The project: its name heads the site and its root makes file paths relative. */
  project: Project;
  /** The spec example plans are rendered from (see `loadExampleSpec`). */
  example: ExampleSpec;
  /** Pack descriptions by pack name (see `readPackDescription`); missing ones are `''`. */
  descriptions?: ReadonlyMap<string, string>;
  /** The date example plans see as `today`. */
  now: Date;
  /**
   * Where the templates of example plans are compiled to and read from (see
   * `createTemplateCompileCache`): a template found there renders without being compiled again.
   * The plans are the same with or without it.
   */
  compileCache?: TemplateCompileCache;
}

/**
 * Everything the site shows, from a resolved registry: each pack, and each template of each pack
 * (inherited ones included) with its section tree and blame, its sections compared with its
 * upstream, its inputs and check rules, and an example plan. Reads nothing from disk.
 *
 * A template a pack inherits unchanged is the same object in both packs; its document and
 * example are computed once.
 *
 * @example
 * ```ts
 * const registry = await openProjectRegistry({ cwd, cacheDir });
 * const model = buildSiteModel({ packs: registry.packs, project: registry.project, example: builtinExampleSpec(), now: new Date() });
 * model.templates.map((t) => t.ref); // ['acme/checklist', 'acme/plan', …]
 * ```
 */
export function buildSiteModel(options: BuildSiteModelOptions): SiteModel {
  return composeSiteModel(options);
}

/**
 * Example plans rendered by earlier builds (see `loadExamplePlans`): a template whose plan is
 * there is not rendered again, and each plan rendered is handed to `set`.
 */
export interface ExamplePlanStore {
  /** The example plan of `template` as rendered before, if it is known. */
  get(template: TemplateSource): string | undefined;
  /** Keeps the example plan `markdown` of `template`, which rendered without an error. */
  set(template: TemplateSource, markdown: string): void;
}

/** {@link buildSiteModel}, with the example plans of `examples` where it has them. */
export function composeSiteModel(
  options: BuildSiteModelOptions,
  examples?: ExamplePlanStore,
): SiteModel {
  const { packs, project } = options;
  const displayFile = displayFileRelativeToPack(
    new Map(packs.map((pack) => [pack.name, pack.dir])),
  );
  // Created on the first plan to render: a build whose plans all come from the store never
  // needs one.
  let environment: RenderEnvironment | undefined;
  const renderExample = (template: TemplateSource): SiteExample => {
    const known = examples?.get(template);
    if (known !== undefined) return { ok: true, markdown: known };
    environment ??= createRenderEnvironment({ compileCache: options.compileCache });
    const example = renderExamplePlan(template, {
      environment,
      project,
      example: options.example,
      now: options.now,
      displayFile,
    });
    if (example.ok) examples?.set(template, example.markdown);
    return withDisplayPaths(example, project.root);
  };
  const shared = new WeakMap<ResolvedTemplate, { tree: SectionTree; example: SiteExample }>();

  const templates: SiteTemplate[] = [];
  for (const pack of packs) {
    for (const [id, resolved] of pack.templates) {
      const upstream = findUpstreamDocument(packs, pack, id, resolved);
      // Only an inherited template (no upstream of this pack's own) can be shared.
      let computed = upstream ? undefined : shared.get(resolved);
      if (!computed) {
        computed = {
          tree: buildSectionTree(
            composeTemplateDocument(resolved),
            upstream?.document,
            displayFile,
          ),
          example: renderExample(resolved.template),
        };
        if (!upstream) shared.set(resolved, computed);
      }
      const { meta } = resolved.template;
      templates.push({
        ref: `${pack.name}/${id}`,
        pack: pack.name,
        id,
        kind: meta.kind,
        description: meta.description,
        output: meta.output,
        page: `templates/${toUrlSegment(pack.name)}/${toUrlSegment(id)}/index.html`,
        layers: resolved.layers.map((layer) => ({
          ...layer,
          file: displayFile(layer.file, layer.pack),
        })),
        upstream: upstream?.label,
        ...computed.tree,
        inputs: Object.entries(meta.inputs).map(([name, input]) => ({ name, ...input })),
        rules: checkRules(meta),
        example: computed.example,
      });
    }
  }
  templates.sort((a, b) => compare(a.ref, b.ref));

  const sitePacks: SitePack[] = packs.map((pack) => ({
    name: pack.name,
    version: pack.version,
    base: pack.base,
    copiedFrom: pack.copiedFrom ? `${pack.copiedFrom.pack}@${pack.copiedFrom.version}` : undefined,
    description: options.descriptions?.get(pack.name) ?? '',
    source: pack.source,
    templates: [...pack.templates.keys()].map((id) => `${pack.name}/${id}`).sort(compare),
  }));
  sitePacks.sort((a, b) => compare(a.name, b.name));

  return {
    project: project.name,
    packs: sitePacks,
    templates,
    exampleSpec: { file: options.example.file, builtIn: options.example.builtIn },
  };
}

function checkRules(meta: TemplateMeta): SiteCheckRules {
  return {
    requiredSections: [...meta.requiredSections],
    placeholders: [...meta.placeholders],
    idPatterns: Object.entries(meta.idPatterns).map(([prefix, pattern]) => ({ prefix, pattern })),
    traces: meta.traces.map((trace) => ({ from: trace.from, in: trace.in })),
  };
}

// Render errors name template files by their path on the machine that built the site.
function withDisplayPaths(example: SiteExample, root: string): SiteExample {
  if (example.ok) return example;
  return { ok: false, message: example.message.split(`${root}/`).join('') };
}

// Plain code-unit order: the same on every machine, whatever its locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
