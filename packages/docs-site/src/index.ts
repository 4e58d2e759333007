/**
 * The specforge docs site: a static, searchable site built from a project's template registry,
 * with every pack and template, section blame, overlay diffs and example plans.
 *
 * - {@link buildSite} builds the site of a project into a folder, with its guides.
 * - {@link buildSiteModel} computes what the site shows, without HTML, for other front ends.
 * - {@link serveSite} serves the site while you edit the packs, rebuilding and reloading pages.
 *
 * @example
 * ```ts
 * import { buildSite, serveSite } from '@specforge/docs-site';
 *
 * // A static site in ./site, with the team's guides and a link to an API reference.
 * const { pages } = await buildSite({
 *   cwd: process.cwd(),
 *   out: 'site',
 *   cacheDir: '.cache/specforge',
 *   guides: { dir: 'docs' },
 *   apiReference: 'api/index.html',
 * });
 *
 * // Or the same site served with live reload while the packs are edited.
 * const server = await serveSite({ cwd: process.cwd(), cacheDir: '.cache/specforge', port: 0 });
 * console.log(`${pages} pages; serving ${server.url}`);
 * ```
 *
 * @packageDocumentation
 */
export {
  type BuildSiteCacheOptions,
  type BuildSiteOptions,
  type BuildSiteResult,
  buildSite,
} from './build-site.js';
export type { ExtraGuide, GuidesOptions } from './guides/types.js';
export type { DiffLine } from './render/diff-html.js';
export { normalizeBase } from './render/site-urls.js';
export {
  type ServeSiteOptions,
  type SiteRebuild,
  type SiteServer,
  serveSite,
} from './serve/serve-site.js';
export { SITE_MARKER_FILE } from './site-folder.js';
export { type BuildSiteModelOptions, buildSiteModel } from './site-model/build-site-model.js';
export {
  BUILTIN_EXAMPLE_SPEC,
  BUILTIN_EXAMPLE_SPEC_FILE,
} from './site-model/builtin-example-spec.js';
export {
  builtinExampleSpec,
  type ExampleSpec,
  loadExampleSpec,
} from './site-model/example-spec.js';
export {
  buildVersionsModel,
  changedSections,
  type PackVersionsModel,
  type SitePackVersion,
  type TemplateAtVersion,
  type VersionsModelOptions,
} from './site-model/pack-versions.js';
export type {
  ExampleSpecInfo,
  RemovedSection,
  SiteBlame,
  SiteCheckRules,
  SiteExample,
  SiteModel,
  SitePack,
  SiteSection,
  SiteSectionStatus,
  SiteTemplate,
} from './site-model/types.js';
